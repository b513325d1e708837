import { strict as assert } from "assert";
import { evaluateStackOutcomes, evaluateStacks } from "../../policies/evaluator";
import { MERIDIAN_RULES } from "../../policies/rules";
import { permissionsBoundaryRequired } from "../../policies/rules/permissions-boundary-required";
import { noPrivilegeEscalation } from "../../policies/rules/no-privilege-escalation";
import { resource, role, rolePolicy, stackOf } from "./rule-harness";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const unbounded = () => {
    const r = role("r");
    delete r.props.permissionsBoundary;
    return r;
};

describe("evaluator", () => {
    it("reports findings with policy, level, stack, URN, message and remediation", () => {
        const r = unbounded();
        assert.deepEqual(evaluateStacks([stackOf(r)], { rules: [permissionsBoundaryRequired] }), [
            {
                policy: "permissions-boundary-required",
                level: "mandatory",
                stack: "test",
                urn: r.urn,
                message: "role r has no permissions boundary",
                remediation: permissionsBoundaryRequired.remediationSteps,
            },
        ]);
    });
    it("turns an unknown preview value into an advisory cannot-check finding", () => {
        const [outcome] = evaluateStackOutcomes(stackOf(role("r", { permissionsBoundary: UNKNOWN })), { rules: [permissionsBoundaryRequired] });
        assert.equal(outcome.status, "cannot-check");
        assert.deepEqual(
            outcome.findings.map((f) => [f.level, f.message]),
            [["advisory", "cannot check during preview: value at .permissionsBoundary can't be known during preview"]],
        );
    });
    it("treats a present-but-undefined computed value as unknown", () => {
        const r = role("r", { permissionsBoundary: undefined });
        assert.equal(evaluateStackOutcomes(stackOf(r), { rules: [permissionsBoundaryRequired] })[0].status, "cannot-check");
    });
    it("lets stack rules see outputs and link through unknown values by property dependency", () => {
        const r = role("r");
        const policy = {
            ...rolePolicy("p", UNKNOWN, { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" }),
            propertyDependencies: { role: [r.urn] },
        };
        const [outcome] = evaluateStackOutcomes(stackOf(r, policy), { rules: [noPrivilegeEscalation] });
        assert.equal(outcome.status, "violation");
    });
    it("applies enforcement levels from config: advisory, disabled, and `all`", () => {
        const stack = stackOf(unbounded());
        assert.equal(
            evaluateStacks([stack], { rules: [permissionsBoundaryRequired], config: { "permissions-boundary-required": "advisory" } })[0].level,
            "advisory",
        );
        assert.deepEqual(
            evaluateStacks([stack], { rules: [permissionsBoundaryRequired], config: { "permissions-boundary-required": { enforcementLevel: "disabled" } } }),
            [],
        );
        assert.equal(evaluateStacks([stack], { rules: [permissionsBoundaryRequired], config: { all: "advisory" } })[0].level, "advisory");
    });
    it("records not-applicable outcomes without findings", () => {
        const outcomes = evaluateStackOutcomes(stackOf(resource("aws:s3/bucket:Bucket", "b", {})), { rules: [permissionsBoundaryRequired] });
        assert.deepEqual(
            outcomes.map((o) => [o.status, o.reason, o.findings.length]),
            [["not-applicable", "applies only to aws:iam/role:Role", 0]],
        );
    });
    it("gives every rule remediation text, a mandatory default and a default for every config property", () => {
        for (const rule of MERIDIAN_RULES) {
            assert.ok(rule.remediationSteps.length > 20, rule.name);
            assert.equal(rule.enforcementLevel, "mandatory", rule.name);
            for (const [key, property] of Object.entries(rule.configSchema.properties))
                assert.ok(typeof property === "object" && property.default !== undefined, `${rule.name}.${key}`);
        }
    });
});
