import { ACCOUNT, document, resource, role, RuleScenario } from "../scenario-kit";

function bucketPolicy(statement: Record<string, unknown>) {
    return resource("aws:s3/bucketPolicy:BucketPolicy", "bp", {
        bucket: "b",
        policy: document({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", ...statement }),
    });
}

function permission(props: Record<string, unknown>) {
    return resource("aws:lambda/permission:Permission", "invoke", { action: "lambda:InvokeFunction", function: "orders-api", ...props });
}

function busPermission(props: Record<string, unknown>) {
    return resource("aws:cloudwatch/eventPermission:EventPermission", "put", { action: "events:PutEvents", statementId: "s", ...props });
}

const OPEN_RESOURCE_POLICY_TYPES = [
    "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
    "aws:sqs/queuePolicy:QueuePolicy",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:kms/key:Key",
];

const NON_CONFINING_CONDITIONS = [
    { StringLike: { "aws:SourceArn": "*" } },
    { ArnLike: { "aws:SourceArn": "arn:aws:sns:*:*:*" } },
    { StringNotEquals: { "aws:SourceAccount": "999999999999" } },
    { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc" } },
];

export const scenarios: RuleScenario[] = [
    {
        name: "passes a named principal",
        resources: [bucketPolicy({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/reader` } })],
        expect: "pass",
    },
    {
        name: "passes a public principal with a restricting condition",
        resources: [bucketPolicy({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } })],
        expect: "pass",
    },
    {
        name: "passes a public Lambda permission confined to the organisation",
        resources: [permission({ principal: "*", principalOrgId: "o-abc" })],
        expect: "pass",
    },
    {
        name: "fails a public principal on a bucket",
        resources: [bucketPolicy({ Principal: { AWS: "*" } })],
        expect: "violation",
        messages: ['policy Statement[0] allows s3:GetObject to any principal ("*") without a restricting condition'],
    },
    ...OPEN_RESOURCE_POLICY_TYPES.map((type): RuleScenario => ({
        name: `fails a public principal on ${type}`,
        resources: [resource(type, "x", { policy: document({ Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: "*" }) })],
        expect: "violation",
    })),
    {
        name: "fails a public Lambda permission",
        resources: [permission({ principal: "*" })],
        expect: "violation",
        messages: ['Lambda permission grants lambda:InvokeFunction to "*" with no principalOrgId, sourceArn or sourceAccount'],
    },
    ...NON_CONFINING_CONDITIONS.map((condition): RuleScenario => ({
        name: `fails a public principal whose condition ${JSON.stringify(condition)} confines nothing`,
        resources: [bucketPolicy({ Principal: "*", Condition: condition })],
        expect: "violation",
    })),
    {
        name: "fails a public event bus permission with no condition",
        resources: [busPermission({ principal: "*" })],
        expect: "violation",
        messages: ['event bus permission grants "*" with no condition'],
    },
    {
        name: "passes a public event bus permission under a condition",
        resources: [busPermission({ principal: "*", condition: { key: "aws:PrincipalOrgID", type: "StringEquals", value: "o-abc" } })],
        expect: "pass",
    },
    {
        name: "is not applicable to an event bus permission that names its principal",
        resources: [busPermission({ principal: "111111111111" })],
        expect: "not-applicable",
    },
    {
        name: "names the actions a public statement allows, or those it allows all but",
        resources: [
            resource("aws:sqs/queuePolicy:QueuePolicy", "qp", {
                policy: document(
                    { Effect: "Allow", Principal: "*", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: "*" },
                    { Effect: "Allow", Principal: { AWS: "*" }, NotAction: "sqs:DeleteQueue", Resource: "*" },
                ),
            }),
        ],
        expect: "violation",
        messages: [
            'policy Statement[0] allows sqs:SendMessage, sqs:ReceiveMessage to any principal ("*") without a restricting condition',
            'policy Statement[1] allows sqs:DeleteQueue to any principal ("*") without a restricting condition',
        ],
    },
    {
        name: "leaves a public Deny alone",
        resources: [bucketPolicy({ Effect: "Deny", Principal: "*" })],
        expect: "pass",
    },
    {
        name: "is not applicable to a Lambda permission that names its principal",
        resources: [permission({ principal: "events.amazonaws.com" })],
        expect: "not-applicable",
    },
    {
        name: "skips a document that is not a policy document (real-action-names reports it)",
        resources: [resource("aws:s3/bucketPolicy:BucketPolicy", "bp", { bucket: "b", policy: "not a policy" })],
        expect: "pass",
    },
    {
        name: "passes a statement that names no principal: it grants no one",
        resources: [
            resource("aws:s3/bucketPolicy:BucketPolicy", "bp", {
                bucket: "b",
                policy: document({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
            }),
        ],
        expect: "pass",
    },
    {
        name: "is not applicable to other types",
        resources: [role("r")],
        expect: "not-applicable",
    },
];
