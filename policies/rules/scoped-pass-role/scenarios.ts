import { ACCOUNT, managedPolicy, resource, rolePolicy, RuleScenario } from "../scenario-kit";

function passRole(resourceArn: unknown, condition?: unknown) {
    return rolePolicy("p", "r", { Effect: "Allow", Action: "iam:PassRole", Resource: resourceArn, ...(condition ? { Condition: condition } : {}) });
}

const TO_LAMBDA = { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } };

export const scenarios: RuleScenario[] = [
    {
        name: "passes specific role ARNs (and a name prefix) with iam:PassedToService",
        resources: [passRole([`arn:aws:iam::${ACCOUNT}:role/orders-api`, `arn:aws:iam::${ACCOUNT}:role/orders-*`], TO_LAMBDA)],
        expect: "pass",
    },
    {
        name: "fails * resources, wildcard accounts and a missing condition",
        resources: [passRole(["*", "arn:aws:iam::*:role/orders-api"])],
        expect: "violation",
        messages: [
            "policy Statement[0] allows iam:PassRole on *, arn:aws:iam::*:role/orders-api, not specific role ARNs",
            "policy Statement[0] allows iam:PassRole without an iam:PassedToService condition",
        ],
    },
    {
        name: "fails an iam:PassedToService condition that names no service",
        resources: [passRole(`arn:aws:iam::${ACCOUNT}:role/orders-api`, { StringLike: { "iam:PassedToService": "*" } })],
        expect: "violation",
        messages: ["policy Statement[0] allows iam:PassRole without an iam:PassedToService condition"],
    },
    {
        name: "fails a name prefix when prefixes are configured off",
        resources: [passRole(`arn:aws:iam::${ACCOUNT}:role/orders-*`, TO_LAMBDA)],
        config: { "scoped-pass-role": { allowNamePrefixWildcards: false } },
        expect: "violation",
    },
    {
        name: "passes a broad grant that Denies of the same resource narrow to named roles and services",
        resources: [
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
                { Effect: "Deny", Action: "iam:PassRole", NotResource: `arn:aws:iam::${ACCOUNT}:role/orders-*` },
                { Effect: "Deny", Action: "iam:PassRole", Resource: "*", Condition: { StringNotEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } },
            ),
        ],
        expect: "pass",
    },
    {
        name: "fails the same grant when the Deny on services only applies where the key is present",
        resources: [
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
                { Effect: "Deny", Action: "iam:PassRole", NotResource: `arn:aws:iam::${ACCOUNT}:role/orders-*` },
                { Effect: "Deny", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } } },
            ),
        ],
        expect: "violation",
        messages: ["policy Statement[0] allows iam:PassRole without an iam:PassedToService condition"],
    },
    {
        name: "passes specific role ARNs in another partition and with a policy variable for the account",
        resources: [passRole([`arn:aws-us-gov:iam::${ACCOUNT}:role/orders-api`, "arn:aws:iam::${aws:PrincipalAccount}:role/orders-api"], TO_LAMBDA)],
        expect: "pass",
    },
    {
        name: "fails role ARNs that are not role ARNs, or whose name is a wildcard in the middle, a ? or all wildcard",
        resources: [
            passRole(
                [
                    `arn:aws:iam::${ACCOUNT}:user/orders-api`,
                    `xarn:aws:iam::${ACCOUNT}:role/orders-api`,
                    `arn:aws:iam::${ACCOUNT}:role/orders-*-admin`,
                    `arn:aws:iam::${ACCOUNT}:role/orders-*-admin*`,
                    `arn:aws:iam::${ACCOUNT}:role/orders-ap?`,
                    `arn:aws:iam::${ACCOUNT}:role/-*`,
                    `arn:aws:iam::${ACCOUNT}:role/*`,
                ],
                TO_LAMBDA,
            ),
        ],
        expect: "violation",
        messages: [
            `policy Statement[0] allows iam:PassRole on arn:aws:iam::${ACCOUNT}:user/orders-api, xarn:aws:iam::${ACCOUNT}:role/orders-api, arn:aws:iam::${ACCOUNT}:role/orders-*-admin, arn:aws:iam::${ACCOUNT}:role/orders-*-admin*, arn:aws:iam::${ACCOUNT}:role/orders-ap?, arn:aws:iam::${ACCOUNT}:role/-*, arn:aws:iam::${ACCOUNT}:role/*, not specific role ARNs`,
        ],
    },
    {
        name: "accepts a one-letter name prefix",
        resources: [passRole(`arn:aws:iam::${ACCOUNT}:role/o*`, TO_LAMBDA)],
        expect: "pass",
    },
    {
        name: "fails iam:PassRole on NotResource, which grants every other role",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: "iam:PassRole", NotResource: `arn:aws:iam::${ACCOUNT}:role/admin`, Condition: TO_LAMBDA })],
        expect: "violation",
        messages: ["policy Statement[0] allows iam:PassRole on NotResource, not specific role ARNs"],
    },
    {
        name: "judges each statement that grants iam:PassRole among others, and no Deny",
        resources: [
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: ["s3:GetObject", "iam:PassRole"], Resource: `arn:aws:iam::${ACCOUNT}:role/orders-api`, Condition: TO_LAMBDA },
                { Effect: "Deny", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } },
                { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
            ),
        ],
        expect: "violation",
        messages: [
            "policy Statement[2] allows iam:PassRole on *, not specific role ARNs",
            "policy Statement[2] allows iam:PassRole without an iam:PassedToService condition",
        ],
    },
    {
        name: "does not count a Deny of services outside *.amazonaws.com as naming the services",
        resources: [
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/orders-api` },
                { Effect: "Deny", Action: "iam:PassRole", Resource: "*", Condition: { StringNotLike: { "iam:PassedToService": "*.amazonaws.com" } } },
            ),
        ],
        expect: "violation",
        messages: ["policy Statement[0] allows iam:PassRole without an iam:PassedToService condition"],
    },
    {
        name: "does not count a Deny on another key (the requested region) as naming the services",
        resources: [
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/orders-api` },
                { Effect: "Deny", Action: "iam:PassRole", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } } },
            ),
        ],
        expect: "violation",
        messages: ["policy Statement[0] allows iam:PassRole without an iam:PassedToService condition"],
    },
    {
        name: "grants nothing by a statement that names no resource",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: "iam:PassRole", Condition: TO_LAMBDA })],
        expect: "not-applicable",
    },
    {
        name: "skips a document that is not a policy document (real-action-names reports it)",
        resources: [resource("aws:iam/policy:Policy", "p", { name: "p", policy: "not a policy" })],
        expect: "not-applicable",
    },
    {
        name: "judges a statement that grants iam:PassRole among other actions",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: ["iam:GetRole", "iam:PassRole"], Resource: `arn:aws:iam::${ACCOUNT}:role/orders-api` })],
        expect: "violation",
        messages: ["policy Statement[0] allows iam:PassRole without an iam:PassedToService condition"],
    },
    {
        name: "judges NotResource as every role, even where a Deny leaves only some",
        resources: [
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: "iam:PassRole", NotResource: `arn:aws:iam::${ACCOUNT}:role/admin`, Condition: TO_LAMBDA },
                { Effect: "Deny", Action: "iam:PassRole", NotResource: `arn:aws:iam::${ACCOUNT}:role/orders-*` },
            ),
        ],
        expect: "violation",
        messages: ["policy Statement[0] allows iam:PassRole on NotResource, not specific role ARNs"],
    },
    {
        name: "is not applicable to a permissions boundary, a ceiling rather than a grant",
        resources: [managedPolicy("orders-boundary", { Effect: "Allow", Action: "iam:PassRole", Resource: "*" })],
        expect: "not-applicable",
    },
    {
        name: "is not applicable when Denies of the same resource cancel every iam:PassRole grant",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: "iam:*", Resource: "*" }, { Effect: "Deny", Action: "iam:PassRole", Resource: "*" })],
        expect: "not-applicable",
    },
    {
        name: "is not applicable when no statement allows iam:PassRole",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })],
        expect: "not-applicable",
    },
];
