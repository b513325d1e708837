import { ACCOUNT, resource, rolePolicy, RuleScenario } from "../scenario-kit";

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
        name: "is not applicable to other types",
        resources: [resource("aws:s3/bucket:Bucket", "docs", { bucket: "docs" })],
        expect: "not-applicable",
    },
];
