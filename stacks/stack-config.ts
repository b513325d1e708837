import { STACK_ENCRYPTION_CONTEXT_KEY, deploymentRoleName, roleArn } from "../lib/contracts/naming";
import type { ProviderIdentity } from "../policies/deploy/deployability";
import { stackDefaultTags } from "../lib/contracts/tags";
import type { Catalog } from "./catalog-types";
import type { StackSpec } from "../lib/contracts/stack-spec";
import { stackOwner } from "./stack-list";

/**
 * The config of one stack, derived from the catalog alone. `meridian stacks sync` writes it to
 * `stacks/Pulumi.<stack>.yaml`; the offline plan feeds the same values to the program in memory.
 */
export type StackConfig = Record<string, unknown>;

export const CONFIG_NAMESPACE = "meridian";

/** The keys the stack program reads; one place, so the program and the generator cannot disagree. */
export const CONFIG_KEYS = {
    kind: "kind",
    account: "account",
    accountId: "accountId",
    region: "region",
    subsystem: "subsystem",
    environment: "environment",
    /**
     * Never generated: a pull-request preview sets it (with the stack's own role chain removed), so
     * the program's explicit providers read through the preview roles rather than assume roles that write.
     */
    previewOnly: "previewOnly",
} as const;

export function stackConfig(catalog: Catalog, spec: StackSpec): StackConfig {
    const config: StackConfig = {
        "aws:region": spec.region,
        "aws:defaultTags": { tags: stackDefaultTags(spec.name) },
    };
    if (spec.accountId) {
        config["aws:allowedAccountIds"] = [spec.accountId];
        const assumedRole = memberRoleName(catalog, spec);
        if (assumedRole) {
            config["aws:assumeRoles"] = [{ roleArn: roleArn(spec.accountId, assumedRole), sessionName: `meridian-${spec.name}`.slice(0, 64) }];
        }
    }
    const own = (key: string, value: string | undefined) => {
        if (value !== undefined) config[`${CONFIG_NAMESPACE}:${key}`] = value;
    };
    own(CONFIG_KEYS.kind, spec.kind);
    own(CONFIG_KEYS.account, spec.account);
    own(CONFIG_KEYS.accountId, spec.accountId);
    own(CONFIG_KEYS.region, spec.region);
    own(CONFIG_KEYS.subsystem, spec.subsystem);
    own(CONFIG_KEYS.environment, spec.environment);
    return config;
}

/**
 * Which role a member stack's provider assumes. `<account>.global` stacks manage the boundary and
 * the deployment role itself, which the deployment role may not touch, so they bootstrap through
 * the organisation access role. Regional stacks assume the boundary-enforcing deployment role.
 * The organization stack runs with the management account's own credentials.
 */
export function memberRoleName(catalog: Catalog, spec: StackSpec): string | undefined {
    switch (spec.kind) {
        case "organization":
            return undefined;
        case "account":
            return catalog.organization.accessRoleName;
        case "subsystem":
            return deploymentRoleName(stackOwner(catalog, spec));
    }
}

/**
 * Every stack encrypts its secrets with the catalog's state key, so no passphrase exists anywhere,
 * and seals its data key under an encryption context naming the stack, so that a principal may
 * open a stack's secrets only where a policy names that stack (the pipelines, their own stacks).
 * Pulumi hands the URL to gocloud.dev's awskms keeper, which turns each `context_<key>=<value>`
 * parameter into an encryption-context pair on Encrypt and Decrypt (google/go-cloud,
 * secrets/awskms/kms.go, addEncryptionContextFromURLParams; pulumi/pulumi pkg/secrets/cloud/manager.go
 * passes the URL through). The URL form for a key named by ARN is `awskms:///<arn>?region=<key region>`.
 */
export function secretsProvider(catalog: Catalog, stack: string): string {
    const keyArn = catalog.subsystems.pipeline.stateKeyArn;
    return `awskms:///${keyArn}?region=${keyArn.split(":")[3]}&context_${STACK_ENCRYPTION_CONTEXT_KEY}=${stack}`;
}

/** A stack whose account has no id yet cannot be configured: deploy the organization stack first. */
export function isPending(spec: StackSpec): boolean {
    return spec.kind !== "organization" && spec.accountId === undefined;
}

/**
 * What the deployability check needs of a stack's provider, read from its configuration as it
 * will be once the account has an id (`accountId`: the planned id of an account still to be created).
 */
export function providerIdentity(catalog: Catalog, spec: StackSpec, accountId: string): ProviderIdentity {
    const config = stackConfig(catalog, { ...spec, accountId });
    const roles = (config["aws:assumeRoles"] ?? []) as Array<{ roleArn: string }>;
    const defaultTags = config["aws:defaultTags"] as { tags?: Record<string, string> } | undefined;
    return { accountId, assumeRoles: roles.map((role) => role.roleArn), region: String(config["aws:region"]), defaultTags: defaultTags?.tags ?? {} };
}
