/**
 * AWS's limits on what the organisation catalog asks AWS Organizations and IAM to create, checked
 * by `meridian catalog validate` so that a catalog AWS would reject fails before `pulumi up`.
 * One row per limit, each with the page it comes from. docs/reference/errors.md lists this table
 * (tests/accounts/aws-limits.test.ts keeps the page in step with it).
 */
export interface AwsLimit {
    /** What is limited, as the reference lists it. */
    what: string;
    /** The limit, as the reference states it. */
    limit: string;
    /** The AWS page that states it. */
    source: string;
    /** How Meridian applies it, where that is not obvious. */
    note?: string;
}

const QUOTAS = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html";
const CREATE_ACCOUNT = "https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccount.html";

export const SCP_MAX_CHARACTERS = 5120;
export const SCPS_PER_TARGET = 5;
export const OU_MAX_DEPTH = 5;
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
export const EMAIL_LENGTH = { min: 6, max: 64 } as const;
export const ACCOUNT_NAME_MAX = 50;
export const OU_NAME_MAX = 128;
export const POLICY_NAME_MAX = 128;
export const POLICY_DESCRIPTION_MAX = 512;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;
export const TAGS_PER_RESOURCE = 50;
/** AWS reserves tag keys with this prefix, in any case. */
export const RESERVED_TAG_PREFIX = "aws:";

export const AWS_LIMITS: Readonly<Record<string, AwsLimit>> = {
    scpSize: {
        what: "Size of a service control policy document",
        limit: `${SCP_MAX_CHARACTERS} characters`,
        source: QUOTAS,
        note:
            "Only the console strips whitespace before counting; a policy saved through the API (as the Pulumi provider saves it) is counted as sent. " +
            "Meridian sends the compact JSON of the document, with ${meridian:regions} filled in, so that is what is measured. " +
            "Reports from May 2026 say AWS raised this to 10,240 characters and 10 SCPs per target; Meridian keeps the cited page's values until it says otherwise.",
    },
    scpsPerTarget: {
        what: "Service control policies attached to one root, OU or account",
        limit: String(SCPS_PER_TARGET),
        source: QUOTAS,
        note: "FullAWSAccess, which AWS attaches to every root, OU and account and Meridian leaves in place, takes one of them: a target may have 4 of the catalog's SCPs.",
    },
    ouDepth: {
        what: "OU nesting under the root",
        limit: `${OU_MAX_DEPTH} levels`,
        source: QUOTAS,
    },
    scpGrammar: {
        what: "Service control policy syntax",
        limit: "Version, Statement; each statement an Effect, Action or NotAction, optional Resource or NotResource, Condition and Sid; no Principal or NotPrincipal",
        source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html",
    },
    roleName: {
        what: "Name of the role Organizations creates in a new account (accessRoleName)",
        limit: "1 to 64 characters: letters, digits and _+=,.@-; a name, not a path",
        source: CREATE_ACCOUNT,
    },
    email: {
        what: "Root email address of a new account",
        limit:
            `${EMAIL_LENGTH.min} to ${EMAIL_LENGTH.max} 7-bit ASCII characters; one @; the local part without whitespace or "'()<>[]:;,\\|%& and not starting with a dot; ` +
            "a domain of letters, digits, hyphens and dots, with a dot, not starting or ending with a hyphen or dot",
        source: CREATE_ACCOUNT,
    },
    accountName: {
        what: "Account name",
        limit: `1 to ${ACCOUNT_NAME_MAX} printable ASCII characters`,
        source: CREATE_ACCOUNT,
        note: "Member account names also name stacks, so the catalog narrows them further (lower-case letters, digits and hyphens, 3-32 characters).",
    },
    ouName: {
        what: "OU name",
        limit: `1 to ${OU_NAME_MAX} characters`,
        source: "https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateOrganizationalUnit.html",
        note: 'OU names are joined with "/" into OU paths, so the catalog allows letters, digits, spaces, _ and - only.',
    },
    policyName: {
        what: "Service control policy name",
        limit: `1 to ${POLICY_NAME_MAX} characters`,
        source: "https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreatePolicy.html",
    },
    policyDescription: {
        what: "Service control policy description",
        limit: `0 to ${POLICY_DESCRIPTION_MAX} characters`,
        source: "https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreatePolicy.html",
    },
    tagKey: {
        what: "Tag key on an account or OU",
        limit: `1 to ${TAG_KEY_MAX} characters, not starting with ${RESERVED_TAG_PREFIX}`,
        source: "https://docs.aws.amazon.com/organizations/latest/APIReference/API_Tag.html",
    },
    tagValue: {
        what: "Tag value on an account or OU",
        limit: `0 to ${TAG_VALUE_MAX} characters`,
        source: "https://docs.aws.amazon.com/organizations/latest/APIReference/API_Tag.html",
    },
    tagCount: {
        what: "Tags on one account or OU",
        limit: String(TAGS_PER_RESOURCE),
        source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_tagging.html",
        note: "The organization stack's provider adds its default tags (meridian:stack, meridian:managed-by) to every account and OU, so they count too.",
    },
};

/** The limits table as Markdown, for docs/reference/errors.md. */
export function renderLimitsTable(): string {
    const cell = (text: string) => text.replace(/\|/g, "\\|");
    const rows = Object.values(AWS_LIMITS).map((row) => `| ${cell(row.what)} | ${cell(row.limit)} | ${cell(row.note ?? "")} | [source](${row.source}) |`);
    return ["| What | AWS's limit | How Meridian applies it | Source |", "|---|---|---|---|", ...rows].join("\n") + "\n";
}
