import { z } from "zod";

/**
 * The subsystem catalog (`stacks/subsystems.yaml`): each subsystem, the account that runs it in
 * each environment, the regions it runs in, and its DNS name under the organisation's parent zone.
 */

export const SUBSYSTEM_NAME_PATTERN = /^[a-z][a-z0-9]{1,19}$/;

const dnsName = z.string().regex(/^(?=.{1,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a lower-case DNS name such as orders.example.com`,
});

export const subsystemSchema = z
    .object({
        name: z
            .string()
            .regex(SUBSYSTEM_NAME_PATTERN, {
                error: (issue) =>
                    `${JSON.stringify(issue.input)} is not a valid subsystem name (lower-case letters and digits, 2-20 characters, starting with a letter; it prefixes IAM names)`,
            })
            .describe("The subsystem's name: the IAM prefix of its roles and policies, and the start of its bus, endpoint and function names."),
        description: z.string().default("").describe("What the subsystem does, for people reading the catalog."),
        dnsName: dnsName.describe("The subsystem's DNS name; environment zones are <environment>.<dnsName>."),
        regions: z.array(z.string()).describe("Regions from regions/regions.yaml; at least 2 so that it can fail over."),
        accounts: z.record(z.string(), z.string()).describe("Environment name → account name from accounts/organization.yaml."),
    })
    .strict();

export const pipelineSchema = z
    .object({
        repository: z
            .string()
            .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
                error: (issue) => `${JSON.stringify(issue.input)} is not a GitHub repository of the form owner/name`,
            })
            .describe("The repository whose GitHub Actions jobs deploy the fleet; pipeline roles trust only its jobs."),
        stateBucket: z
            .string()
            .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "must be an S3 bucket name" })
            .describe("The Pulumi state bucket (pulumi login s3://...), in the management account."),
        stateKeyArn: z
            .string()
            .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/, { error: "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>)" })
            .describe("The KMS key, in the management account, that seals every stack's Pulumi secrets."),
    })
    .strict();

export const subsystemCatalogSchema = z
    .object({
        pipeline: pipelineSchema.describe("Where the fleet's CI runs and keeps its state."),
        dns: z
            .object({
                parentZone: dnsName.describe("The organisation's parent hosted zone."),
                account: z.string().describe("The account (usually shared services) that holds the parent zone."),
            })
            .strict()
            .describe("The parent zone every subsystem's DNS name is delegated from."),
        subsystems: z
            .array(subsystemSchema)
            .min(1, { error: "must define at least one subsystem" })
            .describe("The subsystems: each runs in every listed region of every account it names."),
    })
    .strict();

export type SubsystemCatalogInput = z.input<typeof subsystemCatalogSchema>;
export type SubsystemCatalog = z.output<typeof subsystemCatalogSchema>;
export type Subsystem = z.output<typeof subsystemSchema>;
export type PipelineSettings = z.output<typeof pipelineSchema>;
