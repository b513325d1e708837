import { type ResourcePolicyDocument, resourcePolicyDocument } from "./policy-document";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** `repo:<org/repo>:environment:<env>`: only jobs of that repository running in that GitHub environment match. */
export function githubSubject(repository: string, environment: string): string {
    return `repo:${repository}:environment:${environment}`;
}

/**
 * `repo:<org/repo>:pull_request`: what GitHub puts in `sub` for a pull-request job that names no
 * environment. One value for the whole repository, so exactly one role in the fleet trusts it: the
 * read-only preview entry role in the management account.
 */
export function githubPullRequestSubject(repository: string): string {
    return `repo:${repository}:pull_request`;
}

/**
 * Trust for a role GitHub Actions assumes: OIDC with `aud` and `sub` pinned exactly (no wildcards).
 * `subject` is `githubSubject(...)` for a deploying job, `githubPullRequestSubject(...)` for a preview.
 */
export function githubOidcTrustDocument(providerArn: string, subject: string): ResourcePolicyDocument {
    return resourcePolicyDocument([
        {
            Sid: "GitHubActionsSubject",
            Effect: "Allow",
            Principal: { Federated: providerArn },
            Action: ["sts:AssumeRoleWithWebIdentity"],
            Condition: {
                StringEquals: {
                    [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
                    [`${GITHUB_OIDC_HOST}:sub`]: subject,
                },
            },
        },
    ]);
}

/** The GitHub OIDC provider's ARN in an account: one per account and URL, so it is known from the account alone. */
export function githubOidcProviderArn(accountId: string, partition = "aws"): string {
    return `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

/** Trust for a role only one named role may assume. */
export function roleTrustDocument(principalRoleArn: string): ResourcePolicyDocument {
    return resourcePolicyDocument([{ Sid: "AssumedByRole", Effect: "Allow", Principal: { AWS: principalRoleArn }, Action: ["sts:AssumeRole"] }]);
}

/** Trust for a role that one named role of another account of the organisation may assume. */
export function organizationRoleTrustDocument(principalRoleArn: string, organizationId: string): ResourcePolicyDocument {
    return resourcePolicyDocument([
        {
            Sid: "AssumedByRoleInOrganisation",
            Effect: "Allow",
            Principal: { AWS: principalRoleArn },
            Action: ["sts:AssumeRole"],
            Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId } },
        },
    ]);
}

/**
 * Trust for a service role. `sourceAccount` confines it to calls made on behalf of this account's
 * resources (confused-deputy protection) for services that send `aws:SourceAccount`.
 */
export function serviceTrustDocument(service: string, sourceAccount?: string): ResourcePolicyDocument {
    return resourcePolicyDocument([
        {
            Sid: "AssumedByService",
            Effect: "Allow",
            Principal: { Service: service },
            Action: ["sts:AssumeRole"],
            ...(sourceAccount ? { Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } } : {}),
        },
    ]);
}
