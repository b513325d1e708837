import { strict as assert } from "assert";
import type { Deployability } from "../../../lib/contracts/plan-document";
import { evaluateFleetStacks } from "../../../policies/evaluator";
import { deployPermissions } from "../../../policies/fleet/deploy-permissions";
import type { NormalisedStack } from "../../../policies/normalised-stack";

const DEPLOYER = "arn:aws:iam::555555555555:role/orders-deployment";
const KEY_URN = "urn:pulumi:orders-prod.eu-west-1::meridian::aws:kms/key:Key::orders-bus-key";

function stack(deployability?: Deployability): NormalisedStack {
    return { name: "orders-prod.eu-west-1", resources: [], deployability };
}

function record(overrides: Partial<Deployability> = {}): Deployability {
    return { principal: DEPLOYER, chain: [DEPLOYER], origin: "planned in orders-prod.global", calls: 42, denied: [], unmodelled: [], ...overrides };
}

function findings(stacks: NormalisedStack[]) {
    return evaluateFleetStacks(stacks, { rules: [deployPermissions] });
}

describe("deploy-permissions", () => {
    it("passes a stack whose every checked call is allowed", () => {
        assert.deepEqual(findings([stack(record())]), []);
    });

    it("reports each refused call as a mandatory finding naming the URN, the action, the ARN and what refused it", () => {
        const result = findings([
            stack(
                record({
                    denied: [
                        {
                            urn: KEY_URN,
                            phase: "create",
                            action: "kms:TagResource",
                            resource: "arn:aws:kms:eu-west-1:555555555555:key/*",
                            principal: DEPLOYER,
                            reason: `no identity policy of ${DEPLOYER} allows it`,
                        },
                        {
                            urn: "urn:pulumi:orders-prod.global::meridian::aws:cloudtrail/trail:Trail::t",
                            phase: "delete",
                            action: "cloudtrail:DeleteTrail",
                            resource: "arn:aws:cloudtrail:us-east-1:555555555555:trail/t",
                            principal: DEPLOYER,
                            deniedBy: "SCP protect-security-services",
                            reason: "explicit Deny in SCP protect-security-services (ProtectCloudTrail)",
                        },
                    ],
                }),
            ),
        ]);
        assert.deepEqual(
            result.map((finding) => [finding.policy, finding.level, finding.stack, finding.urn, finding.message]),
            [
                [
                    "deploy-permissions",
                    "mandatory",
                    "orders-prod.eu-west-1",
                    KEY_URN,
                    `${DEPLOYER} may not kms:TagResource on arn:aws:kms:eu-west-1:555555555555:key/* (create): nothing allows it (no identity policy of ${DEPLOYER} allows it)`,
                ],
                [
                    "deploy-permissions",
                    "mandatory",
                    "orders-prod.eu-west-1",
                    "urn:pulumi:orders-prod.global::meridian::aws:cloudtrail/trail:Trail::t",
                    `${DEPLOYER} may not cloudtrail:DeleteTrail on arn:aws:cloudtrail:us-east-1:555555555555:trail/t (delete): explicit Deny in SCP protect-security-services (ProtectCloudTrail)`,
                ],
            ],
        );
    });

    it("reports a call it could not check", () => {
        const result = findings([stack(record({ unmodelled: ["aws:sns/topic:Topic"] }))]);
        assert.deepEqual(
            result.map((finding) => finding.message),
            ["unchecked: aws:sns/topic:Topic; the provider-call table has no way to check it"],
        );
    });

    it("is not applicable to a stack without a deployability record (a preview or an export)", () => {
        assert.deepEqual(findings([stack()]), []);
    });

    it("runs with the fleet rules `meridian plan` and `meridian policy check` use", () => {
        const all = evaluateFleetStacks([stack(record({ unmodelled: ["aws:sns/topic:Topic"] }))]);
        assert.ok(all.some((finding) => finding.policy === "deploy-permissions"));
    });
});
