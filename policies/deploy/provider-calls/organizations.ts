import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const ACCOUNT = tfProvider("internal/service/organizations/account.go");
const ACCOUNT_SCHEMA = cfnSchema("aws-organizations-account.json");
const UNIT = tfProvider("internal/service/organizations/organizational_unit.go");
const UNIT_SCHEMA = cfnSchema("aws-organizations-organizationalunit.json");
const POLICY = tfProvider("internal/service/organizations/policy.go");
const POLICY_SCHEMA = cfnSchema("aws-organizations-policy.json");
const ATTACHMENT = tfProvider("internal/service/organizations/policy_attachment.go");

/**
 * Organizations ARNs carry the organisation's id; the planned resources' `arn` outputs hold the
 * whole ARN, so those are read as they are. Moving an account is also authorised on its source
 * and destination parents, which may be the root or an OU; only the account is modelled.
 */
export const ORGANIZATIONS_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:organizations/account:Account",
        arnVariables: {},
        arns: { account: "generated.arn" },
        tags: "inputs.tags",
        sources: [ACCOUNT, ACCOUNT_SCHEMA],
        calls: [
            { action: "organizations:CreateAccount", phases: ["create"], creates: true, sendsTags: true, source: ACCOUNT },
            { action: "organizations:TagResource", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["account"], source: ACCOUNT_SCHEMA },
            { action: "organizations:DescribeCreateAccountStatus", phases: ["create"], source: ACCOUNT },
            { action: "organizations:MoveAccount", phases: ["create", "update"], when: { input: "parentId" }, resourceTypes: ["account"], source: ACCOUNT },
            { action: "organizations:TagResource", phases: ["update"], sendsTags: true, resourceTypes: ["account"], source: ACCOUNT },
            { action: "organizations:UntagResource", phases: ["update"], resourceTypes: ["account"], source: ACCOUNT },
            { action: "organizations:DescribeAccount", phases: ["read"], source: ACCOUNT },
            { action: "organizations:ListParents", phases: ["read"], resourceTypes: ["account"], source: ACCOUNT },
            { action: "organizations:ListTagsForResource", phases: ["read"], resourceTypes: ["account"], source: ACCOUNT },
            { action: "organizations:CloseAccount", phases: ["delete"], when: { input: "closeOnDeletion", equals: true }, source: ACCOUNT },
            { action: "organizations:RemoveAccountFromOrganization", phases: ["delete"], when: { input: "closeOnDeletion", equals: false }, source: ACCOUNT },
        ],
    },
    {
        type: "aws:organizations/organizationalUnit:OrganizationalUnit",
        arnVariables: {},
        arns: { organizationalunit: "generated.arn" },
        tags: "inputs.tags",
        sources: [UNIT, UNIT_SCHEMA],
        calls: [
            {
                action: "organizations:CreateOrganizationalUnit",
                phases: ["create"],
                creates: true,
                sendsTags: true,
                resourceTypes: ["organizationalunit"],
                source: UNIT,
            },
            {
                action: "organizations:TagResource",
                phases: ["create"],
                creates: true,
                sendsTags: true,
                resourceTypes: ["organizationalunit"],
                source: UNIT_SCHEMA,
            },
            { action: "organizations:UpdateOrganizationalUnit", phases: ["update"], source: UNIT },
            { action: "organizations:TagResource", phases: ["update"], sendsTags: true, resourceTypes: ["organizationalunit"], source: UNIT },
            { action: "organizations:UntagResource", phases: ["update"], resourceTypes: ["organizationalunit"], source: UNIT },
            { action: "organizations:DescribeOrganizationalUnit", phases: ["read"], source: UNIT },
            { action: "organizations:ListParents", phases: ["read"], resourceTypes: ["organizationalunit"], source: UNIT },
            { action: "organizations:ListTagsForResource", phases: ["read"], resourceTypes: ["organizationalunit"], source: UNIT },
            { action: "organizations:DeleteOrganizationalUnit", phases: ["delete"], source: UNIT },
        ],
    },
    {
        type: "aws:organizations/policy:Policy",
        arnVariables: {},
        arns: { policy: "generated.arn" },
        tags: "inputs.tags",
        sources: [POLICY, POLICY_SCHEMA],
        calls: [
            { action: "organizations:CreatePolicy", phases: ["create"], creates: true, sendsTags: true, source: POLICY },
            { action: "organizations:UpdatePolicy", phases: ["update"], source: POLICY },
            { action: "organizations:TagResource", phases: ["update"], sendsTags: true, resourceTypes: ["policy"], source: POLICY },
            { action: "organizations:UntagResource", phases: ["update"], resourceTypes: ["policy"], source: POLICY },
            { action: "organizations:DescribePolicy", phases: ["read"], source: POLICY },
            { action: "organizations:ListTagsForResource", phases: ["read"], resourceTypes: ["policy"], source: POLICY },
            { action: "organizations:DeletePolicy", phases: ["delete"], source: POLICY },
        ],
    },
    {
        // Authorised on the policy; the target (root, OU or account) is optional in the reference.
        type: "aws:organizations/policyAttachment:PolicyAttachment",
        arnVariables: {},
        arns: { policy: "inputs.policyId" },
        sources: [ATTACHMENT],
        calls: [
            { action: "organizations:AttachPolicy", phases: ["create"], source: ATTACHMENT },
            { action: "organizations:ListTargetsForPolicy", phases: ["read"], source: ATTACHMENT },
            { action: "organizations:DetachPolicy", phases: ["delete"], source: ATTACHMENT },
        ],
    },
];
