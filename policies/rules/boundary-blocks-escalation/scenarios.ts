import { ACCOUNT, document, managedPolicy, resource, role, RuleScenario } from "../scenario-kit";

const OWN = { accountId: ACCOUNT };
const REWRITE_ANY_POLICY = { Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: `arn:aws:iam::${ACCOUNT}:policy/orders-*` };
const EC2_WITH_ROLE = ["iam:PassRole", "ec2:RunInstances"];

/** A boundary before it exists: its ARN is not known, so the rule builds it from the account, path and name. */
function plannedBoundary(path: string | undefined, ...statements: unknown[]) {
    return resource("aws:iam/policy:Policy", "orders-boundary", { name: "orders-boundary", ...(path ? { path } : {}), policy: document(...statements) });
}

export const scenarios: RuleScenario[] = [
    {
        name: "passes a boundary scoped to the subsystem's own resources that denies rewriting itself",
        resources: [
            managedPolicy(
                "orders-boundary",
                {
                    Effect: "Allow",
                    Action: ["lambda:*", "iam:PassRole"],
                    Resource: [`arn:aws:lambda:*:${ACCOUNT}:function:orders-*`, `arn:aws:iam::${ACCOUNT}:role/orders-*`],
                },
                { Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: `arn:aws:iam::${ACCOUNT}:policy/orders-*` },
                {
                    Effect: "Deny",
                    Action: ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"],
                    Resource: `arn:aws:iam::${ACCOUNT}:policy/orders-boundary`,
                },
            ),
        ],
        context: OWN,
        expect: "pass",
    },
    {
        name: "fails a boundary that permits escalation methods on unrestricted resources",
        resources: [managedPolicy("orders-boundary", { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances", "ssm:SendCommand"], Resource: "*" })],
        context: OWN,
        expect: "violation",
        messages: ["boundary orders-boundary permits 2 escalation method(s) on unrestricted resources: CreateEC2WithExistingIP, SendCommandToInstanceWithRole"],
    },
    {
        name: "fails a boundary whose own name matches the policies it lets its principals rewrite",
        resources: [
            managedPolicy("orders-boundary", { Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: `arn:aws:iam::${ACCOUNT}:policy/orders-*` }),
        ],
        context: OWN,
        expect: "violation",
        messages: [
            `boundary orders-boundary lets the principals it bounds rewrite it: iam:CreatePolicyVersion on its own ARN arn:aws:iam::${ACCOUNT}:policy/orders-boundary`,
        ],
    },
    {
        name: "counts a boundary-confined role write as no escalation",
        resources: [
            managedPolicy("orders-deployment-boundary", {
                Effect: "Allow",
                Action: "iam:PutRolePolicy",
                Resource: "*",
                Condition: { StringEquals: { "iam:PermissionsBoundary": `arn:aws:iam::${ACCOUNT}:policy/orders-boundary` } },
            }),
        ],
        context: OWN,
        expect: "pass",
    },
    {
        name: "fails a boundary that lets roles be passed only to the service the method passes them to",
        resources: [
            managedPolicy("orders-boundary", {
                Effect: "Allow",
                Action: EC2_WITH_ROLE,
                Resource: "*",
                Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
            }),
        ],
        context: OWN,
        expect: "violation",
        messages: ["boundary orders-boundary permits 1 escalation method(s) on unrestricted resources: CreateEC2WithExistingIP"],
    },
    {
        name: "passes a boundary that lets roles be passed only to another service",
        resources: [
            managedPolicy("orders-boundary", {
                Effect: "Allow",
                Action: EC2_WITH_ROLE,
                Resource: "*",
                Condition: { StringEquals: { "iam:PassedToService": "states.amazonaws.com" } },
            }),
        ],
        context: OWN,
        expect: "pass",
    },
    {
        name: "counts a grant under a restricting condition key (a resource tag) as no escalation",
        resources: [
            managedPolicy("orders-boundary", {
                Effect: "Allow",
                Action: EC2_WITH_ROLE,
                Resource: "*",
                Condition: { StringEquals: { "aws:ResourceTag/subsystem": "orders" } },
            }),
        ],
        context: OWN,
        expect: "pass",
    },
    {
        name: "counts a grant under a key that confines nothing as an escalation",
        resources: [
            managedPolicy("orders-boundary", { Effect: "Allow", Action: EC2_WITH_ROLE, Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }),
        ],
        context: OWN,
        expect: "violation",
        messages: ["boundary orders-boundary permits 1 escalation method(s) on unrestricted resources: CreateEC2WithExistingIP"],
    },
    {
        name: "builds a planned boundary's ARN from the account, its path and its name",
        resources: [plannedBoundary("/boundaries/", { ...REWRITE_ANY_POLICY, Resource: `arn:aws:iam::${ACCOUNT}:policy/boundaries/*` })],
        context: OWN,
        expect: "violation",
        messages: [
            `boundary orders-boundary lets the principals it bounds rewrite it: iam:CreatePolicyVersion on its own ARN arn:aws:iam::${ACCOUNT}:policy/boundaries/orders-boundary`,
        ],
    },
    {
        name: "builds a planned boundary's ARN at the root path when it names none",
        resources: [plannedBoundary(undefined, REWRITE_ANY_POLICY)],
        context: OWN,
        expect: "violation",
        messages: [
            `boundary orders-boundary lets the principals it bounds rewrite it: iam:CreatePolicyVersion on its own ARN arn:aws:iam::${ACCOUNT}:policy/orders-boundary`,
        ],
    },
    {
        name: "checks rewriting against a known ARN (a stack export's) even when the stack's account is not known",
        resources: [
            resource("aws:iam/policy:Policy", "orders-boundary", {
                name: "orders-boundary",
                arn: `arn:aws:iam::${ACCOUNT}:policy/orders-boundary`,
                policy: document(REWRITE_ANY_POLICY),
            }),
        ],
        expect: "violation",
        messages: [
            `boundary orders-boundary lets the principals it bounds rewrite it: iam:CreatePolicyVersion on its own ARN arn:aws:iam::${ACCOUNT}:policy/orders-boundary`,
        ],
    },
    {
        name: "cannot name a planned boundary's ARN without the account, so does not judge its rewriting",
        resources: [plannedBoundary(undefined, REWRITE_ANY_POLICY)],
        expect: "pass",
    },
    {
        name: "fails a boundary that lets its principals pass every role (role/*), which is every resource iam:PassRole acts on",
        resources: [
            managedPolicy(
                "orders-boundary",
                { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::*:role/*" },
                { Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" },
            ),
        ],
        context: OWN,
        expect: "violation",
        messages: ["boundary orders-boundary permits 1 escalation method(s) on unrestricted resources: CreateEC2WithExistingIP"],
    },
    {
        name: "names both rewrites a boundary lets its principals make on its own ARN",
        resources: [
            managedPolicy("orders-boundary", {
                Effect: "Allow",
                Action: ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"],
                Resource: `arn:aws:iam::${ACCOUNT}:policy/orders-*`,
            }),
        ],
        context: OWN,
        expect: "violation",
        messages: [
            `boundary orders-boundary lets the principals it bounds rewrite it: iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion on its own ARN arn:aws:iam::${ACCOUNT}:policy/orders-boundary`,
        ],
    },
    {
        name: "without the account, judges a planned boundary's escalation methods but not rewriting an ARN it cannot name",
        resources: [plannedBoundary(undefined, { Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" })],
        expect: "violation",
        messages: ["boundary orders-boundary permits 1 escalation method(s) on unrestricted resources: CreateNewPolicyVersion"],
    },
    {
        name: "is not applicable to a boundary whose document is not a policy document",
        resources: [resource("aws:iam/policy:Policy", "orders-boundary", { name: "orders-boundary", policy: "not a policy" })],
        expect: "not-applicable",
    },
    {
        name: "is not applicable to a managed policy that is not a boundary",
        resources: [managedPolicy("orders-api", { Effect: "Allow", Action: "*", Resource: "*" })],
        expect: "not-applicable",
    },
    {
        name: "is not applicable to other types",
        resources: [role("r")],
        expect: "not-applicable",
    },
];
