import { type ResourcePolicyDocument, resourcePolicyDocument } from "./policy-document";

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

/** Trust for the pipeline role: GitHub Actions OIDC with both `aud` and `sub` pinned (no wildcards). */
export function githubOidcTrustDocument(providerArn: string, repository: string, environment: string): ResourcePolicyDocument {
    return resourcePolicyDocument([
        {
            Sid: "GitHubActionsEnvironment",
            Effect: "Allow",
            Principal: { Federated: providerArn },
            Action: ["sts:AssumeRoleWithWebIdentity"],
            Condition: {
                StringEquals: {
                    [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
                    [`${GITHUB_OIDC_HOST}:sub`]: githubSubject(repository, environment),
                },
            },
        },
    ]);
}

/** Trust for a role only one named role may assume. */
export function roleTrustDocument(principalRoleArn: string): ResourcePolicyDocument {
    return resourcePolicyDocument([{ Sid: "AssumedByRole", Effect: "Allow", Principal: { AWS: principalRoleArn }, Action: ["sts:AssumeRole"] }]);
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
        {
            Sid: "AssumedByBootstrapRole",
            Effect: "Allow",
            Principal: { AWS: bootstrapRoleArn },
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
