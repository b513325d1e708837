import { managedPolicy, resource, role, rolePolicy, RuleScenario } from "../scenario-kit";

const BOUNDARY = "arn:aws:iam::123456789012:policy/orders-boundary";
const ROLES = "arn:aws:iam::123456789012:role/orders-*";

export const scenarios: RuleScenario[] = [
    {
        name: "passes role writes granted only under the boundary condition",
        resources: [
            rolePolicy(
                "p",
                "deployer",
                {
                    Effect: "Allow",
                    Action: ["iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole", "iam:UpdateRole"],
                    Resource: ROLES,
                    Condition: { StringEquals: { "iam:PermissionsBoundary": BOUNDARY } },
                },
                { Effect: "Allow", Action: ["iam:TagRole", "iam:ListRolePolicies"], Resource: ROLES },
            ),
        ],
        expect: "pass",
    },
    {
        name: "fails UpdateAssumeRolePolicy, DeleteRole and UpdateRole granted without the condition",
        resources: [
            rolePolicy("p", "deployer", { Effect: "Allow", Action: ["iam:UpdateAssumeRolePolicy", "iam:DeleteRole", "iam:UpdateRole"], Resource: ROLES }),
        ],
        expect: "violation",
        messages: ["policy Statement[0] allows iam:UpdateAssumeRolePolicy, iam:DeleteRole, iam:UpdateRole without an iam:PermissionsBoundary condition"],
    },
    {
        name: "fails iam:* even on the prefix, because it reaches every such action",
        resources: [
            role("deployer", {
                inlinePolicies: [
                    { name: "i", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*", Resource: ROLES }] }) },
                ],
            }),
        ],
        expect: "violation",
        messages: [
            /^inlinePolicies\[0\]\.policy Statement\[0\] allows iam:AttachRolePolicy, .*iam:UpdateAssumeRolePolicy.* without an iam:PermissionsBoundary condition$/,
        ],
    },
    {
        name: "fails a condition that confines nothing (a Like on any policy)",
        resources: [
            managedPolicy("orders-deployment-boundary", {
                Effect: "Allow",
                Action: "iam:PutRolePolicy",
                Resource: ROLES,
                Condition: { ArnLike: { "iam:PermissionsBoundary": "arn:aws:iam::*:policy/*" } },
            }),
        ],
        expect: "violation",
        messages: ["policy Statement[0] allows iam:PutRolePolicy without an iam:PermissionsBoundary condition"],
    },
    {
        name: "passes denies, which need no condition",
        resources: [rolePolicy("p", "deployer", { Effect: "Deny", Action: "iam:*", Resource: "*" })],
        expect: "pass",
    },
    {
        name: "skips a document that is not a policy document (real-action-names reports it)",
        resources: [resource("aws:iam/policy:Policy", "p", { name: "p", policy: "not a policy" })],
        expect: "pass",
    },
    {
        name: "is not applicable to a role without inline policies",
        resources: [role("r")],
        expect: "not-applicable",
    },
    {
        name: "is not applicable to other types",
        resources: [resource("aws:s3/bucket:Bucket", "docs", { bucket: "docs" })],
        expect: "not-applicable",
    },
];
