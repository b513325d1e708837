import { strict as assert } from "assert";
import * as path from "path";
import { register } from "../../cli/commands/policy";
import type { PolicyFinding } from "../../lib/contracts/plan-document";
import { runPolicyCheck } from "../../policies/policy-check";
import { runCommand } from "../helpers/cli";
import { trippedFleet, writeStackExport, writeStackPreview } from "./tripped-fleet";

/**
 * One verdict from every runner: the stack context `meridian plan` records reaches `policy check`
 * on exports and previews through `--context`, and the real server through the
 * `--policy-pack-config` document `meridian policy context` prints (crossguard-parity.test.ts).
 */

const STACK = "orders-prod.eu-west-1";
const key = (finding: PolicyFinding) => [finding.policy, finding.level, finding.stack, finding.urn ?? "", finding.message].join(" | ");

describe("stack context for every runner", function () {
    this.timeout(120_000);

    it("policy check on an export of a planned stack gives the plan's findings with --context, and misses the context's without", async () => {
        const fleet = await trippedFleet();
        const stack = fleet.plan.stacks.find((candidate) => candidate.name === STACK)!;
        const fromPlan = fleet.plan.policy.findings
            .filter((finding) => finding.stack === STACK)
            .map(key)
            .sort();
        assert.ok(
            fromPlan.some((line) => line.startsWith("health-check-timing | mandatory")),
            "the 80 s target trips the timing rule",
        );
        const exported = writeStackExport(fleet.dir, stack);
        assert.deepEqual((await runPolicyCheck([exported], { contextFile: fleet.planFile })).findings.map(key).sort(), fromPlan);
        assert.ok(!(await runPolicyCheck([exported])).findings.some((finding) => finding.policy === "health-check-timing"));
    });

    it("policy check on a first preview of the stack gives the plan's mandatory findings with --context; what the preview cannot know is advisory", async () => {
        const fleet = await trippedFleet();
        const fromPlan = fleet.plan.policy.findings
            .filter((finding) => finding.stack === STACK)
            .map(key)
            .sort();
        const checked = (await runPolicyCheck([writeStackPreview(fleet.dir, await fleet.previewOf(STACK))], { contextFile: fleet.planFile })).findings;
        assert.deepEqual(
            checked
                .filter((finding) => finding.level === "mandatory")
                .map(key)
                .sort(),
            fromPlan,
        );
        for (const finding of checked.filter((candidate) => candidate.level === "advisory")) assert.match(finding.message, /^cannot check during preview/);
    });

    it("rejects --context naming a plan without the checked stack, and a file that is not a plan", async () => {
        const fleet = await trippedFleet();
        const exported = writeStackExport(fleet.dir, { ...fleet.plan.stacks[0], name: "elsewhere.us-east-1", resources: [] });
        const foreign = writeStackExport(fleet.dir, {
            ...fleet.plan.stacks[0],
            resources: fleet.plan.stacks[0].resources.map((resource) => ({
                ...resource,
                urn: resource.urn.replace(/^urn:pulumi:[^:]+::/, "urn:pulumi:elsewhere::"),
            })),
        });
        const missing = await runCommand({ register }, ["policy", "check", foreign, "--context", fleet.planFile]);
        assert.equal(missing.status, 2);
        assert.match(missing.stderr, /plan\.json: stacks: has no stack "elsewhere"/);
        const notPlan = await runCommand({ register }, ["policy", "check", foreign, "--context", exported]);
        assert.equal(notPlan.status, 2);
        assert.match(notPlan.stderr, /is a stack-export file; the stack context comes from a plan\.json/);
    });

    it("meridian policy context prints the stack's --policy-pack-config: its context under the user's settings, pack rules only", async () => {
        const fleet = await trippedFleet();
        const run = await runCommand({ register }, ["policy", "context", fleet.planFile, "--stack", STACK]);
        assert.equal(run.status, 0, run.stderr);
        const config = JSON.parse(run.stdout) as Record<string, Record<string, unknown>>;
        assert.deepEqual(config["health-check-timing"], { failoverTargetSeconds: 80 });
        assert.deepEqual(config["bus-replication"], { subsystemRegions: ["ap-southeast-2", "eu-west-1", "us-east-1"] });
        assert.equal(config["trust-policy-tight"].accountId, "555555555555");
        assert.ok(!("fleet-region-completeness" in config));
        const unknown = await runCommand({ register }, ["policy", "context", fleet.planFile, "--stack", "nope"]);
        assert.equal(unknown.status, 2);
        assert.match(unknown.stderr, new RegExp(`${path.basename(fleet.planFile)}: stacks: has no stack "nope"`));
    });
});
