import { ACCOUNT, document, resource, role, RuleScenario } from "../scenario-kit";

const ORGANIZATION = { accountId: ACCOUNT, organizationId: "o-meridian", organizationAccountIds: [ACCOUNT, "111111111111"] };
const BUS = `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/orders-bus`;

function trusting(statement: Record<string, unknown>) {
    return role("r", { assumeRolePolicy: document({ Effect: "Allow", Action: "sts:AssumeRole", ...statement }) });
}

function busPolicy(statement: Record<string, unknown>) {
    return resource("aws:cloudwatch/eventBusPolicy:EventBusPolicy", "p", {
        eventBusName: "orders-bus",
        policy: document({ Effect: "Allow", Action: "events:PutEvents", Resource: BUS, ...statement }),
    });
}

export const scenarios: RuleScenario[] = [
    {
        name: "passes a trust in a role of another member account",
        resources: [trusting({ Principal: { AWS: "arn:aws:iam::111111111111:role/management-preview" } })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "passes a bus policy confined to an OU path of this organisation",
        resources: [busPolicy({ Principal: "*", Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-meridian/r-ab12/ou-ab12-prod/*"] } } })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "passes a queue policy letting EventBridge deliver for a rule of this account",
        resources: [
            resource("aws:sqs/queuePolicy:QueuePolicy", "dlq", {
                policy: document({
                    Effect: "Allow",
                    Principal: { Service: "events.amazonaws.com" },
                    Action: "sqs:SendMessage",
                    Resource: "*",
                    Condition: { ArnLike: { "aws:SourceArn": `arn:aws:events:eu-west-1:${ACCOUNT}:rule/orders-bus/*` } },
                }),
            }),
        ],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "fails a trust in a role of an account outside the organisation",
        resources: [trusting({ Principal: { AWS: "arn:aws:iam::999999999999:role/deployer" } })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["assumeRolePolicy Statement[0] admits arn:aws:iam::999999999999:role/deployer (account 999999999999), outside the organisation"],
    },
    {
        name: "fails a bus policy confined to another organisation",
        resources: [busPolicy({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-elsewhere" } } })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ['policy Statement[0] admits any principal ("*"), outside the organisation'],
    },
    {
        name: "fails a key policy letting a service use the key for any account",
        resources: [
            resource("aws:kms/key:Key", "k", {
                policy: document({ Effect: "Allow", Principal: { Service: "sqs.amazonaws.com" }, Action: "kms:Decrypt", Resource: "*" }),
            }),
        ],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["policy Statement[0] admits sqs.amazonaws.com acting for any account, outside the organisation"],
    },
    {
        name: "fails a Lambda permission for an account outside the organisation",
        resources: [resource("aws:lambda/permission:Permission", "p", { action: "lambda:InvokeFunction", function: "f", principal: "999999999999" })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["Lambda permission admits 999999999999, outside the organisation"],
    },
    {
        name: "passes a trust in a service, which iam:PassRole confines to the role's account",
        resources: [trusting({ Principal: { Service: "lambda.amazonaws.com" } })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "is not applicable to a resource without a policy, or to other types",
        resources: [resource("aws:s3/bucket:Bucket", "docs", { bucket: "docs" })],
        expect: "not-applicable",
    },
];
