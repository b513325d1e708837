import type { FieldPath } from "./provider-call-kit";

/** The part of a planned resource the call table reads: what the program gave it and what AWS answered. */
export interface ResourceView {
    urn: string;
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
}

/** Stands for an identifier that AWS assigns and the plan does not hold (API Gateway resource ids). */
export const ASSIGNED_BY_AWS = "<assigned-by-aws>";

function walk(value: unknown, path: readonly string[]): unknown {
    let current = value;
    for (const key of path) {
        if (typeof current !== "object" || current === null) return undefined;
        current = (current as Record<string, unknown>)[key];
    }
    return current;
}

function transform(value: string, step: string): string {
    if (step === "last") return value.split(/[/:]/).pop() ?? value;
    if (step === "noLeadingSlash") return value.replace(/^\//, "");
    if (step === "urlEncode") return encodeURIComponent(value);
    if (step === "lower") return value.toLowerCase();
    throw new Error(`unknown field transform "${step}"`);
}

/**
 * Reads a field of the table's language (see FieldPath). `undefined` when the resource does not
 * set it. `beforeCreation` is the state of the call that creates the resource: a `generated.`
 * field is `*` then, as the resource's identity is not known yet.
 */
export function readField(resource: ResourceView, path: FieldPath, beforeCreation: boolean): string | undefined {
    const [location, ...steps] = path.split("|");
    if (location === "*") return "*";
    const [origin, ...keys] = location.split(".");
    const fallback = steps.find((step) => step.startsWith("default:"))?.slice("default:".length);
    if (origin === "generated" && beforeCreation) return "*";
    const raw = walk(origin === "inputs" ? resource.inputs : resource.outputs, keys);
    if (raw === undefined || raw === null || raw === "") {
        if (fallback !== undefined) return fallback;
        return origin === "generated" ? ASSIGNED_BY_AWS : undefined;
    }
    if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") return undefined;
    return steps.filter((step) => !step.startsWith("default:")).reduce(transform, String(raw));
}

/** Every value of a field, a list's items one by one; empty when the resource does not set it. */
export function readValues(resource: ResourceView, path: FieldPath): string[] {
    const [location, ...steps] = path.split("|");
    const [origin, ...keys] = location.split(".");
    const raw = walk(origin === "inputs" ? resource.inputs : resource.outputs, keys);
    if (Array.isArray(raw))
        return raw.filter((item) => ["string", "number", "boolean"].includes(typeof item)).map((item) => steps.reduce(transform, String(item)));
    const single = readField(resource, path, false);
    return single === undefined ? [] : [single];
}

/** Whether the resource sets an input, or sets it to a value: the table's `when`. */
export function inputMatches(resource: ResourceView, input: string, equals?: string | number | boolean): boolean {
    const value = walk(resource.inputs, input.split("."));
    if (equals === undefined) return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
    return value === equals;
}

/** A resource's tags as the provider sends them: its default tags with the resource's own over them. */
export function tagsOf(resource: ResourceView, path: FieldPath | undefined, defaultTags: Readonly<Record<string, string>>): Record<string, string> {
    const own = path ? walk(path.startsWith("inputs.") ? resource.inputs : resource.outputs, path.split(".").slice(1)) : undefined;
    const tags: Record<string, string> = { ...defaultTags };
    if (typeof own === "object" && own !== null) for (const [key, value] of Object.entries(own)) tags[key] = String(value);
    return tags;
}
