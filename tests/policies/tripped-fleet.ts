import * as fs from "fs";
import * as path from "path";
import type { PlanDocument, PlannedStack } from "../../lib/contracts/plan-document";
import { copyExampleCatalog, editFile, seedPlanCache } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";
import { loadCatalog } from "../../stacks/catalog";
import { previewPlannedStacks } from "../../stacks/plan";

/**
 * The example fleet planned with catalog settings that trip a rule through the stack context (a
 * failover target of 80 s, which no health check meets), once per test run, plus the same stacks
 * written the way the Pulumi CLI writes them (`pulumi stack export`, `pulumi preview --json`).
 */

export interface TrippedFleet {
    dir: string;
    planFile: string;
    plan: PlanDocument;
    /** The stacks as their first `pulumi preview` sees them, for the stacks `previewOf` was asked for. */
    previewOf(stackName: string): Promise<PlannedStack>;
}

let tripped: Promise<TrippedFleet> | undefined;

export function trippedFleet(): Promise<TrippedFleet> {
    tripped ??= (async () => {
        const root = copyExampleCatalog("meridian-tripped-");
        editFile(root, "regions/regions.yaml", (text) => text.replace(/failoverTargetSeconds: \d+/, "failoverTargetSeconds: 80"));
        const out = path.join(root, "plan-out");
        await seedPlanCache(out);
        const run = await runMeridianInProcess(["plan", "--root", root, "--out", out, "--quiet", "--format", "json"]);
        if (run.status !== 1) throw new Error(`expected the 80 s target to trip the plan (exit 1), got ${run.status}: ${run.stderr}`);
        const planFile = path.join(out, "plan.json");
        const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as PlanDocument;
        const previewOf = async (stackName: string) => (await previewPlannedStacks(loadCatalog(root), plan, { stackNames: [stackName] }))[0];
        return { dir: root, planFile, plan, previewOf };
    })();
    return tripped;
}

function engineState(stack: PlannedStack, withOutputs: boolean) {
    return stack.resources.map((resource) => ({
        urn: resource.urn,
        custom: resource.custom,
        type: resource.type,
        inputs: resource.inputs,
        ...(withOutputs ? { outputs: resource.outputs } : {}),
        parent: resource.parent,
        provider: resource.provider && `${resource.provider}::00000000-0000-4000-8000-000000000000`,
        protect: resource.protect,
        dependencies: resource.dependencies,
        propertyDependencies: resource.propertyDependencies,
    }));
}

/** `pulumi stack export` of a stack that has been deployed as planned (a version 3 deployment). */
export function writeStackExport(dir: string, stack: PlannedStack): string {
    const file = path.join(dir, `${stack.name}.export.json`);
    fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { manifest: {}, resources: engineState(stack, true) } }));
    return file;
}

/** `pulumi preview --json` of a stack rendered in preview mode: one create step per resource, inputs and their dependencies, no outputs. */
export function writeStackPreview(dir: string, stack: PlannedStack): string {
    const file = path.join(dir, `${stack.name}.preview.json`);
    const steps = engineState(stack, false).map((state) => ({ op: "create", urn: state.urn, newState: state }));
    fs.writeFileSync(file, JSON.stringify({ config: {}, steps, changeSummary: { create: steps.length } }));
    return file;
}
