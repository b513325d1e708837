import { ACCOUNT, managedPolicy, role, RuleScenario } from "../scenario-kit";

const OWN = { accountId: ACCOUNT };

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
