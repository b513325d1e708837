/**
 * The deployability check's cost, side by side with the plan it is part of, in one run
 * (`npm run bench -- deployability-cost [--sizes 400]`, the largest size given): plans a synthetic fleet as `meridian plan` does (render, deployability, policy) and writes its
 * plan.json; then a fresh process reads that plan.json and runs the check alone, cold (service
 * authorization reference files unread, nothing compiled), as the planner's own run is. Prints one
 * line: the plan's time, the check's time, its cost per resource and per call, and what it adds
 * to the plan (the check's share over the rest of the plan), against the 25% budget.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import type { PlanDocument } from "../lib/contracts/plan-document";
import { type BenchModule, fromSource, timedNode } from "./bench-kit";
import { generateFleet, shapeForStacks } from "./fleet-generator";

const BUDGET = 0.25;

/**
 * The child: the check alone over a written plan, cold; prints its milliseconds and call count as
 * JSON. Loading the IAM reference counts as loading: the planner loads it while the workers render.
 */
async function assessOnly(root: string, planFile: string): Promise<void> {
    const started = performance.now();
    const { assessDeployability } = require("../policies/deploy/deployability") as typeof import("../policies/deploy/deployability");
    const { loadCatalog } = require("../stacks/catalog") as typeof import("../stacks/catalog");
    const { providerIdentity } = require("../stacks/stack-config") as typeof import("../stacks/stack-config");
    const { loadActionCatalog } = require("../policies/iam/action-catalog") as typeof import("../policies/iam/action-catalog");
    await loadActionCatalog();
    const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as PlanDocument;
    const catalog = loadCatalog(root);
    const accountIds = plan.stacks.find((stack) => stack.kind === "organization")?.outputs.accountIds as Record<string, string>;
    const loaded = performance.now();
    const records = assessDeployability(plan.stacks, { providerOf: (stack) => providerIdentity(catalog, stack, stack.accountId ?? accountIds[stack.account]) });
    const milliseconds = performance.now() - loaded;
    const calls = [...records.values()].reduce((sum, record) => sum + record.calls, 0);
    process.stdout.write(JSON.stringify({ milliseconds, loadMilliseconds: loaded - started, calls }));
}

async function measure(target: number, print: (line: string) => void): Promise<void> {
    const { planWithPolicy } = await import("../cli/plan-with-policy");
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-deployability-"));
    try {
        generateFleet(root, shapeForStacks(target), path.join(__dirname, "..", "accounts", "scps"));
        const started = performance.now();
        const plan = await planWithPolicy({ root });
        const planMilliseconds = performance.now() - started;
        const planFile = path.join(root, "plan.json");
        fs.writeFileSync(planFile, JSON.stringify(plan));
        const check = JSON.parse(timedNode(fromSource(__filename, "--assess", root, planFile)).stdout) as { milliseconds: number; calls: number };
        const resources = plan.stacks.reduce((sum, stack) => sum + stack.resources.length, 0);
        const added = check.milliseconds / (planMilliseconds - check.milliseconds);
        print(
            `deployability stacks=${plan.stacks.length} resources=${resources} calls=${check.calls} plan=${(planMilliseconds / 1000).toFixed(2)}s ` +
                `check=${(check.milliseconds / 1000).toFixed(2)}s perResource=${((check.milliseconds * 1000) / resources).toFixed(0)}us ` +
                `perCall=${((check.milliseconds * 1000) / check.calls).toFixed(1)}us added=${(added * 100).toFixed(1)}% budget=${BUDGET * 100}% ${added < BUDGET ? "ok" : "OVER"}`,
        );
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
    }
}

export const deployabilityCostBench: BenchModule = {
    name: "deployability-cost",
    run: (print, args) => measure(Math.max(...(args.sizes ?? [400])), print),
};

if (require.main === module && process.argv[2] === "--assess") void assessOnly(process.argv[3], process.argv[4]);
