import { UNKNOWN_SENTINEL } from "../../unknown-values-proxy";
import { ACCOUNT, document, resource, role, RuleScenario } from "../scenario-kit";

function trusting(statement: Record<string, unknown>) {
    return role("r", { assumeRolePolicy: document({ Effect: "Allow", Action: "sts:AssumeRole", ...statement }) });
}

const GITHUB = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const OWN_ACCOUNT = { accountId: ACCOUNT };
const FOREIGN_ROOT = "arn:aws:iam::999999999999:root";
const FOREIGN_MESSAGE = (principal: string) =>
    `assumeRolePolicy Statement[0] trusts ${principal} in account 999999999999, which is not this account, not in allowedAccountIds and not confined by aws:PrincipalOrgID`;
const NO_SUB = "assumeRolePolicy Statement[0] trusts GitHub OIDC without pinning token.actions.githubusercontent.com:sub: any repository could assume the role";

// The engine hands provider config to analyzers as strings: a list arrives as its JSON text.
const provider = resource("pulumi:providers:aws", "default", { allowedAccountIds: JSON.stringify([ACCOUNT]), region: "us-east-1" });
const twoAccountProvider = resource("pulumi:providers:aws", "default", { allowedAccountIds: JSON.stringify([ACCOUNT, "444455556666"]), region: "us-east-1" });
const PINNED_GITHUB = {
    Principal: { Federated: GITHUB },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
};
const withSub = (sub: string | string[]) =>
    trusting({ ...PINNED_GITHUB, Condition: { ...PINNED_GITHUB.Condition, StringLike: { "token.actions.githubusercontent.com:sub": sub } } });

