import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { evaluatePlannedStacks } from "../../policies/evaluator";
import type { PlannedResource, PlannedStack } from "../../lib/contracts/plan-document";

const ACCOUNT = "555555555555";
const STACK = "orders-prod.global";
const rehearsalPolicy = fs.readFileSync(path.join(__dirname, "../../regions/failover/rehearsal-policy.json"), "utf8");

function resource(type: string, name: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}): PlannedResource {
    return {
        urn: `urn:pulumi:${STACK}::meridian::${type}::${name}`,
        type,
        name,
        custom: true,
        region: "us-east-1",
        inputs,
        outputs: { ...inputs, ...outputs },
        protect: false,
        retainOnDelete: false,
        dependencies: [],
    };
}

/** An SRE game-day role as a team would add it: boundary-carrying, trusted by the account's SRE permission set, with the documented policy. */
function stackWithRehearsalRole(policy: string): PlannedStack {
    const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/sre-boundary`;
    return {
        name: STACK,
        wave: 1,
        kind: "account",
        account: "orders-prod",
        accountId: ACCOUNT,
        region: "us-east-1",
        dependsOn: [],
        outputs: {},
        policyContext: { accountId: ACCOUNT, knownPolicyDocuments: { [boundaryArn]: policy } },
        resources: [
            resource("aws:iam/policy:Policy", "sre-boundary", { name: "sre-boundary", policy }, { arn: boundaryArn }),
            resource(
                "aws:iam/role:Role",
                "sre-rehearsal",
                {
                    name: "sre-rehearsal",
                    permissionsBoundary: boundaryArn,
                    assumeRolePolicy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                                Action: "sts:AssumeRole",
                                // The account's SRE permission set only: an unconfined own-account root trust is itself a finding.
                                Condition: {
                                    ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_SRE_*` },
                                },
                            },
                        ],
                    }),
                },
                { arn: `arn:aws:iam::${ACCOUNT}:role/sre-rehearsal` },
            ),
            resource("aws:iam/rolePolicy:RolePolicy", "sre-rehearsal-policy", { role: "sre-rehearsal", name: "rehearsal", policy }),
        ],
    };
}

describe("the rehearsal's IAM policy and the policy pack", () => {
    it("is accepted by the pack: no finding on a role that carries it", () => {
        const evaluation = evaluatePlannedStacks([stackWithRehearsalRole(rehearsalPolicy)]);
        assert.deepEqual(
            evaluation.findings.map((finding) => `${finding.policy}: ${finding.message}`),
            [],
        );
    });

    it("would not be if it were widened to route53:* (the pack is not a rubber stamp here)", () => {
        const widened = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "route53:*", Resource: "*" }] });
        const evaluation = evaluatePlannedStacks([stackWithRehearsalRole(widened)]);
        assert.ok(evaluation.findings.some((finding) => finding.level === "mandatory" && finding.policy === "no-wildcard-grants"));
    });
});
