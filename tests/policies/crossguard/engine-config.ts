import Ajv from "ajv";
import type { PolicyPackConfig, RuleConfigEntry } from "../../../policies/policy-config";

/**
 * The policy config the Pulumi engine hands a pack, reproduced: pulumi/pulumi
 * pkg/resource/analyzer/config.go (commit 1b5949891b3cefcb9974752b24a5ecef0acc86c8),
 * ReconcilePolicyPackConfig. Every policy starts from its schema defaults and its own enforcement
 * level (createConfigWithDefaults); `all` then sets every level; each named policy's level and
 * properties are laid over (a shallow copy of properties, maps.Copy); the result is validated
 * against each schema, and the CLI refuses to run on a validation error.
 */

export type EngineEnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export interface EnginePolicyInfo {
    name: string;
    type: "resource" | "stack";
    enforcementLevel: EngineEnforcementLevel;
    /** The policy's config schema as GetAnalyzerInfo returns it: JSON-schema properties and required names. */
    configSchema?: { properties: Record<string, Record<string, unknown>>; required: string[] };
}

export interface EnginePolicyConfig {
    enforcementLevel: EngineEnforcementLevel;
    properties: Record<string, unknown>;
}

function entryOf(entry: RuleConfigEntry): { enforcementLevel?: EngineEnforcementLevel; properties: Record<string, unknown> } {
    if (typeof entry === "string") return { enforcementLevel: entry, properties: {} };
    const { enforcementLevel, ...properties } = entry;
    return { enforcementLevel, properties };
}

export function reconcilePolicyConfig(policies: readonly EnginePolicyInfo[], config: PolicyPackConfig): Record<string, EnginePolicyConfig> {
    const result: Record<string, EnginePolicyConfig> = {};
    for (const policy of policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) if ("default" in schema) defaults[key] = schema.default;
        result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties: defaults };
    }
    const all = config.all === undefined ? undefined : entryOf(config.all).enforcementLevel;
    if (all) for (const name of Object.keys(result)) result[name] = { ...result[name], enforcementLevel: all };
    for (const [name, entry] of Object.entries(config)) {
        if (name === "all") continue;
        const given = entryOf(entry);
        const current = result[name] ?? { enforcementLevel: "mandatory", properties: {} };
        result[name] = { enforcementLevel: given.enforcementLevel ?? current.enforcementLevel, properties: { ...current.properties, ...given.properties } };
    }
    return result;
}

const ajv = new Ajv({ strict: false, allErrors: true });

/** The engine's validatePolicyPackConfig: each policy's reconciled properties against its schema. */
export function configValidationErrors(policies: readonly EnginePolicyInfo[], config: Readonly<Record<string, EnginePolicyConfig>>): string[] {
    return policies.flatMap((policy) => {
        if (!policy.configSchema) return [];
        const validate = ajv.compile({ type: "object", properties: policy.configSchema.properties, required: policy.configSchema.required });
        if (validate(config[policy.name]?.properties ?? {})) return [];
        return (validate.errors ?? []).map((error) => `${policy.name}${error.instancePath}: ${error.message ?? "invalid"}`);
    });
}
