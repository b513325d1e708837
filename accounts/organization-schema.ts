import { z } from "zod";

/**
 * The organisation catalog (`accounts/organization.yaml`). This zod schema is the single source of
 * truth: the validator parses with it and `accounts/organization.schema.json` is generated from it.
 */

/** How an account gets its GitHub OIDC provider; an account may hold only one provider per URL. */
export const GITHUB_OIDC_PROVIDER_MODES = ["create", "import", "reuse"] as const;

export const ACCOUNT_NAME_PATTERN = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
export const OU_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9 _-]{0,63}$/;

const accountId = z
    .string({
        error: (issue) =>
            typeof issue.input === "number"
                ? `${issue.input} is a number; account ids must be quoted strings in YAML ("${issue.input}") so leading zeros survive`
                : "is required: a 12-digit account id as a quoted string",
    })
    .regex(/^\d{12}$/, { error: (issue) => `${JSON.stringify(issue.input)} is not a 12-digit account id (quote ids in YAML)` });

const accountName = z.string().regex(ACCOUNT_NAME_PATTERN, {
    error: (issue) =>
        `${JSON.stringify(issue.input)} is not a valid account name (lower-case letters, digits and hyphens, 3-32 characters, starting with a letter)`,
});

const email = z.email({ error: (issue) => `${JSON.stringify(issue.input)} is not an email address` });

const tags = z.record(z.string(), z.string()).default({});

export interface OrganizationalUnitInput {
    name: string;
    tags?: Record<string, string>;
    children?: OrganizationalUnitInput[];
}

export const organizationalUnitSchema: z.ZodType<OrganizationalUnitInput> = z.lazy(() =>
    z
        .object({
            name: z.string().regex(OU_NAME_PATTERN, {
                error: (issue) => `${JSON.stringify(issue.input)} is not a valid OU name (letters, digits, spaces, _ and -; up to 64 characters)`,
            }),
            tags: z.record(z.string(), z.string()).optional(),
            children: z.array(organizationalUnitSchema).optional(),
        })
        .strict(),
);

export const memberAccountSchema = z
    .object({
        name: accountName.describe("Unique account name; also the stack prefix `<name>.global` and `<name>.<region>`."),
        id: accountId.optional().describe("The 12-digit id of an existing account, quoted. Omit for an account still to be created."),
        email: email.describe("The account's root email address; unique across the organisation."),
        ou: z.string().min(1).describe('Path of the parent OU from the root, e.g. "Workloads/Prod", or "Root".'),
        environment: z.string().regex(/^[a-z][a-z0-9]{1,15}$/, { error: "must be a short lower-case environment name such as prod or staging" }),
        subsystem: z.string().optional().describe("The subsystem this account runs, if any (see stacks/subsystems.yaml)."),
        tags,
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
        name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, { error: "must be letters, digits, _ and - (up to 128 characters)" }),
        description: z.string().default(""),
        file: z.string().min(1).describe("Policy document path, relative to accounts/."),
        targets: z
            .array(z.string().min(1))
            .min(1, { error: "must name at least one target: Root, an OU path or an account name" })
            .describe('Where the SCP is attached: "Root", OU paths ("Workloads/Prod") or account names.'),
    })
    .strict();

export const organizationCatalogSchema = z
    .object({
        managementAccount: z
            .object({
                name: z.string().min(1),
                id: accountId,
                email,
            })
            .strict(),
        accessRoleName: z
            .string()
            .default("OrganizationAccountAccessRole")
            .describe("Role Organizations creates in new accounts; the bootstrap role that `<account>.global` stacks assume."),
        organizationTrail: z
            .object({ account: z.string().min(1).describe("The member account that holds the trail's bucket: the log archive.") })
            .strict()
            .optional()
            .describe(
                "One CloudTrail trail for the whole organisation, created by the organization stack in the management account (which service control policies never restrict) and delivered to a bucket in this account. Omit it to manage no trail.",
            ),
        organizationalUnits: z.array(organizationalUnitSchema).default([]),
        accounts: z.array(memberAccountSchema).default([]),
        serviceControlPolicies: z.array(serviceControlPolicySchema).default([]),
    })
    .strict();

export type OrganizationCatalogInput = z.input<typeof organizationCatalogSchema>;
export type OrganizationCatalog = z.output<typeof organizationCatalogSchema>;
export type MemberAccount = z.output<typeof memberAccountSchema>;
export type ServiceControlPolicyEntry = z.output<typeof serviceControlPolicySchema>;
