import type { PolicyConfigSchema } from "@pulumi/policy";

/** Each property's `default` from a rule's config schema: the values a rule sees when nothing is configured. */
export function schemaDefaults(schema: PolicyConfigSchema): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties)) {
        if (typeof property === "object" && property.default !== undefined) values[key] = structuredClone(property.default);
    }
    return values;
}
