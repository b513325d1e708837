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

function lambdaPermission(props: Record<string, unknown>) {
    return resource("aws:lambda/permission:Permission", "p", { action: "lambda:InvokeFunction", function: "f", ...props });
}

function busPermission(props: Record<string, unknown>) {
    return resource("aws:cloudwatch/eventPermission:EventPermission", "p", { action: "events:PutEvents", statementId: "s", ...props });
}

/** The organisation's id unknown to the config: any well-formed o-... value is taken as this organisation. */
const ORGANIZATION_ID_UNKNOWN = { ...ORGANIZATION, organizationId: "" };

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
        name: "passes a trust in a member account named by its id alone",
        resources: [trusting({ Principal: { AWS: "111111111111" } })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "fails a principal that holds a member account's id inside a longer name",
        resources: [trusting({ Principal: { AWS: "arn:aws:iam::999999999999:role/from-111111111111" } })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["assumeRolePolicy Statement[0] admits arn:aws:iam::999999999999:role/from-111111111111 (account 999999999999), outside the organisation"],
    },
    {
        name: "reads the account of an ARN in another partition",
        resources: [trusting({ Principal: { AWS: "arn:aws-us-gov:iam::999999999999:role/deployer" } })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["assumeRolePolicy Statement[0] admits arn:aws-us-gov:iam::999999999999:role/deployer (account 999999999999), outside the organisation"],
    },
    {
        name: "fails a principal that names no account, such as a deleted role's unique id",
        resources: [trusting({ Principal: { AWS: "AROAJQABLZS4A3QDU576Q" } })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["assumeRolePolicy Statement[0] admits AROAJQABLZS4A3QDU576Q (account unknown), outside the organisation"],
    },
    {
        name: "fails identities of an OIDC provider in another account",
        resources: [
            trusting({
                Principal: { Federated: "arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com" },
                Action: "sts:AssumeRoleWithWebIdentity",
            }),
        ],
        context: ORGANIZATION,
        expect: "violation",
        messages: [
            "assumeRolePolicy Statement[0] admits identities of arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com, outside the organisation",
        ],
    },
    {
        name: "passes identities of an OIDC provider in its own account",
        resources: [trusting({ Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` } })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "passes an account outside the organisation that the config allows",
        resources: [trusting({ Principal: { AWS: "arn:aws:iam::999999999999:role/deployer" } })],
        context: ORGANIZATION,
        config: { "trust-inside-organization": { allowedAccountIds: ["999999999999"] } },
        expect: "pass",
    },
    {
        name: "checks allows only",
        resources: [busPolicy({ Effect: "Deny", Principal: "*" })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "accepts any well-formed organisation id when the config does not know its own",
        resources: [busPolicy({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3" } } })],
        context: ORGANIZATION_ID_UNKNOWN,
        expect: "pass",
    },
    {
        name: "then still refuses a value that is not an organisation id",
        resources: [busPolicy({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "xo-a1b2c3" } } })],
        context: ORGANIZATION_ID_UNKNOWN,
        expect: "violation",
    },
    {
        name: "then refuses an organisation id followed by more than its id",
        resources: [busPolicy({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3 " } } })],
        context: ORGANIZATION_ID_UNKNOWN,
        expect: "violation",
    },
    {
        name: "then refuses an id with characters an organisation id cannot hold",
        resources: [busPolicy({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-A1B2C3" } } })],
        context: ORGANIZATION_ID_UNKNOWN,
        expect: "violation",
    },
    {
        name: "refuses an organisation path that is only the organisation's id, not a path under it",
        resources: [busPolicy({ Principal: "*", Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-meridian"] } } })],
        context: ORGANIZATION,
        expect: "violation",
    },
    {
        name: "refuses a path under another organisation",
        resources: [busPolicy({ Principal: "*", Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-elsewhere/r-ab12/*"] } } })],
        context: ORGANIZATION,
        expect: "violation",
    },
    {
        name: "refuses a condition that lists this organisation and another",
        resources: [busPolicy({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-meridian", "o-elsewhere"] } } })],
        context: ORGANIZATION,
        expect: "violation",
    },
    {
        name: "passes a service acting for this organisation (aws:SourceOrgID)",
        resources: [busPolicy({ Principal: { Service: "events.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceOrgID": "o-meridian" } } })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "fails a service acting for another organisation",
        resources: [busPolicy({ Principal: { Service: "events.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceOrgID": "o-elsewhere" } } })],
        context: ORGANIZATION,
        expect: "violation",
    },
    {
        name: "passes a service acting for an OU of this organisation (aws:SourceOrgPaths)",
        resources: [
            busPolicy({
                Principal: { Service: "events.amazonaws.com" },
                Condition: { "ForAnyValue:StringLike": { "aws:SourceOrgPaths": ["o-meridian/r-ab12/*"] } },
            }),
        ],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "fails a service acting for an OU of another organisation",
        resources: [
            busPolicy({
                Principal: { Service: "events.amazonaws.com" },
                Condition: { "ForAnyValue:StringLike": { "aws:SourceOrgPaths": ["o-elsewhere/r-ab12/*"] } },
            }),
        ],
        context: ORGANIZATION,
        expect: "violation",
    },
    {
        name: "passes * confined to member accounts (aws:PrincipalAccount)",
        resources: [busPolicy({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalAccount": ["111111111111", ACCOUNT] } } })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "passes a service acting for a member account (aws:SourceAccount)",
        resources: [busPolicy({ Principal: { Service: "events.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": "111111111111" } } })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "passes * confined to member principals (aws:PrincipalArn)",
        resources: [busPolicy({ Principal: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/*" } } })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "fails * confined to a principal of another account",
        resources: [busPolicy({ Principal: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::999999999999:role/*" } } })],
        context: ORGANIZATION,
        expect: "violation",
    },
    {
        name: "passes a Lambda permission for * confined to this organisation",
        resources: [lambdaPermission({ principal: "*", principalOrgId: "o-meridian" })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "passes a Lambda permission for * from a member account",
        resources: [lambdaPermission({ principal: "*", sourceAccount: "111111111111" })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "fails a Lambda permission for * confined to another organisation",
        resources: [lambdaPermission({ principal: "*", principalOrgId: "o-elsewhere" })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ['Lambda permission admits any principal ("*") outside the organisation'],
    },
    {
        name: "fails a Lambda permission for * with nothing confining it, even when the organisation's id is not known",
        resources: [lambdaPermission({ principal: "*" })],
        context: ORGANIZATION_ID_UNKNOWN,
        expect: "violation",
        messages: ['Lambda permission admits any principal ("*") outside the organisation'],
    },
    {
        name: "passes a Lambda permission letting a service act for a member account",
        resources: [lambdaPermission({ principal: "events.amazonaws.com", sourceAccount: "111111111111" })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "fails a Lambda permission letting a service act for an account outside the organisation",
        resources: [lambdaPermission({ principal: "s3.amazonaws.com", sourceAccount: "999999999999" })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["Lambda permission lets s3.amazonaws.com act for account 999999999999, outside the organisation"],
    },
    {
        name: "passes a Lambda permission for a member account's role",
        resources: [lambdaPermission({ principal: "arn:aws:iam::111111111111:role/caller" })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "passes an event bus permission for * confined to this organisation",
        resources: [busPermission({ principal: "*", condition: { key: "aws:PrincipalOrgID", type: "StringEquals", value: "o-meridian" } })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "fails an event bus permission for * confined to another organisation",
        resources: [busPermission({ principal: "*", condition: { key: "aws:PrincipalOrgID", type: "StringEquals", value: "o-elsewhere" } })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["event bus permission admits *, outside the organisation"],
    },
    {
        name: "fails an event bus permission for * under a condition on another key",
        resources: [busPermission({ principal: "*", condition: { key: "aws:PrincipalAccount", type: "StringEquals", value: "o-meridian" } })],
        context: ORGANIZATION,
        expect: "violation",
    },
    {
        name: "passes an event bus permission for a member account",
        resources: [busPermission({ principal: "111111111111" })],
        context: ORGANIZATION,
        expect: "pass",
    },
    {
        name: "fails an event bus permission for an account outside the organisation",
        resources: [busPermission({ principal: "999999999999" })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["event bus permission admits 999999999999, outside the organisation"],
    },
    {
        name: "fails an event bus permission for an outside account even under an organisation condition, which confines only *",
        resources: [busPermission({ principal: "999999999999", condition: { key: "aws:PrincipalOrgID", type: "StringEquals", value: "o-meridian" } })],
        context: ORGANIZATION,
        expect: "violation",
    },
    {
        name: "is not applicable to a resource without a policy, or to other types",
        resources: [resource("aws:s3/bucket:Bucket", "docs", { bucket: "docs" })],
        expect: "not-applicable",
    },
    {
        name: "fails an event bus permission for * with no condition",
        resources: [busPermission({ principal: "*" })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["event bus permission admits *, outside the organisation"],
    },
    {
        name: "fails a Lambda permission that names no principal, as admitting one from outside",
        resources: [lambdaPermission({})],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["Lambda permission admits , outside the organisation"],
    },
    {
        name: "names every outsider a statement admits",
        resources: [busPolicy({ Principal: { AWS: ["arn:aws:iam::999999999999:root", "888888888888"] } })],
        context: ORGANIZATION,
        expect: "violation",
        messages: [
            "policy Statement[0] admits arn:aws:iam::999999999999:root (account 999999999999), 888888888888 (account 888888888888), outside the organisation",
        ],
    },
    {
        name: "reads no account from a principal that is not an ARN, though it holds a member's ARN",
        resources: [busPolicy({ Principal: { AWS: "xarn:aws:iam::111111111111:role/x" } })],
        context: ORGANIZATION,
        expect: "violation",
        messages: ["policy Statement[0] admits xarn:aws:iam::111111111111:role/x (account unknown), outside the organisation"],
    },
    {
        name: "skips a document that is not a policy document (real-action-names reports it)",
        resources: [role("r", { assumeRolePolicy: "not a policy" })],
        context: ORGANIZATION,
        expect: "pass",
    },
];
