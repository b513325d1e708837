import { isUnknown } from "@pulumi/pulumi/output";

/**
 * Turns the runtime's wire values into plain JSON for plan.json: secrets unwrapped (the plan is
 * an offline artefact built from catalog data, not live secrets), resource references reduced to
 * their URN, assets and archives to a short description, and a value unknown during a preview to
 * the engine's unknown sentinel.
 */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function plainValue(value: unknown): unknown {
    if (isUnknown(value)) return UNKNOWN_VALUE;
    if (Array.isArray(value)) return value.map(plainValue);
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    switch (record[SIG_KEY]) {
        case SECRET_SIG:
            return plainValue(record.value);
        case RESOURCE_SIG:
            return record.urn;
        case ASSET_SIG:
        case ARCHIVE_SIG:
            return describeAsset(record);
    }
    if (isAssetLike(record)) return describeAsset(record);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) {
        if (item !== undefined) out[key] = plainValue(item);
    }
    return out;
}

function isAssetLike(record: Record<string, unknown>): boolean {
    return typeof record.__pulumiAsset === "boolean" || typeof record.__pulumiArchive === "boolean";
}

function describeAsset(record: Record<string, unknown>): string {
    if (typeof record.path === "string") return `asset:file:${record.path}`;
    if (typeof record.uri === "string") return `asset:uri:${record.uri}`;
    if (record.assets && typeof record.assets === "object")
        return `archive:${Object.keys(record.assets as object)
            .sort()
            .join(",")}`;
    if (typeof record.text === "string") return `asset:text:${record.text.length}b`;
    return "asset";
}

/**
 * Where a wire value holds secrets: property paths (`password`, `tags.token`, `rules[0].key`). Set
 * by `pulumi.secret()` in a program and by the provider SDK for properties its schema marks secret.
 */
export function secretPaths(value: unknown, at = ""): string[] {
    if (value === null || typeof value !== "object") return [];
    if (Array.isArray(value)) return value.flatMap((item, index) => secretPaths(item, `${at}[${index}]`));
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) return [at];
    return Object.entries(record).flatMap(([key, item]) => secretPaths(item, at ? `${at}.${key}` : key));
}

export function plainRecord(value: unknown): Record<string, unknown> {
    const plain = plainValue(value);
    return plain && typeof plain === "object" && !Array.isArray(plain) ? (plain as Record<string, unknown>) : {};
}
