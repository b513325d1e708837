import { readIfKnown } from "./iam/unknown-values";

/**
 * A provider's setting as the engine hands it to an analyzer. Provider inputs are strings on the
 * wire: a default provider's come from the stack's config values (pulumi/pulumi
 * pkg/resource/deploy/target.go, GetPackageConfig), and an explicit provider's SDK class
 * JSON-encodes every list, object, number and boolean (@pulumi/aws provider.js:
 * `allowedAccountIds ... .apply(JSON.stringify)`). So `allowedAccountIds` arrives as the text
 * `["123456789012"]`; this returns the value it encodes. Unknown during a preview: undefined.
 */
export function providerSetting(providerProps: Readonly<Record<string, unknown>> | undefined, key: string): unknown {
    const value = readIfKnown(() => providerProps?.[key]);
    if (typeof value !== "string") return value;
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}
