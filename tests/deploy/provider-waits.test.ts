import { strict as assert } from "assert";
import { CHAINED_SESSION_SECONDS, PIPELINE_SESSION_SECONDS } from "../../components/policy-documents/deployment";
import type { PlannedStack } from "../../lib/contracts/plan-document";
import { JOB_TIMEOUT_MINUTES } from "../../stacks/deploy/github-workflow";
import { PROVIDER_WAITS, durationMinutes, longestWaitChain } from "../../stacks/deploy/provider-waits";
import { exampleFleetPlan } from "../helpers/example-catalog";

describe("sessions and the provider's longest waits", () => {
    it("every stack's longest chain of waits fits in the CI job, which fits in its OIDC session", async () => {
        const plan = await exampleFleetPlan();
        const chains = plan.stacks.map((stack) => ({ stack: stack.name, ...longestWaitChain(stack) }));
        const longest = chains.reduce((best, chain) => (chain.minutes > best.minutes ? chain : best));
        assert.equal(longest.minutes, 90);
        assert.deepEqual(
            longest.path.map((urn) => urn.split("::").pop()),
            ["orders-latency-certificate-validation-record", "orders-latency-certificate-validation", "orders-latency-record"],
        );
        assert.ok(longest.minutes < JOB_TIMEOUT_MINUTES, `${longest.stack} may wait ${longest.minutes} min; the job stops at ${JOB_TIMEOUT_MINUTES}`);
        assert.ok(JOB_TIMEOUT_MINUTES * 60 < PIPELINE_SESSION_SECONDS);
        // The deployment role is chained, so its own session never bounds a run: the provider re-assumes it.
        assert.equal(CHAINED_SESSION_SECONDS, 3600);
    });

    it("bounds ACM validation, which the provider would wait 75 minutes for, and the unbounded chain would outlive the job", async () => {
        const plan = await exampleFleetPlan();
        const regional = plan.stacks.find((stack) => stack.name === "orders-prod.eu-west-1")!;
        const validation = regional.resources.find((resource) => resource.type === "aws:acm/certificateValidation:CertificateValidation")!;
        assert.deepEqual(validation.customTimeouts, { create: "30m" });
        assert.equal(PROVIDER_WAITS[validation.type].createMinutes, 75);
        const unbounded: PlannedStack = {
            ...regional,
            resources: regional.resources.map((resource) => (resource === validation ? { ...resource, customTimeouts: undefined } : resource)),
        };
        assert.ok(longestWaitChain(unbounded).minutes > JOB_TIMEOUT_MINUTES);
    });

    it("reads Pulumi's durations", () => {
        assert.equal(durationMinutes("30m"), 30);
        assert.equal(durationMinutes("1h30m"), 90);
        assert.equal(durationMinutes("90s"), 1.5);
        assert.throws(() => durationMinutes("soon"), /is not a duration/);
    });
});
