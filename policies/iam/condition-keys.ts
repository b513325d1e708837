/**
 * Where the value of a condition key comes from, which decides how the escalation analysis treats
 * a condition on it:
 * - `principal`: fixed by the caller's identity (its ARN, account, tags), known for a principal the
 *   stack defines;
 * - `resource`: fixed by the resource acted on (its tags, a role's boundary), known when the target
 *   is one of the stack's own resources, unknown for "any resource";
 * - `request`: chosen by the caller in the request itself (tags it sends, the policy it attaches,
 *   the region it calls), so a condition on it confines nothing the caller cannot satisfy;
 * - `environment`: fixed by how and when the call is made (time, network, MFA), known only for the
 *   clock.
 * Keys not listed are service-specific; the analysis treats them as `resource` keys (fixed, and
 * unknown unless the target is known), which is what most of them are.
 */
export type ConditionKeySource = "principal" | "resource" | "request" | "environment";

export interface ConditionKeyFact {
    /** The key, or a tag-key family ending in `/` (`aws:ResourceTag/` covers every tag key). */
    key: string;
    source: ConditionKeySource;
    /** Where AWS documents it. */
    documentedAt: string;
}

const GLOBAL_KEYS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html";
const IAM_KEYS = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html";
const STS_KEYS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html";

export const CONDITION_KEY_FACTS: readonly ConditionKeyFact[] = [
    { key: "aws:PrincipalArn", source: "principal", documentedAt: `${GLOBAL_KEYS}#condition-keys-principalarn` },
    { key: "aws:PrincipalAccount", source: "principal", documentedAt: `${GLOBAL_KEYS}#condition-keys-principalaccount` },
    { key: "aws:PrincipalOrgID", source: "principal", documentedAt: `${GLOBAL_KEYS}#condition-keys-principalorgid` },
    { key: "aws:PrincipalOrgPaths", source: "principal", documentedAt: `${GLOBAL_KEYS}#condition-keys-principalorgpaths` },
    { key: "aws:PrincipalTag/", source: "principal", documentedAt: `${GLOBAL_KEYS}#condition-keys-principaltag` },
    { key: "aws:PrincipalType", source: "principal", documentedAt: `${GLOBAL_KEYS}#condition-keys-principaltype` },
    { key: "aws:PrincipalIsAWSService", source: "principal", documentedAt: `${GLOBAL_KEYS}#condition-keys-principalisawsservice` },
    { key: "aws:userid", source: "principal", documentedAt: `${GLOBAL_KEYS}#condition-keys-userid` },
    { key: "aws:username", source: "principal", documentedAt: `${GLOBAL_KEYS}#condition-keys-username` },
    { key: "aws:ResourceTag/", source: "resource", documentedAt: `${GLOBAL_KEYS}#condition-keys-resourcetag` },
    { key: "aws:ResourceAccount", source: "resource", documentedAt: `${GLOBAL_KEYS}#condition-keys-resourceaccount` },
    { key: "aws:ResourceOrgID", source: "resource", documentedAt: `${GLOBAL_KEYS}#condition-keys-resourceorgid` },
    { key: "aws:ResourceOrgPaths", source: "resource", documentedAt: `${GLOBAL_KEYS}#condition-keys-resourceorgpaths` },
    { key: "iam:ResourceTag/", source: "resource", documentedAt: `${IAM_KEYS}#awsidentityandaccessmanagementiam-policy-keys` },
    // The boundary of the role or user acted on; for CreateRole/CreateUser the caller chooses it, and it then binds the new principal.
    { key: "iam:PermissionsBoundary", source: "resource", documentedAt: `${STS_KEYS}#ck_PermissionsBoundary` },
    { key: "aws:RequestTag/", source: "request", documentedAt: `${GLOBAL_KEYS}#condition-keys-requesttag` },
    { key: "aws:TagKeys", source: "request", documentedAt: `${GLOBAL_KEYS}#condition-keys-tagkeys` },
    { key: "aws:RequestedRegion", source: "request", documentedAt: `${GLOBAL_KEYS}#condition-keys-requestedregion` },
    { key: "aws:SecureTransport", source: "request", documentedAt: `${GLOBAL_KEYS}#condition-keys-securetransport` },
    { key: "aws:UserAgent", source: "request", documentedAt: `${GLOBAL_KEYS}#condition-keys-useragent` },
    { key: "aws:Referer", source: "request", documentedAt: `${GLOBAL_KEYS}#condition-keys-referer` },
    { key: "iam:PolicyARN", source: "request", documentedAt: `${STS_KEYS}#ck_PolicyARN` },
    { key: "iam:PassedToService", source: "request", documentedAt: `${STS_KEYS}#ck_PassedToService` },
    { key: "iam:AssociatedResourceArn", source: "request", documentedAt: `${STS_KEYS}#ck_AssociatedResourceArn` },
    { key: "sts:RoleSessionName", source: "request", documentedAt: `${STS_KEYS}#ck_rolesessionname` },
    { key: "sts:SourceIdentity", source: "request", documentedAt: `${STS_KEYS}#ck_sourceidentity` },
    { key: "sts:TransitiveTagKeys", source: "request", documentedAt: `${STS_KEYS}#ck_transitivetagkeys` },
    { key: "aws:CurrentTime", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-currenttime` },
    { key: "aws:EpochTime", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-epochtime` },
    { key: "aws:SourceIp", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-sourceip` },
    { key: "aws:SourceVpc", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-sourcevpc` },
    { key: "aws:SourceVpce", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-sourcevpce` },
    { key: "aws:VpcSourceIp", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-vpcsourceip` },
    { key: "aws:MultiFactorAuthPresent", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-multifactorauthpresent` },
    { key: "aws:MultiFactorAuthAge", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-multifactorauthage` },
    { key: "aws:TokenIssueTime", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-tokenissuetime` },
    { key: "aws:ViaAWSService", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-viaawsservice` },
    { key: "aws:CalledVia", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-calledvia` },
    { key: "aws:SourceAccount", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-sourceaccount` },
    { key: "aws:SourceArn", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-sourcearn` },
    { key: "aws:SourceOrgID", source: "environment", documentedAt: `${GLOBAL_KEYS}#condition-keys-sourceorgid` },
];

const bySourceKey = new Map(CONDITION_KEY_FACTS.map((fact) => [fact.key.toLowerCase(), fact.source]));

/** Where a (lower-cased or not) condition key's value comes from; service keys count as resource keys. */
export function conditionKeySource(key: string): ConditionKeySource {
    const lower = key.toLowerCase();
    const slash = lower.indexOf("/");
    return bySourceKey.get(slash > 0 ? lower.slice(0, slash + 1) : lower) ?? "resource";
}
