import { strict as assert } from "assert";
import { noAdminPolicies } from "../../../policies/rules/no-admin-policies";
import { noLongLivedCredentials } from "../../../policies/rules/no-long-lived-credentials";
import { noNegatedGrants } from "../../../policies/rules/no-negated-grants";
import { noPrivilegeEscalation } from "../../../policies/rules/no-privilege-escalation";
import { permissionsBoundaryRequired } from "../../../policies/rules/permissions-boundary-required";
import { realActionNames } from "../../../policies/rules/real-action-names";
import { scopedPassRole } from "../../../policies/rules/scoped-pass-role";
import { scopedResources } from "../../../policies/rules/scoped-resources";
import { trustPolicyTight } from "../../../policies/rules/trust-policy-tight";
import { ACCOUNT, attachment, document, messages, outcomeOf, resource, role, rolePolicy } from "../rule-harness";

const bucket = resource("aws:s3/bucket:Bucket", "docs", { bucket: "docs" });

describe("scoped-resources", () => {
    it("passes unscopable actions on * and scopable actions on ARNs", () => {
        const policy = rolePolicy(
            "p",
            "r",
            { Effect: "Allow", Action: ["xray:PutTraceSegments", "sts:GetCallerIdentity"], Resource: "*" },
            { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "arn:aws:lambda:*:*:function:orders-*" },
        );
        assert.equal(outcomeOf(scopedResources, policy).status, "pass");
    });
    it("fails scopable actions on Resource *", () => {
        const outcome = outcomeOf(
            scopedResources,
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: ["s3:GetObject", "xray:PutTraceSegments"], Resource: "*" },
                { Effect: "Allow", Action: "iam:GetRole", Resource: ["arn:aws:iam::*:role/orders-api", "*"] },
            ),
        );
        assert.deepEqual(messages(outcome), [
            'policy Statement[0] allows s3:GetObject on Resource "*"; these actions can be scoped to ARNs',
            'policy Statement[1] allows iam:GetRole on Resource "*"; these actions can be scoped to ARNs',
        ]);
    });
    it("passes account-pinned type-wide ARNs for resources with generated ids (certificates, keys)", () => {
        const policy = rolePolicy("p", "r", { Effect: "Allow", Action: "acm:DescribeCertificate", Resource: `arn:aws:acm:*:${ACCOUNT}:certificate/*` });
        assert.equal(outcomeOf(scopedResources, policy).status, "pass");
    });
    it("passes when a condition narrows the statement", () => {
        const policy = rolePolicy(
            "p",
            "r",
            { Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
            { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": ACCOUNT } } },
        );
        assert.equal(outcomeOf(scopedResources, policy).status, "pass");
    });
    it("is not applicable to other types", () => {
        assert.equal(outcomeOf(scopedResources, bucket).status, "not-applicable");
    });
});

