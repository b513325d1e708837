import { z } from "zod";
import {
    ACCOUNT_NAME_MAX,
    EMAIL_LENGTH,
    OU_NAME_MAX,
    POLICY_DESCRIPTION_MAX,
    POLICY_NAME_MAX,
    RESERVED_TAG_PREFIX,
    ROLE_NAME_PATTERN,
    TAG_KEY_MAX,
    TAG_VALUE_MAX,
} from "./aws-limits";

/**
 * The organisation catalog (`accounts/organization.yaml`). This zod schema is the single source of
 * truth: the validator parses with it and `accounts/organization.schema.json` is generated from it.
 * Limits that come from AWS cite their row in aws-limits.ts.
 */

/** How an account gets its GitHub OIDC provider; an account may hold only one provider per URL. */
export const GITHUB_OIDC_PROVIDER_MODES = ["create", "import", "reuse"] as const;

export const ACCOUNT_NAME_PATTERN = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
export const OU_NAME_PATTERN = new RegExp(`^[A-Za-z][A-Za-z0-9 _-]{0,${OU_NAME_MAX - 1}}$`);

const accountId = z
    .string({ error: "is required: a 12-digit account id as a quoted string" })
    .regex(/^\d{12}$/, { error: (issue) => `${JSON.stringify(issue.input)} is not a 12-digit account id (quote ids in YAML)` });

const accountName = z.string().regex(ACCOUNT_NAME_PATTERN, {
    error: (issue) =>
        `${JSON.stringify(issue.input)} is not a valid account name (lower-case letters, digits and hyphens, 3-32 characters, starting with a letter)`,
});

