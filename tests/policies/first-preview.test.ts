import { strict as assert } from "assert";
import { evaluatePlannedStacks } from "../../policies/evaluator";
import { MERIDIAN_RULES } from "../../policies/rules";
import { UNKNOWN_SENTINEL } from "../../policies/unknown-values-proxy";
import { exampleFleetPreview } from "../helpers/example-catalog";

/**
 * Checkable at the first preview: the example fleet rendered as a first `pulumi preview` sees it
 * (no ids, computed outputs unknown; stacks/plan.ts previewPlannedStacks) must leave no IAM or
 * resource-policy rule unable to judge, because the components build every policy document and
 * every ARN in it from known values (account, region, partition, name).
 */

/** Rules about regional resilience, not about IAM or resource policies: they may wait for values AWS assigns. */
const RESILIENCE_RULES = ["bus-replication", "health-check-timing", "calculated-check-threshold", "latency-record-health-check", "account-protected"];

describe("the first preview of the example fleet", function () {
    this.timeout(300_000);

    it("is a real first preview: resources have no ids and AWS-assigned values are unknown", async () => {
        const stacks = await exampleFleetPreview();
        const resources = stacks.flatMap((stack) => stack.resources).filter((resource) => resource.custom && resource.type.startsWith("aws:"));
        assert.ok(resources.length > 500);
        assert.ok(resources.every((resource) => resource.outputs.id === UNKNOWN_SENTINEL));
        assert.ok(
            resources.some((resource) => Object.values(resource.inputs).includes(UNKNOWN_SENTINEL)),
            "some inputs derive from unknown outputs",
        );
    });

    it("leaves no IAM or resource-policy rule unable to check, and finds nothing the plan does not", async () => {
        const evaluation = evaluatePlannedStacks(await exampleFleetPreview());
        const cannotCheck = evaluation.findings.filter((finding) => finding.message.startsWith("cannot check during preview"));
        const policyRules = MERIDIAN_RULES.map((rule) => rule.name).filter((name) => !RESILIENCE_RULES.includes(name));
        assert.deepEqual(
            cannotCheck.filter((finding) => policyRules.includes(finding.policy)).map((finding) => `${finding.policy} ${finding.urn}: ${finding.message}`),
            [],
        );
        assert.equal(evaluation.mandatory, 0, evaluation.findings.map((finding) => `${finding.policy}: ${finding.message}`).join("\n"));
    });
});
