import type { EventPattern, PatternMatcher, PatternValue } from "./event-patterns";

/**
 * Evaluates an EventBridge event pattern on an event, for the matcher subset in `PatternMatcher`:
 * exact values, `prefix`, `anything-but` (values or prefix) and `exists`. It follows EventBridge's
 * rules: every field of the pattern must match (AND), any value in a field's list may match (OR), and
 * an array in the event matches when any of its elements does. Used to prove patterns on sample events.
 */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
    return Object.entries(pattern).every(([field, expected]) => {
        const value = isObject(event) ? event[field] : undefined;
        if (Array.isArray(expected)) {
            return matchesField(expected, value);
        }
        // A missing or scalar parent has none of the nested fields, so only `exists: false` can match inside it.
        return matchesPattern(expected, isObject(value) ? value : {});
    });
}

function matchesField(matchers: PatternMatcher[], value: unknown): boolean {
    const candidates = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return matchers.some((matcher) => {
        if (isObject(matcher) && "exists" in matcher) {
            return matcher.exists === (value !== undefined);
        }
        return candidates.some((candidate) => matchesValue(matcher, candidate));
    });
}

function matchesValue(matcher: PatternMatcher, candidate: unknown): boolean {
    if (!isObject(matcher)) {
        return candidate === matcher;
    }
    if ("prefix" in matcher) {
        return typeof candidate === "string" && candidate.startsWith(matcher.prefix);
    }
    if ("anything-but" in matcher) {
        return !matchesExcluded(matcher["anything-but"], candidate);
    }
    return false;
}

function matchesExcluded(excluded: PatternValue | PatternValue[] | { prefix: string }, candidate: unknown): boolean {
    if (Array.isArray(excluded)) {
        return excluded.includes(candidate as PatternValue);
    }
    if (isObject(excluded)) {
        return typeof candidate === "string" && candidate.startsWith(excluded.prefix);
    }
    return candidate === excluded;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
