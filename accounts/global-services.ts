/**
 * The services the region guard (accounts/scps/deny-unapproved-regions.json, placeholder
 * `${meridian:globalServices}`) lets through in any region: truly global services, whose one
 * endpoint serves every region, so their requests carry that endpoint's region (mostly us-east-1)
 * whatever region the caller works in. Regional services with a region-independent feel are not
 * here, on purpose: KMS keys, ACM certificates, WAFv2 web ACLs and S3 account settings are made
 * per region, so exempting them would let keys and certificates be created anywhere.
 */
export interface GlobalService {
    /** IAM service prefix: `iam` exempts `iam:*`. */
    service: string;
    /** Where AWS says it is global. */
    source: string;
}

const IAM_REGION_DENY_EXAMPLE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html";
const ORGANIZATIONS_REGION_DENY_EXAMPLE =
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region";
const CONTROL_TOWER_REGION_DENY = "https://docs.aws.amazon.com/controltower/latest/userguide/primary-region-deny-policy.html";

export const GLOBAL_SERVICES: readonly GlobalService[] = [
    // "CloudFront, IAM, Route 53, and Support ... global services with a single endpoint that is physically located in the us-east-1 Region."
    { service: "cloudfront", source: IAM_REGION_DENY_EXAMPLE },
    { service: "iam", source: IAM_REGION_DENY_EXAMPLE },
    { service: "route53", source: IAM_REGION_DENY_EXAMPLE },
    { service: "support", source: IAM_REGION_DENY_EXAMPLE },
    // "other AWS global services that you use, such as budgets, globalaccelerator, importexport, organizations, or waf" (waf is WAF Classic's global API).
    { service: "budgets", source: IAM_REGION_DENY_EXAMPLE },
    { service: "globalaccelerator", source: IAM_REGION_DENY_EXAMPLE },
    { service: "organizations", source: IAM_REGION_DENY_EXAMPLE },
    { service: "waf", source: IAM_REGION_DENY_EXAMPLE },
    // Global endpoints in AWS's own region-deny SCP.
    { service: "ce", source: ORGANIZATIONS_REGION_DENY_EXAMPLE },
    { service: "health", source: ORGANIZATIONS_REGION_DENY_EXAMPLE },
    { service: "route53domains", source: ORGANIZATIONS_REGION_DENY_EXAMPLE },
    { service: "shield", source: ORGANIZATIONS_REGION_DENY_EXAMPLE },
    { service: "sts", source: ORGANIZATIONS_REGION_DENY_EXAMPLE },
    { service: "trustedadvisor", source: ORGANIZATIONS_REGION_DENY_EXAMPLE },
    { service: "account", source: CONTROL_TOWER_REGION_DENY },
];

/** The `NotAction` entries of the region guard. */
export function globalServiceActions(): string[] {
    return GLOBAL_SERVICES.map((entry) => `${entry.service}:*`);
}
