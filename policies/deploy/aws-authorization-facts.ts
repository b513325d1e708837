import { knownAwsManagedDocument } from "../iam/aws-managed-policies";
import type { PolicyDocument } from "../iam/policy-document";

/**
 * Facts about how AWS authorises a call that no planned stack states: what AWS attaches or
 * creates by itself, and where a global service's requests are made. Each with its source.
 */

export interface SourcedDocument {
    name: string;
    document: PolicyDocument;
    source: string;
}

/**
 * "By default, AWS Organizations attaches an AWS managed SCP named FullAWSAccess to every root, OU
 * and account when it's created." The catalog never detaches it, so every level allows everything
 * that no SCP denies (a deny-list strategy).
 */
export const FULL_AWS_ACCESS: SourcedDocument = {
    name: "FullAWSAccess",
    document: { statements: [{ effect: "Allow", actions: ["*"], resources: ["*"], conditions: {} }] },
    source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_strategies.html",
};

/**
 * "RCPFullAWSAccess ... is automatically attached to every root, OU and account in your
 * organization" once resource control policies are enabled, and cannot be detached: like
 * FullAWSAccess, it leaves only the catalog's RCP denies to bite.
 */
export const RCP_FULL_AWS_ACCESS: SourcedDocument = {
    name: "RCPFullAWSAccess",
    document: { statements: [{ effect: "Allow", actions: ["*"], resources: ["*"], conditions: {} }] },
    source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html",
};

const ADMINISTRATOR_ACCESS = knownAwsManagedDocument("arn:aws:iam::aws:policy/AdministratorAccess") as PolicyDocument;

/**
 * The role Organizations creates in an account it creates (`roleName`, OrganizationAccountAccessRole
 * by default): "This role has full administrative permissions in the member account", that is
 * AdministratorAccess, and it trusts the management account. Accounts that joined by invitation do
 * not have it.
 */
export const ORGANIZATION_ACCESS_ROLE_POLICY: SourcedDocument = {
    name: "AdministratorAccess",
    document: ADMINISTRATOR_ACCESS,
    source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access-cross-account-role.html",
};

/**
 * The organization stack runs with the management account's own credentials (the management
 * pipeline role, which is bootstrapped by hand and not planned). Nothing in the plan limits it, so
 * it is taken as an administrator; SCPs never apply in the management account.
 */
export const MANAGEMENT_CREDENTIALS_POLICY: SourcedDocument = {
    name: "management account credentials (not planned: taken as AdministratorAccess)",
    document: ADMINISTRATOR_ACCESS,
    source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
};

/** "SCPs don't affect users or roles in the management account"; RCPs do not apply to resources in it either. */
export const MANAGEMENT_ACCOUNT_EXEMPT_SOURCE = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html";

/**
 * Services with a single endpoint: their requests carry `aws:RequestedRegion` us-east-1 in the aws
 * partition, whatever the provider's region ("IAM calls are always made to the us-east-1 Region").
 */
export const GLOBAL_SERVICE_REGIONS: Readonly<Record<string, string>> = {
    iam: "us-east-1",
    organizations: "us-east-1",
    route53: "us-east-1",
};
export const GLOBAL_SERVICE_REGIONS_SOURCE =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion";

/**
 * "No AWS principal, including the account root user or key creator, has any permissions to a KMS
 * key unless they are explicitly allowed, and never denied, in a key policy": a call on an existing
 * key needs the key policy too, either naming the principal or letting the account's IAM policies decide.
 */
export const KEY_POLICY_REQUIRED_SOURCE = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html";
