import type { ServiceAssumption } from "./service-source-keys";
import { type PrincipalStatement, type ResourcePolicyDocument, resourcePolicyDocument } from "./policy-document";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** IAM names an OIDC provider by its URL's host, so the account's GitHub provider has a known ARN. */
export function githubOidcProviderArn(accountId: string, partition = "aws"): string {
    return `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

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

/** Trust for a role only one named role may assume. */
export function roleTrustDocument(principalRoleArn: string): ResourcePolicyDocument {
    return resourcePolicyDocument([{ Sid: "AssumedByRole", Effect: "Allow", Principal: { AWS: principalRoleArn }, Action: ["sts:AssumeRole"] }]);
}

/** One named role, pinned by ARN and to the organisation, may assume the role. */
function organizationRoleStatement(sid: string, principalRoleArn: string, organizationId: string): PrincipalStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { AWS: principalRoleArn },
        Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId } },
    };
}

/** Trust for a role that one named role of another account of the organisation may assume. */
export function organizationRoleTrustDocument(principalRoleArn: string, organizationId: string): ResourcePolicyDocument {
    return resourcePolicyDocument([organizationRoleStatement("AssumedByRoleInOrganisation", principalRoleArn, organizationId)]);
}

/**
 * Trust for a deployment role: the account's pipeline role (CI), and the management account's
 * bootstrap role (a workstation's `meridian up`), each pinned by ARN. The bootstrap role already
 * reaches every member account's administrator access role, so trusting it grants nothing new; it
 * lets a workstation deploy wave 2 as the deployment role, inside the same boundary CI deploys in.
 */
export function deploymentRoleTrustDocument(pipelineRoleArn: string, bootstrapRoleArn: string, organizationId: string): ResourcePolicyDocument {
    return resourcePolicyDocument([
        { Sid: "AssumedByPipeline", Effect: "Allow", Principal: { AWS: pipelineRoleArn }, Action: ["sts:AssumeRole"] },
        organizationRoleStatement("AssumedByBootstrapRole", bootstrapRoleArn, organizationId),
    ]);
}

/**
 * Trust for a role a service assumes, confined to calls made for this account's resources
 * (`aws:SourceAccount`, confused-deputy protection): required where the service is documented to
 * send the key, and checked when present where that is unknown (see service-source-keys.ts).
 */
export function serviceTrustDocument(assumedBy: ServiceAssumption, sourceAccount: string): ResourcePolicyDocument {
    const operator = assumedBy.sourceKeys === "documented" ? "StringEquals" : "StringEqualsIfExists";
    return resourcePolicyDocument([
        {
            Sid: "AssumedByService",
            Effect: "Allow",
            Principal: { Service: assumedBy.service },
            Action: ["sts:AssumeRole"],
            Condition: { [operator]: { "aws:SourceAccount": sourceAccount } },
        },
    ]);
}