/** AWS_LIMITS.email: the rules CreateAccount states, each reported on its own. */
const emailRule = (value: string, rule: string) => `${JSON.stringify(value)} is not an email address AWS accepts: ${rule}`;
const emailLength = `it must be ${EMAIL_LENGTH.min} to ${EMAIL_LENGTH.max} characters`;
const email = z
    .string()
    .min(EMAIL_LENGTH.min, { error: (issue) => emailRule(String(issue.input), emailLength) })
    .max(EMAIL_LENGTH.max, { error: (issue) => emailRule(String(issue.input), emailLength) })
    .superRefine((value, context) => {
        const fail = (rule: string) => context.addIssue({ code: "custom", message: emailRule(value, rule) });
        const [local, domain, ...rest] = value.split("@");
        if (!/^[\x20-\x7e]*$/.test(value)) fail("only 7-bit ASCII characters are allowed");
        else if (domain === undefined || rest.length > 0) fail("it needs exactly one @");
        else if (!local || /[\s"'()<>[\]:;,\\|%&]/.test(local)) fail(`the part before @ must be non-empty, without whitespace or "'()<>[]:;,\\|%&`);
        else if (local.startsWith(".")) fail("the part before @ may not start with a dot");
        else if (!/^[A-Za-z0-9.-]+$/.test(domain) || !domain.includes(".") || /^[.-]|[.-]$/.test(domain))
            fail("the domain must be letters, digits, hyphens and dots, contain a dot, and not start or end with a hyphen or dot");
    });

/** AWS_LIMITS.tagKey, tagValue; the count (tagCount) is checked with the provider's default tags in organization-catalog.ts. */
const tags = z
    .record(
        z
            .string()
            .min(1, { error: "tag keys may not be empty" })
            .max(TAG_KEY_MAX, { error: `tag keys may be at most ${TAG_KEY_MAX} characters` })
            .refine((key) => !key.toLowerCase().startsWith(RESERVED_TAG_PREFIX), {
                error: (issue) => `tag key ${JSON.stringify(issue.input)} starts with ${RESERVED_TAG_PREFIX}, which AWS reserves for itself`,
            }),
        z.string().max(TAG_VALUE_MAX, { error: `tag values may be at most ${TAG_VALUE_MAX} characters` }),
    )
    .describe(`Tags (key → value). At most ${TAG_KEY_MAX}-character keys and ${TAG_VALUE_MAX}-character values; keys may not start with aws:.`);

export interface OrganizationalUnitInput {
    name: string;
    tags?: Record<string, string>;
    children?: OrganizationalUnitInput[];
}

export const organizationalUnitSchema: z.ZodType<OrganizationalUnitInput> = z.lazy(() =>
    z
        .object({
            name: z
                .string()
                .regex(OU_NAME_PATTERN, {
                    error: (issue) =>
                        `${JSON.stringify(issue.input)} is not a valid OU name (letters, digits, spaces, _ and -, starting with a letter; up to ${OU_NAME_MAX} characters)`,
                })
                .describe("The OU's name; unique among its siblings. Its path, e.g. Workloads/Prod, is how accounts and SCPs refer to it."),
            tags: tags.optional(),
            children: z.array(organizationalUnitSchema).optional().describe("OUs nested under this one; AWS allows 5 levels below the root."),
        })
        .strict(),
);

export const memberAccountSchema = z
    .object({
        name: accountName.describe("Unique account name; also the stack prefix `<name>.global` and `<name>.<region>`."),
        id: accountId.optional().describe("The 12-digit id of an existing account, quoted. Omit for an account still to be created."),
        email: email.describe(
            "The account's root email address; unique across the organisation. AWS's rules apply (6-64 ASCII characters, one @, a dotted domain).",
        ),
        ou: z.string().min(1).describe('Path of the parent OU from the root, e.g. "Workloads/Prod", or "Root".'),
        environment: z
            .string()
            .regex(/^[a-z][a-z0-9]{1,15}$/, { error: "must be a short lower-case environment name such as prod or staging" })
            .describe("The environment the account serves (prod, staging, ...); subsystems map each environment to one account."),
        subsystem: z.string().optional().describe("The subsystem this account runs, if any (see stacks/subsystems.yaml)."),
        deploymentRoles: z
            .boolean()
            .optional()
            .describe("Give an account without a subsystem a pipeline and deployment role anyway; accounts that run a subsystem always have them."),
        tags: tags.default({}),
        githubOidcProvider: z
            .enum(GITHUB_OIDC_PROVIDER_MODES)
            .default("create")
            .describe(
                "The account's GitHub Actions OIDC provider: `create` it, `import` an existing one (the account's .global stack manages it from then on and never deletes it), or `reuse` one that something else manages (looked up, never changed). `meridian accounts import` proposes import where one exists.",
            ),
    })
    .strict();

export const serviceControlPolicySchema = z
    .object({
        name: z
            .string()
            .regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9_-]{0,${POLICY_NAME_MAX - 1}}$`), {
                error: `must be letters, digits, _ and - (up to ${POLICY_NAME_MAX} characters)`,
            })
            .describe("Unique SCP name, as AWS Organizations shows it."),
        description: z
            .string()
            .max(POLICY_DESCRIPTION_MAX, { error: `may be at most ${POLICY_DESCRIPTION_MAX} characters` })
            .default("")
            .describe("What the SCP is for."),
        file: z.string().min(1).describe("Policy document path, relative to accounts/."),
        targets: z
            .array(z.string().min(1))
            .min(1, { error: "must name at least one target: Root, an OU path or an account name" })
            .describe('Where the policy is attached: "Root", OU paths ("Workloads/Prod") or account names.'),
        everyMember: z
            .boolean()
            .default(false)
            .describe("A guard rail every member account must be under: validation fails when an account is neither a target nor below one."),
    })
    .strict();

export const organizationCatalogSchema = z
    .object({
        managementAccount: z
            .object({
                name: z
                    .string()
                    .regex(new RegExp(`^[\\x20-\\x7e]{1,${ACCOUNT_NAME_MAX}}$`), {
                        error: `must be 1 to ${ACCOUNT_NAME_MAX} printable ASCII characters`,
                    })
                    .describe("The management account's name, as AWS Organizations shows it."),
                id: accountId.describe("The management account's 12-digit id, quoted."),
                email: email.describe("The management account's root email address."),
            })
            .strict()
            .describe("The account that owns the organisation; the organization stack deploys into it."),
        accessRoleName: z
            .string()
            .regex(ROLE_NAME_PATTERN, {
                error: (issue) =>
                    `${JSON.stringify(issue.input)} is not an IAM role name AWS accepts (1 to 64 characters: letters, digits and _+=,.@-; a name, not a path)`,
            })
            .default("OrganizationAccountAccessRole")
            .describe("Role Organizations creates in new accounts; the bootstrap role that `<account>.global` stacks assume."),
        organizationTrail: z
            .object({ account: z.string().min(1).describe("The member account that holds the trail's bucket: the log archive.") })
            .strict()
            .optional()
            .describe(
                "One CloudTrail trail for the whole organisation, created by the organization stack in the management account (which service control policies never restrict) and delivered to a bucket in this account. Omit it to manage no trail.",
            ),
        organizationalUnits: z.array(organizationalUnitSchema).default([]).describe("The OU tree under the root."),
        accounts: z.array(memberAccountSchema).default([]).describe("Member accounts: existing ones (with id) are adopted, the rest created."),
        serviceControlPolicies: z.array(serviceControlPolicySchema).default([]).describe("SCPs and where they are attached."),
        resourceControlPolicies: z
            .array(serviceControlPolicySchema)
            .default([])
            .describe("Resource control policies (RCPs): ceilings on what any principal, inside the organisation or not, may do to the members' resources."),
    })
    .strict();

export type OrganizationCatalogInput = z.input<typeof organizationCatalogSchema>;
export type OrganizationCatalog = z.output<typeof organizationCatalogSchema>;
export type MemberAccount = z.output<typeof memberAccountSchema>;
export type ServiceControlPolicyEntry = z.output<typeof serviceControlPolicySchema>;
