import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { PolicyFinding } from "../../lib/contracts/plan-document";
import { runPolicyCheck } from "../../policies/policy-check";
import { copyExampleCatalog, editFile, seedPlanCache } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";

const key = (finding: PolicyFinding) => [finding.policy, finding.level, finding.stack, finding.urn ?? "", finding.message].join(" | ");

describe("one verdict from every runner", function () {
    this.timeout(120_000);

    it("meridian plan and meridian policy check on its plan.json report the same findings, catalog settings included", async () => {
        const root = copyExampleCatalog("meridian-parity-");
        try {
            // A failover target no health check can meet: the timing rule reads it from the stack's context.
            editFile(root, "regions/regions.yaml", (text) => text.replace(/failoverTargetSeconds: \d+/, "failoverTargetSeconds: 80"));
            const out = path.join(root, "plan-out");
            await seedPlanCache(out);
            const planned = await runMeridianInProcess(["plan", "--root", root, "--out", out, "--quiet", "--format", "json", "--jobs", "1"]);
            assert.equal(planned.status, 1, planned.stderr);
            const plan = JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8")) as { policy: { findings: PolicyFinding[] } };
            const fromPlan = plan.policy.findings.map(key).sort();
            assert.ok(
                fromPlan.some((line) => line.startsWith("health-check-timing | mandatory")),
                "the 80 s target trips the timing rule",
            );

            const checked = await runPolicyCheck([path.join(out, "plan.json")]);
            assert.deepEqual(checked.findings.map(key).sort(), fromPlan);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