describe("no-negated-grants", () => {
    it("passes a Deny with NotAction (the boundary pattern)", () => {
        assert.equal(outcomeOf(noNegatedGrants, rolePolicy("p", "r", { Effect: "Deny", NotAction: "s3:*", Resource: "*" })).status, "pass");
    });
    it("fails Allow with NotAction or NotResource, and NotPrincipal in a resource policy", () => {
        assert.deepEqual(messages(outcomeOf(noNegatedGrants, rolePolicy("p", "r", { Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::x" }))), [
            'policy Statement[0] allows NotAction ["iam:*"]: every other action, including future ones',
            'policy Statement[0] allows on NotResource ["arn:aws:s3:::x"]: every other resource',
        ]);
        const queue = resource("aws:sqs/queuePolicy:QueuePolicy", "q", {
            policy: document({ Effect: "Deny", NotPrincipal: { AWS: roleArn() }, Action: "sqs:*", Resource: "*" }),
        });
        assert.deepEqual(messages(outcomeOf(noNegatedGrants, queue)), [
            "policy Statement[0] uses NotPrincipal: it applies to every principal but the ones listed",
        ]);
    });
    it("is not applicable to other types", () => {
        assert.equal(outcomeOf(noNegatedGrants, resource("aws:lambda/function:Function", "f", {})).status, "not-applicable");
    });
});

function roleArn(): string {
    return `arn:aws:iam::${ACCOUNT}:role/admin`;
}

describe("no-privilege-escalation", () => {
    it("passes scoped IAM writes and a scoped PassRole chain", () => {
        const resources = [
            role("deployer"),
            rolePolicy(
                "p",
                "deployer",
                { Effect: "Allow", Action: ["iam:PassRole"], Resource: "arn:aws:iam::*:role/orders-*" },
                { Effect: "Allow", Action: ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "arn:aws:lambda:*:*:function:orders-*" },
            ),
        ];
        assert.equal(outcomeOf(noPrivilegeEscalation, resources).status, "pass");
    });
    it("fails an escalation path on unrestricted resources, naming the role and policies", () => {
        const resources = [role("deployer"), rolePolicy("p", "deployer", { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" })];
        const outcome = outcomeOf(noPrivilegeEscalation, resources);
        assert.equal(outcome.status, "violation");
        assert.equal(outcome.findings[0].urn, resources[0].urn);
        assert.match(
            outcome.findings[0].message,
            /^role deployer can escalate privileges via PassRoleToEc2 \(iam:PassRole \+ ec2:RunInstances: .*\), granted on unrestricted resources by role policy p$/,
        );
    });
    it("respects the restricting condition keys from config", () => {
        const resources = [
            role("deployer"),
            rolePolicy("p", "deployer", {
                Effect: "Allow",
                Action: "iam:PutRolePolicy",
                Resource: "*",
                Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::1:policy/b" } },
            }),
        ];
        assert.equal(outcomeOf(noPrivilegeEscalation, resources).status, "pass");
        assert.equal(outcomeOf(noPrivilegeEscalation, resources, { "no-privilege-escalation": { restrictingConditionKeys: [] } }).status, "violation");
    });
    it("counts a restricting key only when a positive match names a value: negations, IfExists, Null and Like * confine nothing", () => {
        const boundary = "arn:aws:iam::1:policy/orders-boundary";
        const statusWith = (condition: unknown) =>
            outcomeOf(noPrivilegeEscalation, [
                role("deployer"),
                rolePolicy("p", "deployer", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*", Condition: condition }),
            ]).status;
        for (const confining of [
            { StringEquals: { "iam:PermissionsBoundary": boundary } },
            { ArnLike: { "iam:PermissionsBoundary": "arn:aws:iam::1:policy/orders-*" } },
            { StringEquals: { "aws:ResourceTag/owner": "orders" } },
        ]) {
            assert.equal(statusWith(confining), "pass", JSON.stringify(confining));
        }
        for (const loose of [
            { StringNotEquals: { "iam:PermissionsBoundary": boundary } },
            { StringEqualsIfExists: { "iam:PermissionsBoundary": boundary } },
            { Null: { "iam:PermissionsBoundary": "false" } },
            { StringLike: { "iam:PermissionsBoundary": "*" } },
            { ArnLike: { "iam:PermissionsBoundary": "arn:aws:iam::*:policy/*" } },
            { "ForAllValues:StringEquals": { "aws:ResourceTag/owner": "orders" } },
            { StringLike: { "aws:ResourceTag/owner": "*" } },
        ]) {
            assert.equal(statusWith(loose), "violation", JSON.stringify(loose));
        }
    });
    it("is not applicable to a stack without roles", () => {
        assert.equal(outcomeOf(noPrivilegeEscalation, [bucket]).status, "not-applicable");
    });
});

describe("scoped-pass-role", () => {
    const pass = (resourceArn: unknown, condition?: unknown) =>
        rolePolicy("p", "r", { Effect: "Allow", Action: "iam:PassRole", Resource: resourceArn, ...(condition ? { Condition: condition } : {}) });
    const toLambda = { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } };
    it("passes specific role ARNs (and a name prefix) with iam:PassedToService", () => {
        assert.equal(
            outcomeOf(scopedPassRole, pass([`arn:aws:iam::${ACCOUNT}:role/orders-api`, `arn:aws:iam::${ACCOUNT}:role/orders-*`], toLambda)).status,
            "pass",
        );
    });
    it("fails * resources, wildcard accounts and a missing condition", () => {
        assert.deepEqual(messages(outcomeOf(scopedPassRole, pass(["*", "arn:aws:iam::*:role/orders-api"]))), [
            "policy Statement[0] allows iam:PassRole on *, arn:aws:iam::*:role/orders-api, not specific role ARNs",
            "policy Statement[0] allows iam:PassRole without an iam:PassedToService condition",
        ]);
    });
    it("fails an iam:PassedToService condition that names no service", () => {
        assert.deepEqual(messages(outcomeOf(scopedPassRole, pass(`arn:aws:iam::${ACCOUNT}:role/orders-api`, { StringLike: { "iam:PassedToService": "*" } }))), [
            "policy Statement[0] allows iam:PassRole without an iam:PassedToService condition",
        ]);
    });
    it("fails a name prefix when prefixes are configured off", () => {
        const outcome = outcomeOf(scopedPassRole, pass(`arn:aws:iam::${ACCOUNT}:role/orders-*`, toLambda), {
            "scoped-pass-role": { allowNamePrefixWildcards: false },
        });
        assert.equal(outcome.status, "violation");
    });
    it("is not applicable when no statement allows iam:PassRole", () => {
        assert.equal(
            outcomeOf(scopedPassRole, rolePolicy("p", "r", { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })).status,
            "not-applicable",
        );
    });
});

describe("trust-policy-tight", () => {
    const trusting = (statement: Record<string, unknown>) =>
        role("r", { assumeRolePolicy: document({ Effect: "Allow", Action: "sts:AssumeRole", ...statement }) });
    const github = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    it("passes service principals, same-account roles, org-confined and allow-listed accounts, pinned GitHub OIDC", () => {
        const config = { "trust-policy-tight": { accountId: ACCOUNT, allowedAccountIds: ["444455556666"] } };
        assert.equal(outcomeOf(trustPolicyTight, trusting({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/pipeline` } }), config).status, "pass");
        assert.equal(
            outcomeOf(
                trustPolicyTight,
                trusting({ Principal: { AWS: "arn:aws:iam::999999999999:root" }, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }),
                config,
            ).status,
            "pass",
        );
        assert.equal(outcomeOf(trustPolicyTight, trusting({ Principal: { AWS: "444455556666" } }), config).status, "pass");
        const pinned = {
            Principal: { Federated: github },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/orders:ref:refs/heads/*" },
            },
        };
        assert.equal(outcomeOf(trustPolicyTight, trusting(pinned)).status, "pass");
    });
    it("takes the stack's account from the provider's allowedAccountIds", () => {
        const provider = resource("pulumi:providers:aws", "default", { allowedAccountIds: [ACCOUNT] });
        const withProvider = { ...trusting({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }), provider: provider.urn };
        assert.equal(outcomeOf(trustPolicyTight, [withProvider, provider]).status, "pass");
    });
    it("fails a * principal without condition, a foreign account, and GitHub trust without sub", () => {
        assert.deepEqual(messages(outcomeOf(trustPolicyTight, trusting({ Principal: "*" }))), [
            'assumeRolePolicy Statement[0] lets any principal ("*") assume the role without a restricting condition (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn, aws:SourceOrgID)',
        ]);
        assert.deepEqual(
            messages(
                outcomeOf(trustPolicyTight, trusting({ Principal: { AWS: "arn:aws:iam::999999999999:root" } }), {
                    "trust-policy-tight": { accountId: ACCOUNT },
                }),
            ),
            [
                "assumeRolePolicy Statement[0] trusts arn:aws:iam::999999999999:root in account 999999999999, which is not this account, not in allowedAccountIds and not confined by aws:PrincipalOrgID",
            ],
        );
        const audOnly = { Principal: { Federated: github }, Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } };
        assert.deepEqual(messages(outcomeOf(trustPolicyTight, trusting(audOnly))), [
            "assumeRolePolicy Statement[0] trusts GitHub OIDC without pinning token.actions.githubusercontent.com:sub: any repository could assume the role",
        ]);
        const looseSub = { Principal: { Federated: github }, Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } } };
        assert.deepEqual(messages(outcomeOf(trustPolicyTight, trusting(looseSub))), [
            "assumeRolePolicy Statement[0] trusts GitHub OIDC without pinning token.actions.githubusercontent.com:aud",
            'assumeRolePolicy Statement[0] trusts GitHub OIDC with token.actions.githubusercontent.com:sub "repo:acme/*", which does not pin an owner and repository',
        ]);
    });
    it("counts only conditions that confine: a negated, IfExists or Like * condition restricts nothing", () => {
        const config = { "trust-policy-tight": { accountId: ACCOUNT } };
        assert.equal(outcomeOf(trustPolicyTight, trusting({ Principal: "*", Condition: { StringLike: { "aws:PrincipalOrgID": "*" } } })).status, "violation");
        assert.equal(
            outcomeOf(trustPolicyTight, trusting({ Principal: "*", Condition: { StringNotEquals: { "aws:PrincipalAccount": "999999999999" } } })).status,
            "violation",
        );
        const foreign = { Principal: { AWS: "arn:aws:iam::999999999999:root" }, Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc" } } };
        assert.equal(outcomeOf(trustPolicyTight, trusting(foreign), config).status, "violation");
        // Every repository but one may assume the role: that pins nothing.
        const allButOne = {
            Principal: { Federated: github },
            Condition: {
                StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                StringNotLike: { "token.actions.githubusercontent.com:sub": "repo:acme/orders:*" },
            },
        };
        assert.deepEqual(messages(outcomeOf(trustPolicyTight, trusting(allButOne))), [
            "assumeRolePolicy Statement[0] trusts GitHub OIDC without pinning token.actions.githubusercontent.com:sub: any repository could assume the role",
        ]);
    });
    it("is not applicable to other types", () => {
        assert.equal(outcomeOf(trustPolicyTight, bucket).status, "not-applicable");
    });
});

describe("permissions-boundary-required", () => {
    it("passes a role whose boundary matches the pattern", () => {
        assert.equal(outcomeOf(permissionsBoundaryRequired, role("r")).status, "pass");
    });
    it("fails a role without a boundary or with a non-matching one", () => {
        const without = role("r");
        delete without.props.permissionsBoundary;
        assert.deepEqual(messages(outcomeOf(permissionsBoundaryRequired, without)), ["role r has no permissions boundary"]);
        assert.deepEqual(messages(outcomeOf(permissionsBoundaryRequired, role("r", { permissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess" }))), [
            "role r has permissions boundary arn:aws:iam::aws:policy/ReadOnlyAccess, which does not match arn:aws:iam::*:policy/*boundary*",
        ]);
    });
    it("uses the configured pattern", () => {
        const config = { "permissions-boundary-required": { boundaryArnPattern: "arn:aws:iam::*:policy/orders-boundary" } };
        assert.equal(outcomeOf(permissionsBoundaryRequired, role("r"), config).status, "violation");
    });
    it("is not applicable to other types", () => {
        assert.equal(outcomeOf(permissionsBoundaryRequired, bucket).status, "not-applicable");
    });
});

describe("real-action-names", () => {
    it("passes real actions in any case and wildcards that match", () => {
        assert.equal(
            outcomeOf(realActionNames, rolePolicy("p", "r", { Effect: "Allow", Action: ["S3:getobject", "dynamodb:Get*", "*"], Resource: "*" })).status,
            "pass",
        );
    });
    it("fails misspelt actions, unknown services, empty wildcards and malformed documents", () => {
        assert.deepEqual(
            messages(
                outcomeOf(
                    realActionNames,
                    rolePolicy("p", "r", { Effect: "Allow", Action: ["s3:GetObjects", "s4:GetObject", "s3:Frobnicate*", "GetObject"], Resource: "*" }),
                ),
            ),
            [
                'policy Statement[0]: "s3:GetObjects" is not an action of s3',
                'policy Statement[0]: "s4:GetObject": there is no service "s4" in the service authorization reference',
                'policy Statement[0]: "s3:Frobnicate*" matches no action',
                'policy Statement[0]: "GetObject" is not of the form <service>:<action>',
            ],
        );
        const malformed = resource("aws:iam/policy:Policy", "m", { name: "m", policy: "{not json" });
        assert.match(messages(outcomeOf(realActionNames, malformed))[0], /^policy is not a valid policy document: not valid JSON/);
        assert.deepEqual(messages(outcomeOf(realActionNames, resource("aws:lambda/permission:Permission", "l", { action: "lambda:InvokeFunctions" }))), [
            'action: "lambda:InvokeFunctions" is not an action of lambda',
        ]);
    });
    it("is not applicable to other types", () => {
        assert.equal(outcomeOf(realActionNames, resource("aws:lambda/function:Function", "f", {})).status, "not-applicable");
    });
});

describe("no-admin-policies", () => {
    it("passes a narrow AWS-managed policy and customer policies", () => {
        assert.equal(outcomeOf(noAdminPolicies, attachment("a", "r", "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess")).status, "pass");
        assert.equal(outcomeOf(noAdminPolicies, attachment("a", "r", `arn:aws:iam::${ACCOUNT}:policy/orders-api`)).status, "pass");
    });
    it("fails admin policies, broad managed policies and managedPolicyArns", () => {
        assert.deepEqual(messages(outcomeOf(noAdminPolicies, attachment("a", "r", "arn:aws:iam::aws:policy/AdministratorAccess"))), [
            "policyArn attaches arn:aws:iam::aws:policy/AdministratorAccess, an administrative policy",
        ]);
        assert.deepEqual(messages(outcomeOf(noAdminPolicies, role("r", { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] }))), [
            "managedPolicyArns attaches arn:aws:iam::aws:policy/AmazonS3FullAccess, a broad AWS-managed policy",
        ]);
        for (const [type, owner] of [
            ["role", "roleName"],
            ["user", "userName"],
            ["group", "groupName"],
        ]) {
            const exclusive = resource(`aws:iam/${type}PolicyAttachmentsExclusive:${type[0].toUpperCase()}${type.slice(1)}PolicyAttachmentsExclusive`, "x", {
                [owner]: "n",
                policyArns: ["arn:aws:iam::aws:policy/IAMFullAccess"],
            });
            assert.deepEqual(
                messages(outcomeOf(noAdminPolicies, exclusive)),
                ["policyArns attaches arn:aws:iam::aws:policy/IAMFullAccess, an administrative policy"],
                type,
            );
        }
    });
    it("allows broad managed policies when the patterns are emptied", () => {
        assert.equal(
            outcomeOf(noAdminPolicies, attachment("a", "r", "arn:aws:iam::aws:policy/AmazonS3FullAccess"), {
                "no-admin-policies": { deniedPolicyNamePatterns: [] },
            }).status,
            "pass",
        );
    });
    it("is not applicable to other types", () => {
        assert.equal(outcomeOf(noAdminPolicies, bucket).status, "not-applicable");
    });
});

describe("no-long-lived-credentials", () => {
    it("passes (not applicable) users in the organization stack", () => {
        const user = resource("aws:iam/user:User", "breakglass", {}, { urn: "urn:pulumi:organization::meridian::aws:iam/user:User::breakglass" });
        assert.equal(outcomeOf(noLongLivedCredentials, user).status, "not-applicable");
    });
    it("fails users and access keys in workload stacks", () => {
        const key = resource(
            "aws:iam/accessKey:AccessKey",
            "k",
            { user: "u" },
            { urn: "urn:pulumi:orders-prod.us-east-1::meridian::aws:iam/accessKey:AccessKey::k" },
        );
        assert.deepEqual(messages(outcomeOf(noLongLivedCredentials, key)), ["AccessKey k is a long-lived credential in workload stack orders-prod.us-east-1"]);
    });
    it("passes a role (not applicable)", () => {
        assert.equal(outcomeOf(noLongLivedCredentials, role("r")).status, "not-applicable");
    });
});