export const scenarios: RuleScenario[] = [
    {
        name: "passes a same-account role",
        resources: [trusting({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/pipeline` } })],
        context: OWN_ACCOUNT,
        expect: "pass",
    },
    {
        name: "passes a foreign account confined to the organisation",
        resources: [trusting({ Principal: { AWS: FOREIGN_ROOT }, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } })],
        context: OWN_ACCOUNT,
        expect: "pass",
    },
    {
        name: "passes an allow-listed account",
        resources: [trusting({ Principal: { AWS: "444455556666" } })],
        context: OWN_ACCOUNT,
        config: { "trust-policy-tight": { allowedAccountIds: ["444455556666"] } },
        expect: "pass",
    },
    {
        name: "passes GitHub OIDC pinned on aud and sub",
        resources: [
            trusting({
                Principal: { Federated: GITHUB },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                    StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/orders:ref:refs/heads/*" },
                },
            }),
        ],
        expect: "pass",
    },
    {
        // A service role whose service may not send aws:SourceAccount (components/policy-documents/service-source-keys.ts).
        name: "passes a service role that checks aws:SourceAccount only when the service sends it",
        resources: [trusting({ Principal: { Service: "events.amazonaws.com" }, Condition: { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } } })],
        context: OWN_ACCOUNT,
        expect: "pass",
    },
    {
        name: "takes the stack's account from the provider's allowedAccountIds when the context has none",
        resources: [{ ...trusting({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/pipeline` } }), provider: provider.urn }, provider],
        expect: "pass",
    },
    {
        name: "fails a * principal without a condition",
        resources: [trusting({ Principal: "*" })],
        expect: "violation",
        messages: [
            'assumeRolePolicy Statement[0] lets any principal ("*") assume the role without a restricting condition (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn, aws:SourceOrgID)',
        ],
    },
    {
        name: "fails a trust of its own account's root: any principal of the account allowed sts:AssumeRole becomes the role",
        resources: [trusting({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })],
        context: OWN_ACCOUNT,
        expect: "violation",
        messages: [
            `assumeRolePolicy Statement[0] trusts its own account's root (arn:aws:iam::${ACCOUNT}:root): every role and user of the account that may call sts:AssumeRole on it can assume it; name the principals or confine it with aws:PrincipalArn, aws:PrincipalTag/*, aws:userid, aws:username`,
        ],
    },
    {
        name: "passes its own account's root confined to a named principal",
        resources: [
            trusting({
                Principal: { AWS: ACCOUNT },
                Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/orders-pipeline` } },
            }),
        ],
        context: OWN_ACCOUNT,
        expect: "pass",
    },
    {
        name: "fails its own account's root under a condition that admits every principal of it",
        resources: [trusting({ Principal: { AWS: ACCOUNT }, Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` } } })],
        context: OWN_ACCOUNT,
        expect: "violation",
    },
    {
        name: "fails a foreign account's root",
        resources: [trusting({ Principal: { AWS: FOREIGN_ROOT } })],
        context: OWN_ACCOUNT,
        expect: "violation",
        messages: [FOREIGN_MESSAGE(FOREIGN_ROOT)],
    },
    {
        name: "fails a role in a foreign account, not only its root",
        resources: [trusting({ Principal: { AWS: "arn:aws:iam::999999999999:role/deployer" } })],
        context: OWN_ACCOUNT,
        expect: "violation",
        messages: [FOREIGN_MESSAGE("arn:aws:iam::999999999999:role/deployer")],
    },
    {
        name: "fails GitHub OIDC trust without sub",
        resources: [
            trusting({ Principal: { Federated: GITHUB }, Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } }),
        ],
        expect: "violation",
        messages: [NO_SUB],
    },
    {
        name: "fails GitHub OIDC trust without aud and with a sub that pins no repository",
        resources: [trusting({ Principal: { Federated: GITHUB }, Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } } })],
        expect: "violation",
        messages: [
            "assumeRolePolicy Statement[0] trusts GitHub OIDC without pinning token.actions.githubusercontent.com:aud",
            'assumeRolePolicy Statement[0] trusts GitHub OIDC with token.actions.githubusercontent.com:sub "repo:acme/*", which does not pin an owner and repository',
        ],
    },
    {
        name: "counts a Like * organisation condition as confining nothing",
        resources: [trusting({ Principal: "*", Condition: { StringLike: { "aws:PrincipalOrgID": "*" } } })],
        expect: "violation",
    },
    {
        name: "counts a negated account condition as confining nothing",
        resources: [trusting({ Principal: "*", Condition: { StringNotEquals: { "aws:PrincipalAccount": "999999999999" } } })],
        expect: "violation",
    },
    {
        name: "counts an IfExists organisation condition as confining nothing",
        resources: [trusting({ Principal: { AWS: FOREIGN_ROOT }, Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc" } } })],
        context: OWN_ACCOUNT,
        expect: "violation",
    },
    {
        name: "fails a sub that admits every repository but one: that pins nothing",
        resources: [
            trusting({
                Principal: { Federated: GITHUB },
                Condition: {
                    StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                    StringNotLike: { "token.actions.githubusercontent.com:sub": "repo:acme/orders:*" },
                },
            }),
        ],
        expect: "violation",
        messages: [NO_SUB],
    },
    {
        name: "passes a role of its own account whose name ends in twelve digits: only :root is the whole account",
        resources: [trusting({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/deploy-${ACCOUNT}` } })],
        context: OWN_ACCOUNT,
        expect: "pass",
    },
    {
        name: "fails its own account's root in another partition (GovCloud)",
        resources: [trusting({ Principal: { AWS: `arn:aws-us-gov:iam::${ACCOUNT}:root` } })],
        context: OWN_ACCOUNT,
        expect: "violation",
        messages: [/trusts its own account's root \(arn:aws-us-gov:iam::123456789012:root\)/],
    },
    {
        name: "fails a role in a foreign account in another partition, named by that account",
        resources: [trusting({ Principal: { AWS: "arn:aws-us-gov:iam::999999999999:role/deploy-123456789012" } })],
        context: OWN_ACCOUNT,
        expect: "violation",
        messages: [FOREIGN_MESSAGE("arn:aws-us-gov:iam::999999999999:role/deploy-123456789012")],
    },
    {
        name: "passes a principal AWS shows by its unique id (a deleted role): it names no account",
        resources: [trusting({ Principal: { AWS: "AROAJQABLZS4A3QDU576Q" } })],
        context: OWN_ACCOUNT,
        expect: "pass",
    },
    {
        name: "passes a foreign role confined to organisation paths",
        resources: [
            trusting({
                Principal: { AWS: "arn:aws:iam::999999999999:role/deployer" },
                Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-abc/r-ab12/ou-ab12-11111111/*" } },
            }),
        ],
        context: OWN_ACCOUNT,
        expect: "pass",
    },
    {
        name: "checks allows only: a deny of every principal needs no condition",
        resources: [
            role("r", {
                assumeRolePolicy: document(
                    { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
                    { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" },
                ),
            }),
        ],
        expect: "pass",
    },
    {
        name: "takes no account from a provider that allows several: each is then foreign",
        resources: [{ ...trusting({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }), provider: twoAccountProvider.urn }, twoAccountProvider],
        expect: "violation",
        messages: [FOREIGN_MESSAGE(`arn:aws:iam::${ACCOUNT}:root`).replace("999999999999", ACCOUNT)],
    },
    {
        name: "passes a sub that names the repository with nothing after it",
        resources: [withSub("repo:acme/orders")],
        expect: "pass",
    },
    {
        name: "fails a sub that only contains a repository after a wildcard",
        resources: [withSub("*repo:acme/orders:*")],
        expect: "violation",
        messages: [
            'assumeRolePolicy Statement[0] trusts GitHub OIDC with token.actions.githubusercontent.com:sub "*repo:acme/orders:*", which does not pin an owner and repository',
        ],
    },
    {
        name: "cannot check a role whose trust policy is not known yet",
        resources: [role("r", { assumeRolePolicy: UNKNOWN_SENTINEL })],
        expect: "cannot-check",
    },
    {
        name: "leaves a trust policy that is not a policy document to the engine, which refuses it",
        resources: [role("r", { assumeRolePolicy: "arn:aws:iam::123456789012:root" })],
        expect: "pass",
    },
    {
        name: "is not applicable to other types",
        resources: [resource("aws:s3/bucket:Bucket", "docs", { bucket: "docs" })],
        expect: "not-applicable",
    },
    {
        name: "names every sub that does not pin a repository",
        resources: [withSub(["repo:acme/*", "*"])],
        expect: "violation",
        messages: [
            'assumeRolePolicy Statement[0] trusts GitHub OIDC with token.actions.githubusercontent.com:sub "repo:acme/*", "*", which does not pin an owner and repository',
        ],
    },
];
