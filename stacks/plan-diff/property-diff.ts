/**
 * A compact diff of two property trees: one line per changed leaf, with its path. Strings that
 * hold JSON (policy documents, event patterns) are compared as the JSON they hold, so a one-action
 * change in a policy shows as that action, not as two long strings. Lists of plain values are
 * compared as sets. Values at or under a secret path are never shown.
 */

export interface PropertyChange {
    /** Where: `tags.owner`, `policy.Statement[0].Action`. */
    path: string;
    kind: "added" | "removed" | "changed";
    /** The value as short JSON; `[secret]` for a secret. */
    before?: string;
    after?: string;
}

export const MASK = "[secret]";
const MAX_VALUE_LENGTH = 80;

function show(value: unknown): string {
    const text = JSON.stringify(value) ?? "undefined";
    return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function parsedJson(value: unknown): unknown {
    if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

const isPlain = (value: unknown) => value === null || typeof value !== "object";
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
const join = (at: string, key: string) => (at ? `${at}.${key}` : key);

/** Whether `path` is a secret path or lies under one. */
function underSecret(path: string, secrets: readonly string[]): boolean {
    return secrets.some((secret) => path === secret || path.startsWith(`${secret}.`) || path.startsWith(`${secret}[`));
}

export function propertyDiff(before: unknown, after: unknown, secrets: readonly string[] = []): PropertyChange[] {
    const changes: PropertyChange[] = [];
    const record = (path: string, kind: PropertyChange["kind"], was: unknown, now: unknown) => {
        const secret = underSecret(path, secrets);
        const change: PropertyChange = { path, kind };
        if (kind !== "added") change.before = secret ? MASK : show(was);
        if (kind !== "removed") change.after = secret ? MASK : show(now);
        changes.push(change);
    };
    const walk = (path: string, was: unknown, now: unknown) => {
        if (JSON.stringify(was) === JSON.stringify(now)) return;
        if (was === undefined) return record(path, "added", was, now);
        if (now === undefined) return record(path, "removed", was, now);
        if (underSecret(path, secrets)) return record(path, "changed", was, now);
        const wasJson = parsedJson(was);
        const nowJson = parsedJson(now);
        if (wasJson !== undefined && nowJson !== undefined) return walk(path, wasJson, nowJson);
        if (isRecord(was) && isRecord(now)) {
            for (const key of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) walk(join(path, key), was[key], now[key]);
            return;
        }
        if (Array.isArray(was) && Array.isArray(now)) {
            if (was.every(isPlain) && now.every(isPlain)) {
                const wasSet = new Set(was.map(show));
                const nowSet = new Set(now.map(show));
                const gone = [...wasSet].filter((item) => !nowSet.has(item));
                const come = [...nowSet].filter((item) => !wasSet.has(item));
                if (gone.length === 0 && come.length === 0) return record(path, "changed", was, now); // reordered
                gone.forEach((item) => changes.push({ path, kind: "removed", before: underSecret(path, secrets) ? MASK : item }));
                come.forEach((item) => changes.push({ path, kind: "added", after: underSecret(path, secrets) ? MASK : item }));
                return;
            }
            for (let index = 0; index < Math.max(was.length, now.length); index++) walk(`${path}[${index}]`, was[index], now[index]);
            return;
        }
        record(path, "changed", was, now);
    };
    walk("", before, after);
    return changes;
}
