import { MANAGEMENT_GITHUB_ENVIRONMENT } from "../../lib/contracts/naming";
import { type ResourcePolicyDocument, resourcePolicyDocument } from "./policy-document";
import { githubOidcProviderArn, githubOidcTrustDocument, githubSubject } from "./trust";

/**
 * The trust of the roles no stack creates: the organisation access role, which AWS Organizations
 * creates in every account it creates, and the two management-account roles a person creates once
 * while bootstrapping (docs/guides/bootstrap-a-new-organisation.md). The bootstrap guide's commands
 * write exactly these documents (`meridian bootstrap roles`), and the trust-chain check walks them.
 */

/** The AWS-managed policy that makes a role an administrator of its account. */
export const ADMINISTRATOR_ACCESS_POLICY = "AdministratorAccess";

export function awsManagedPolicyArn(name: string, partition = "aws"): string {
    return `arn:${partition}:iam::aws:policy/${name}`;
}

/**
 * Trust in one account as a whole: any of its principals whose own identity policies allow
 * `sts:AssumeRole` on the role. It is what Organizations gives the access role in an account it
 * creates (trusting the management account, with AdministratorAccess; an account that joined by
 * invitation has no such role until someone creates it with this trust), and what the bootstrap
 * role uses, so that the management account's administrators decide who bootstraps. Source:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_create-cross-account-role.html
 */
export function accountTrustDocument(accountId: string, partition = "aws"): ResourcePolicyDocument {
    return resourcePolicyDocument([
        { Sid: "PrincipalsOfTheAccount", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${accountId}:root` }, Action: ["sts:AssumeRole"] },
    ]);
}

/** The management pipeline role: GitHub Actions jobs of the repository in the management environment only. */
export function managementPipelineTrustDocument(managementAccountId: string, repository: string, partition = "aws"): ResourcePolicyDocument {
    return githubOidcTrustDocument(githubOidcProviderArn(managementAccountId, partition), githubSubject(repository, MANAGEMENT_GITHUB_ENVIRONMENT));
}
