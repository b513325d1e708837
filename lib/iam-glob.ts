import { memoTable } from "./memo-table";

/**
 * IAM's wildcard language: `*` matches any run of characters (including none, and across `:` and
 * `/`), `?` matches exactly one. Policy variables such as `${aws:username}` stand for a value only
 * known at request time, so they match anything as well.
 */

const cache = memoTable<string, RegExp>();

export function iamGlobToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
    const key = `${caseInsensitive ? "i" : "s"}${pattern}`;
    const cached = cache.get(key);
    if (cached) return cached;
    let source = "";
    for (let i = 0; i < pattern.length; i++) {
        const char = pattern[i];
        if (char === "$" && pattern[i + 1] === "{") {
            const end = pattern.indexOf("}", i);
            if (end > i) {
                source += ".*";
                i = end;
                continue;
            }
        }
        if (char === "*") source += ".*";
        else if (char === "?") source += ".";
        else source += char.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
    }
    const regexp = new RegExp(`^${source}$`, caseInsensitive ? "i" : "");
    cache.set(key, regexp);
    return regexp;
}

export function matchesIamGlob(pattern: string, value: string, caseInsensitive = false): boolean {
    return iamGlobToRegExp(pattern, caseInsensitive).test(value);
}

export function hasWildcard(pattern: string): boolean {
    return /[*?]|\$\{/.test(pattern);
}
