import { ACCOUNT, managedPolicy, resource, rolePolicy, RuleScenario } from "../scenario-kit";

export const scenarios: RuleScenario[] = [
    {
        name: "passes unscopable actions on * and scopable actions on ARNs",
        resources: [
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: ["xray:PutTraceSegments", "sts:GetCallerIdentity"], Resource: "*" },
                { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "arn:aws:lambda:*:*:function:orders-*" },
            ),
        ],
        expect: "pass",
    },
    {
        name: "fails scopable actions on Resource *",
        resources: [
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: ["s3:GetObject", "xray:PutTraceSegments"], Resource: "*" },
                { Effect: "Allow", Action: "iam:GetRole", Resource: ["arn:aws:iam::*:role/orders-api", "*"] },
            ),
        ],
        expect: "violation",
        messages: [
            'policy Statement[0] allows s3:GetObject on Resource "*"; these actions can be scoped to ARNs',
            'policy Statement[1] allows iam:GetRole on Resource "*"; these actions can be scoped to ARNs',
        ],
    },
    {
        name: "passes account-pinned type-wide ARNs for resources with generated ids (certificates, keys)",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: "acm:DescribeCertificate", Resource: `arn:aws:acm:*:${ACCOUNT}:certificate/*` })],
        expect: "pass",
    },
    {
        name: "passes when a condition narrows the statement",
        resources: [
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
                { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": ACCOUNT } } },
            ),
        ],
        expect: "pass",
    },
    {
        name: "skips a document that is not a policy document (real-action-names reports it)",
        resources: [resource("aws:iam/policy:Policy", "p", { name: "p", policy: "not a policy" })],
        expect: "pass",
    },
    {
        name: "leaves * and <service>:* to no-wildcard-grants",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: ["*", "iam:*", "xray:PutTraceSegments"], Resource: "*" })],
        expect: "pass",
    },
    {
        name: "fails a pattern that reaches scopable actions beside unscopable ones, and names every scopable entry",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: ["s3:List*", "s3:GetObject"], Resource: "*" })],
        expect: "violation",
        messages: ['policy Statement[0] allows s3:List*, s3:GetObject on Resource "*"; these actions can be scoped to ARNs'],
    },
    {
        name: "is not applicable to a permissions boundary, a ceiling rather than a grant",
        resources: [managedPolicy("orders-boundary", { Effect: "Allow", Action: "s3:GetObject", Resource: "*" })],
        expect: "not-applicable",
    },
    {
        name: "is not applicable to other types",
        resources: [resource("aws:s3/bucket:Bucket", "docs", { bucket: "docs" })],
        expect: "not-applicable",
    },
];
