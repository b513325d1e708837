import { ACCOUNT, resource, role, rolePolicy, RuleScenario } from "../scenario-kit";

const BOUNDARY = "arn:aws:iam::1:policy/orders-boundary";

/** A deployer role whose one grant is iam:PutRolePolicy on every role, under `condition`. */
function putRolePolicyUnder(condition: unknown) {
    return [role("deployer"), rolePolicy("p", "deployer", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*", Condition: condition })];
}

const CONFINING = [
    { StringEquals: { "iam:PermissionsBoundary": BOUNDARY } },
    { ArnLike: { "iam:PermissionsBoundary": "arn:aws:iam::1:policy/orders-*" } },
    { StringEquals: { "aws:ResourceTag/owner": "orders" } },
];

const LOOSE = [
    { StringNotEquals: { "iam:PermissionsBoundary": BOUNDARY } },
    { StringEqualsIfExists: { "iam:PermissionsBoundary": BOUNDARY } },
    { Null: { "iam:PermissionsBoundary": "false" } },
    { StringLike: { "iam:PermissionsBoundary": "*" } },
    { ArnLike: { "iam:PermissionsBoundary": "arn:aws:iam::*:policy/*" } },
    { "ForAllValues:StringEquals": { "aws:ResourceTag/owner": "orders" } },
    { StringLike: { "aws:ResourceTag/owner": "*" } },
];

export const scenarios: RuleScenario[] = [
    {
        name: "passes scoped IAM writes and a scoped PassRole chain",
        resources: [
            role("deployer"),
            rolePolicy(
                "p",
                "deployer",
                { Effect: "Allow", Action: ["iam:PassRole"], Resource: "arn:aws:iam::*:role/orders-*" },
                { Effect: "Allow", Action: ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "arn:aws:lambda:*:*:function:orders-*" },
            ),
        ],
        expect: "pass",
    },
    {
        name: "fails an escalation path on unrestricted resources, naming the role and policies",
        resources: [role("deployer"), rolePolicy("p", "deployer", { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" })],
        expect: "violation",
        messages: [
            /^role deployer can escalate privileges via CreateEC2WithExistingIP \(iam:PassRole \+ ec2:RunInstances: .*\), granted on unrestricted resources by role policy p$/,
        ],
    },
    {
        name: "passes an IAM write confined by a restricting condition key",
        resources: putRolePolicyUnder({ StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::1:policy/b" } }),
        expect: "pass",
    },
    {
        name: "fails the same write when the config names no restricting condition keys",
        resources: putRolePolicyUnder({ StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::1:policy/b" } }),
        config: { "no-privilege-escalation": { restrictingConditionKeys: [] } },
        expect: "violation",
    },
    ...CONFINING.map((condition): RuleScenario => ({
        name: `counts ${JSON.stringify(condition)} as confining: a positive match names a value`,
        resources: putRolePolicyUnder(condition),
        expect: "pass",
    })),
    ...LOOSE.map((condition): RuleScenario => ({
        name: `does not count ${JSON.stringify(condition)} as confining: negations, IfExists, Null and Like * confine nothing`,
        resources: putRolePolicyUnder(condition),
        expect: "violation",
    })),
    {
        name: "names the actions of a path that it grants on the principal itself, beside those on unrestricted resources",
        resources: [
            role("deployer"),
            rolePolicy(
                "p",
                "deployer",
                { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: `arn:aws:iam::${ACCOUNT}:role/deployer` },
                { Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" },
            ),
        ],
        expect: "violation",
        messages: [
            "role deployer can escalate privileges via PutRolePolicy (iam:PutRolePolicy: write an inline policy on a role), granted on itself by role policy p",
            "role deployer can escalate privileges via AssumeRoleTrustingItsAccount (sts:AssumeRole: assume any role whose trust policy admits it (every role trusting its account's root)), granted on unrestricted resources by role policy p",
            "role deployer can escalate privileges via PutRolePolicyThenAssumeRole (iam:PutRolePolicy + sts:AssumeRole: write an inline policy on a role it can assume, then assume it), granted on unrestricted resources and on itself (iam:PutRolePolicy) by role policy p",
        ],
    },
    {
        name: "builds a planned role's ARN from the stack's account, and finds a grant on itself",
        resources: [
            resource("aws:iam/role:Role", "deployer", { name: "deployer", permissionsBoundary: BOUNDARY }),
            rolePolicy("p", "deployer", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: `arn:aws:iam::${ACCOUNT}:role/deployer` }),
        ],
        context: { accountId: ACCOUNT },
        expect: "violation",
        messages: [
            "role deployer can escalate privileges via PutRolePolicy (iam:PutRolePolicy: write an inline policy on a role), granted on itself by role policy p",
        ],
    },
    {
        name: "without the stack's account, cannot name a planned role's ARN",
        resources: [
            resource("aws:iam/role:Role", "deployer", { name: "deployer", permissionsBoundary: BOUNDARY }),
            rolePolicy("p", "deployer", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "arn:aws:iam::*:role/deployer" }),
        ],
        expect: "pass",
    },
    {
        name: "is not applicable to a stack without roles",
        resources: [resource("aws:s3/bucket:Bucket", "docs", { bucket: "docs" })],
        expect: "not-applicable",
    },
];
