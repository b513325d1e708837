import { conditionValues, confinesWith, PolicyStatement, parsePolicyDocumentOrUndefined } from "../../iam/policy-document";
import { providerSetting } from "../../provider-config";
import { MeridianResourceRule, requireType, trustDocuments } from "../../rule-kit";

interface TrustConfig {
    accountId: string;
    allowedAccountIds: string[];
    anyoneRestrictingConditionKeys: string[];
    ownAccountConfiningConditionKeys: string[];
    githubOidcHost: string;
}

/** `arn:aws:iam::123456789012:root` or `123456789012`: the whole account, not one principal in it. */
function isAccountRoot(principal: string): boolean {
    return /^\d{12}$/.test(principal) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(principal);
}

/** `123456789012`, `arn:aws:iam::123456789012:root` or `arn:aws:iam::123456789012:role/x` → the account. */
export function principalAccount(principal: string): string | undefined {
    if (/^\d{12}$/.test(principal)) return principal;
    return /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** A `sub` that names a literal owner and repository: `repo:acme/orders:ref:refs/heads/main` or `repo:acme/orders:*`. */
export function pinsGithubRepository(sub: string): boolean {
    return /^repo:[^*?/:]+\/[^*?/:]+(:|$)/.test(sub);
}

function ownAccount(config: TrustConfig, providerProps: Record<string, unknown> | undefined): string | undefined {
    if (config.accountId) return config.accountId;
    const allowed = providerSetting(providerProps, "allowedAccountIds");
    return Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === "string" ? allowed[0] : undefined;
}

function checkStatement(statement: PolicyStatement, at: string, config: TrustConfig, own: string | undefined, report: (message: string) => void): void {
    const principal = statement.principal;
    if (statement.effect !== "Allow" || !principal) return;
    if (principal.anyone && !confinesWith(statement, config.anyoneRestrictingConditionKeys)) {
        report(`${at} lets any principal ("*") assume the role without a restricting condition (${config.anyoneRestrictingConditionKeys.join(", ")})`);
    }
    const inOrg = confinesWith(statement, ["aws:PrincipalOrgID", "aws:PrincipalOrgPaths"]);
    for (const entry of principal.aws) {
        const account = principalAccount(entry);
        if (account && account === own && isAccountRoot(entry) && !confinesWith(statement, config.ownAccountConfiningConditionKeys)) {
            report(
                `${at} trusts its own account's root (${entry}): every role and user of the account that may call sts:AssumeRole on it can assume it; name the principals or confine it with ${config.ownAccountConfiningConditionKeys.join(", ")}`,
            );
        }
        if (!account || account === own || config.allowedAccountIds.includes(account) || inOrg) continue;
        report(`${at} trusts ${entry} in account ${account}, which is not this account, not in allowedAccountIds and not confined by aws:PrincipalOrgID`);
    }
    const host = config.githubOidcHost.toLowerCase();
    if (principal.federated.some((provider) => provider.toLowerCase().includes(host))) {
        const subs = conditionValues(statement, `${host}:sub`);
        if (!conditionValues(statement, `${host}:aud`).length) report(`${at} trusts GitHub OIDC without pinning ${host}:aud`);
        if (!subs.length) report(`${at} trusts GitHub OIDC without pinning ${host}:sub: any repository could assume the role`);
        const loose = subs.filter((sub) => !pinsGithubRepository(sub));
        if (loose.length)
            report(`${at} trusts GitHub OIDC with ${host}:sub ${loose.map((s) => `"${s}"`).join(", ")}, which does not pin an owner and repository`);
    }
}

export const trustPolicyTight: MeridianResourceRule = {
    name: "trust-policy-tight",
    description:
        "Role trust policies: no `*` principal without a restricting condition; no trust of the own account's root unless a condition confines it to named principals; cross-account principals only inside the organisation (aws:PrincipalOrgID) or in an allow-list; GitHub OIDC trust pins both `sub` and `aud`.",
    remediationSteps:
        "Name the trusted principals; for other accounts add `aws:PrincipalOrgID` or list them in allowedAccountIds; for GitHub OIDC add StringEquals on `token.actions.githubusercontent.com:aud` (sts.amazonaws.com) and `:sub` (repo:<owner>/<repo>:...).",
    enforcementLevel: "mandatory",
    context: ["accountId"],
    configSchema: {
        properties: {
            accountId: { type: "string", default: "", description: "The stack's own account; empty = take it from the provider's allowedAccountIds." },
            allowedAccountIds: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Accounts outside the organisation that roles may trust.",
            },
            anyoneRestrictingConditionKeys: {
                type: "array",
                items: { type: "string" },
                default: [
                    "aws:PrincipalOrgID",
                    "aws:PrincipalOrgPaths",
                    "aws:PrincipalAccount",
                    "aws:PrincipalArn",
                    "aws:SourceAccount",
                    "aws:SourceArn",
                    "aws:SourceOrgID",
                ],
                description: "Condition keys that make a `*` principal acceptable.",
            },
            ownAccountConfiningConditionKeys: {
                type: "array",
                items: { type: "string" },
                default: ["aws:PrincipalArn", "aws:PrincipalTag/*", "aws:userid", "aws:username"],
                description: "Condition keys that, matched against named values, confine a trust of the stack's own account root to some of its principals.",
            },
            githubOidcHost: { type: "string", default: "token.actions.githubusercontent.com", description: "The GitHub Actions OIDC provider host." },
        },
    },
    validateResource: (args, report) => {
        requireType(args, ["aws:iam/role:Role"]);
        const config = args.getConfig<TrustConfig>();
        const own = ownAccount(config, args.provider?.props);
        for (const { where, raw } of trustDocuments(args.type, args.props)) {
            parsePolicyDocumentOrUndefined(raw)?.statements.forEach((statement, index) =>
                checkStatement(statement, `${where} Statement[${index}]`, config, own, report),
            );
        }
    },
};
