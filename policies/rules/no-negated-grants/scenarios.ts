import { ACCOUNT, document, resource, rolePolicy, RuleScenario } from "../scenario-kit";

export const scenarios: RuleScenario[] = [
    {
        name: "passes a Deny with NotAction (the boundary pattern)",
        resources: [rolePolicy("p", "r", { Effect: "Deny", NotAction: "s3:*", Resource: "*" })],
        expect: "pass",
    },
    {
        name: "skips a document that is not a policy document (real-action-names reports it)",
        resources: [resource("aws:iam/policy:Policy", "p", { name: "p", policy: "not a policy" })],
        expect: "pass",
    },
    {
        name: "fails Allow with NotAction or NotResource",
        resources: [rolePolicy("p", "r", { Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::x" })],
        expect: "violation",
        messages: [
            'policy Statement[0] allows NotAction ["iam:*"]: every other action, including future ones',
            'policy Statement[0] allows on NotResource ["arn:aws:s3:::x"]: every other resource',
        ],
    },
    {
        name: "fails NotPrincipal in a resource policy",
        resources: [
            resource("aws:sqs/queuePolicy:QueuePolicy", "q", {
                policy: document({ Effect: "Deny", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` }, Action: "sqs:*", Resource: "*" }),
            }),
        ],
        expect: "violation",
        messages: ["policy Statement[0] uses NotPrincipal: it applies to every principal but the ones listed"],
    },
    {
        name: "is not applicable to other types",
        resources: [resource("aws:lambda/function:Function", "f", {})],
        expect: "not-applicable",
    },
];
