import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const ROLE = tfProvider("internal/service/iam/role.go");
const ROLE_SCHEMA = cfnSchema("aws-iam-role.json");
const ROLE_POLICY = tfProvider("internal/service/iam/role_policy.go");
const POLICY = tfProvider("internal/service/iam/policy.go");
const OIDC = tfProvider("internal/service/iam/openid_connect_provider.go");
const OIDC_SCHEMA = cfnSchema("aws-iam-oidcprovider.json");

export const IAM_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:iam/role:Role",
        arnVariables: { RoleNameWithPath: "outputs.name" },
        tags: "inputs.tags",
        permissionsBoundary: { own: "inputs.permissionsBoundary" },
        sources: [ROLE, ROLE_SCHEMA],
        calls: [
            { action: "iam:CreateRole", phases: ["create"], creates: true, sendsTags: true, source: ROLE },
            // The registry's create handler needs TagRole to create a role with tags.
            { action: "iam:TagRole", phases: ["create"], creates: true, sendsTags: true, source: ROLE_SCHEMA },
            { action: "iam:PutRolePolicy", phases: ["create", "update"], when: { input: "inlinePolicies" }, source: ROLE },
            { action: "iam:AttachRolePolicy", phases: ["create", "update"], when: { input: "managedPolicyArns" }, source: ROLE },
            { action: "iam:UpdateAssumeRolePolicy", phases: ["update"], when: { input: "assumeRolePolicy" }, source: ROLE },
            { action: "iam:UpdateRoleDescription", phases: ["update"], when: { input: "description" }, source: ROLE },
            { action: "iam:UpdateRole", phases: ["update"], when: { input: "maxSessionDuration" }, source: ROLE },
            { action: "iam:PutRolePermissionsBoundary", phases: ["update"], when: { input: "permissionsBoundary" }, source: ROLE },
            { action: "iam:TagRole", phases: ["update"], sendsTags: true, source: ROLE },
            { action: "iam:UntagRole", phases: ["update"], source: ROLE },
            { action: "iam:GetRole", phases: ["read"], source: ROLE },
            // The role's read lists and fetches every inline policy, those of RolePolicy resources included.
            { action: "iam:ListRolePolicies", phases: ["read"], source: ROLE },
            { action: "iam:GetRolePolicy", phases: ["read"], source: ROLE },
            { action: "iam:ListAttachedRolePolicies", phases: ["read"], source: ROLE },
            { action: "iam:ListInstanceProfilesForRole", phases: ["delete"], source: ROLE },
            { action: "iam:DeleteRole", phases: ["delete"], source: ROLE },
        ],
    },
    {
        type: "aws:iam/rolePolicy:RolePolicy",
        arnVariables: { RoleNameWithPath: "inputs.role|last" },
        permissionsBoundary: { ofRoleNamed: "inputs.role" },
        sources: [ROLE_POLICY, cfnSchema("aws-iam-rolepolicy.json")],
        calls: [
            { action: "iam:PutRolePolicy", phases: ["create", "update"], source: ROLE_POLICY },
            { action: "iam:GetRolePolicy", phases: ["read"], source: ROLE_POLICY },
            { action: "iam:DeleteRolePolicy", phases: ["delete"], source: ROLE_POLICY },
        ],
    },
    {
        type: "aws:iam/policy:Policy",
        arnVariables: { PolicyNameWithPath: "outputs.name" },
        tags: "inputs.tags",
        sources: [POLICY, cfnSchema("aws-iam-managedpolicy.json")],
        calls: [
            { action: "iam:CreatePolicy", phases: ["create"], creates: true, sendsTags: true, source: POLICY },
            { action: "iam:CreatePolicyVersion", phases: ["update"], when: { input: "policy" }, source: POLICY },
            { action: "iam:ListPolicyVersions", phases: ["update", "delete"], source: POLICY },
            { action: "iam:DeletePolicyVersion", phases: ["update", "delete"], source: POLICY },
            { action: "iam:TagPolicy", phases: ["update"], sendsTags: true, source: POLICY },
            { action: "iam:UntagPolicy", phases: ["update"], source: POLICY },
            { action: "iam:GetPolicy", phases: ["read"], source: POLICY },
            { action: "iam:GetPolicyVersion", phases: ["read"], source: POLICY },
            { action: "iam:DeletePolicy", phases: ["delete"], source: POLICY },
        ],
    },
    {
        type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        arnVariables: {},
        arns: { "oidc-provider": "outputs.arn" },
        tags: "inputs.tags",
        sources: [OIDC, OIDC_SCHEMA],
        calls: [
            { action: "iam:CreateOpenIDConnectProvider", phases: ["create"], creates: true, sendsTags: true, source: OIDC },
            { action: "iam:TagOpenIDConnectProvider", phases: ["create"], creates: true, sendsTags: true, source: OIDC_SCHEMA },
            { action: "iam:UpdateOpenIDConnectProviderThumbprint", phases: ["update"], when: { input: "thumbprintLists" }, source: OIDC },
            { action: "iam:AddClientIDToOpenIDConnectProvider", phases: ["update"], when: { input: "clientIdLists" }, source: OIDC },
            { action: "iam:RemoveClientIDFromOpenIDConnectProvider", phases: ["update"], when: { input: "clientIdLists" }, source: OIDC },
            { action: "iam:TagOpenIDConnectProvider", phases: ["update"], sendsTags: true, source: OIDC },
            { action: "iam:UntagOpenIDConnectProvider", phases: ["update"], source: OIDC },
            { action: "iam:GetOpenIDConnectProvider", phases: ["read"], source: OIDC },
            { action: "iam:DeleteOpenIDConnectProvider", phases: ["delete"], source: OIDC },
        ],
    },
];
