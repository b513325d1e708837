import { strict as assert } from "assert";
import { EXAMPLE_SUBSYSTEMS, syntheticFleet, syntheticFleetSettings } from "../../bench/policy-fleet";
import { withPolicyContexts } from "../../stacks/policy-context";
import { evaluateFleet, evaluatePlannedStacks } from "../../policies/evaluator";
import type { PlannedStack } from "../../lib/contracts/plan-document";

/** A hand-made planned fleet following the components' conventions: orders in 3 regions, payments in 2. */
function cleanFleet(): PlannedStack[] {
    return syntheticFleet(EXAMPLE_SUBSYSTEMS);
}

function resourceIn(fleet: PlannedStack[], stack: string, name: string) {
    const found = fleet.find((s) => s.name === stack)?.resources.find((r) => r.name === name);
    assert.ok(found, `${stack} has no ${name}`);
    return found;
}

describe("planned fleet policy evaluation", () => {
    it("passes the clean example fleet with no findings at all", () => {
        const result = evaluatePlannedStacks(cleanFleet());
        assert.deepEqual(result.findings, []);
        assert.equal(result.mandatory, 0);
    });

    it("broken fleet: a role that drops its boundary is a mandatory finding naming the rule and URN", () => {
        const fleet = cleanFleet();
        const role = resourceIn(fleet, "orders-prod.eu-west-1", "orders-tracer-eu-west-1");
        delete role.inputs.permissionsBoundary;
        delete role.outputs.permissionsBoundary;
        const result = evaluatePlannedStacks(fleet);
        assert.equal(result.mandatory, 1);
        assert.deepEqual(
            result.findings.map((f) => [f.policy, f.level, f.stack, f.urn, f.message]),
            [
                [
                    "permissions-boundary-required",
                    "mandatory",
                    "orders-prod.eu-west-1",
                    "urn:pulumi:orders-prod.eu-west-1::meridian::aws:iam/role:Role::orders-tracer-eu-west-1",
                    "role orders-tracer-eu-west-1 has no permissions boundary",
                ],
            ],
        );
    });

    function grantIamStar(fleet: PlannedStack[]) {
        const policy = resourceIn(fleet, "payments-staging.us-east-1", "payments-tracer-us-east-1-policy");
        const document = JSON.parse(policy.inputs.policy as string);
        document.Statement.push({ Effect: "Allow", Action: "iam:*", Resource: "*" });
        policy.inputs.policy = policy.outputs.policy = JSON.stringify(document);
        return policy;
    }
    const TRACER_ROLE = "urn:pulumi:payments-staging.us-east-1::meridian::aws:iam/role:Role::payments-tracer-us-east-1";

    it("broken fleet: granting iam:* is a mandatory finding naming the rule and URN", () => {
        const fleet = cleanFleet();
        const policy = grantIamStar(fleet);
        const result = evaluatePlannedStacks(fleet);
        const wildcard = result.findings.find((f) => f.policy === "no-wildcard-grants");
        assert.deepEqual(wildcard && [wildcard.level, wildcard.urn, wildcard.message], [
            "mandatory",
            policy.urn,
            'policy Statement[4] allows "iam:*" on Resource "*"',
        ]);
    });

    it("judges escalation within the role's boundary, read from the account's global stack", () => {
        const bounded = cleanFleet();
        grantIamStar(bounded);
        // The synthetic boundary denies iam:*, so the grant cannot be used to escalate.
        assert.deepEqual(
            evaluatePlannedStacks(bounded).findings.filter((f) => f.policy === "no-privilege-escalation"),
            [],
        );

        const permissive = cleanFleet();
        grantIamStar(permissive);
        const boundary = resourceIn(permissive, "payments-staging.global", "payments-boundary");
        const document = JSON.parse(boundary.inputs.policy as string);
        document.Statement = document.Statement.filter((statement: { Effect: string }) => statement.Effect === "Allow").concat({
            Effect: "Allow",
            Action: "iam:*",
            Resource: "*",
        });
        boundary.inputs.policy = JSON.stringify(document);
        // The planner records each stack's known policy documents; re-plan the edited fleet.
        const escalation = evaluatePlannedStacks(withPolicyContexts(permissive, syntheticFleetSettings(EXAMPLE_SUBSYSTEMS))).findings.filter(
            (f) => f.policy === "no-privilege-escalation",
        );
        assert.ok(escalation.some((f) => f.message.includes("via PutRolePolicy ")));
        assert.ok(escalation.every((f) => f.level === "mandatory" && f.urn === TRACER_ROLE));
    });

    it("fleet rules: a region missing its health checks, record and replication is named", () => {
        const fleet = cleanFleet();
        const stack = fleet.find((s) => s.name === "orders-prod.ap-southeast-2");
        assert.ok(stack);
        stack.resources = stack.resources.filter(
            (r) => !["aws:route53/healthCheck:HealthCheck", "aws:route53/record:Record", "aws:cloudwatch/eventTarget:EventTarget"].includes(r.type),
        );
        const findings = evaluateFleet(fleet);
        assert.deepEqual(
            findings.map((f) => [f.policy, f.stack, f.message]),
            [
                ["fleet-region-completeness", "orders-prod.ap-southeast-2", "orders in ap-southeast-2 has no https, metric, calculated health check"],
                ["fleet-region-completeness", "orders-prod.ap-southeast-2", "orders in ap-southeast-2 publishes no latency record for ap-southeast-2"],
                ["fleet-region-completeness", "orders-prod.ap-southeast-2", "orders in ap-southeast-2 does not replicate events to us-east-1, eu-west-1"],
            ],
        );
    });

    it("fleet rules: a single-region subsystem and a cross-region stack dependency are single points of failure", () => {
        const fleet = syntheticFleet([{ name: "ledger", regions: ["us-east-1"], accounts: { prod: "333333333333" } }, EXAMPLE_SUBSYSTEMS[1]]);
        const dependent = fleet.find((s) => s.name === "payments-prod.eu-west-1");
        assert.ok(dependent);
        dependent.dependsOn.push("payments-prod.us-east-1");
        const findings = evaluateFleet(fleet).filter((f) => f.policy === "fleet-no-single-point-of-failure");
        assert.deepEqual(
            findings.map((f) => [f.stack, f.message]),
            [
                ["ledger-prod.us-east-1", "ledger in account ledger-prod runs in 1 region(s); at least 2 are needed to fail over"],
                ["payments-prod.eu-west-1", "payments-prod.eu-west-1 depends on payments-prod.us-east-1: losing that region would block this one"],
            ],
        );
    });

    it("fleet rules follow the enforcement level set in config", () => {
        const fleet = syntheticFleet([{ name: "ledger", regions: ["us-east-1"], accounts: { prod: "333333333333" } }]);
        assert.deepEqual(
            evaluateFleet(fleet, { config: { "fleet-no-single-point-of-failure": "advisory" } }).map((f) => f.level),
            ["advisory"],
        );
        assert.deepEqual(evaluateFleet(fleet, { config: { "fleet-no-single-point-of-failure": "disabled" } }), []);
    });

    it("exceptions set aside matching plan findings", () => {
        const fleet = cleanFleet();
        delete resourceIn(fleet, "orders-prod.eu-west-1", "orders-tracer-eu-west-1").inputs.permissionsBoundary;
        const result = evaluatePlannedStacks(fleet, {
            exceptions: [{ rule: "permissions-boundary-required", urn: "urn:pulumi:orders-prod.*::*tracer*", reason: "r", expires: "2099-01-01" }],
        });
        assert.equal(result.mandatory, 0);
        assert.equal(result.suppressed.length, 1);
    });
});
