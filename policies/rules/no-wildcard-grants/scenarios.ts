import { document, managedPolicy, resource, role, rolePolicy, RuleScenario } from "../scenario-kit";

export const scenarios: RuleScenario[] = [
    {
        name: "passes scoped actions",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::docs/*" })],
        expect: "pass",
    },
    {
        name: "fails on * and <service>:* on Resource *",
        resources: [
            rolePolicy("p", "r", { Effect: "Allow", Action: ["iam:*", "s3:GetObject"], Resource: "*" }, { Effect: "Allow", Action: "*", Resource: ["*"] }),
        ],
        expect: "violation",
        messages: ['policy Statement[0] allows "iam:*" on Resource "*"', 'policy Statement[1] allows "*" on Resource "*"'],
    },
    {
        name: "fails on a role's inline policy",
        resources: [role("r", { inlinePolicies: [{ name: "i", policy: document({ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }) }] })],
        expect: "violation",
        messages: ['inlinePolicies[0].policy Statement[0] allows "dynamodb:*" on Resource "*"'],
    },
    {
        name: "passes a wildcard that a Deny of the same resource cancels whole",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: "iam:*", Resource: "*" }, { Effect: "Deny", Action: "iam:*", Resource: "*" })],
        expect: "pass",
    },
    {
        name: "fails a wildcard that a Deny cancels only in part, or only under a condition",
        resources: [
            role("r", {
                inlinePolicies: [
                    { name: "grant", policy: document({ Effect: "Allow", Action: ["*", "iam:*"], Resource: "*" }) },
                    {
                        name: "deny",
                        policy: document({ Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }),
                    },
                    { name: "partial", policy: document({ Effect: "Deny", Action: ["iam:Put*", "organizations:*"], Resource: "*" }) },
                ],
            }),
        ],
        expect: "violation",
        messages: ['inlinePolicies[0].policy Statement[0] allows "*", "iam:*" on Resource "*"'],
    },
    {
        name: "fails on *:* and passes action wildcards within a service or across services by pattern",
        resources: [
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: ["s3:Get*", "s*:*", "*:GetObject"], Resource: "*" },
                { Effect: "Allow", Action: "*:*", Resource: "*" },
                { Effect: "Deny", Action: "*", NotResource: "*" },
            ),
        ],
        expect: "violation",
        messages: ['policy Statement[1] allows "*:*" on Resource "*"'],
    },
    {
        name: "skips a document that is not a policy document (real-action-names reports it)",
        resources: [resource("aws:iam/policy:Policy", "p", { name: "p", policy: "not a policy" })],
        expect: "pass",
    },
    {
        name: "is not applicable to other types",
        resources: [resource("aws:s3/bucket:Bucket", "docs", { bucket: "docs" })],
        expect: "not-applicable",
    },
    {
        name: "is not applicable to a permissions boundary, which is a ceiling and not a grant",
        resources: [managedPolicy("orders-boundary", { Effect: "Allow", Action: "*", Resource: "*" })],
        expect: "not-applicable",
    },
];
