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

/** The part of a pattern before its first wildcard or policy variable: every value it matches starts with it. */
export function literalPrefix(pattern: string): string {
    const end = pattern.search(/[*?]|\$\{/);
    return end < 0 ? pattern : pattern.slice(0, end);
}

/**
 * Values indexed for case-sensitive IAM glob queries. A query tests only the values that start
 * with the pattern's literal prefix (a range of the sorted values), so a fleet rule asking which
 * of N stacks' state keys each of N roles' patterns reach costs about N patterns × the few keys
 * their prefixes select, not N × N.
 */
export class IamGlobIndex<T> {
    private readonly sorted: ReadonlyArray<readonly [string, T]>;

    constructor(entries: Iterable<readonly [string, T]>) {
        this.sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    }

    /** The items of every value the pattern matches, in the values' sorted order. */
    matching(pattern: string): T[] {
        const prefix = literalPrefix(pattern);
        let low = 0;
        let high = this.sorted.length;
        while (low < high) {
            const middle = (low + high) >>> 1;
            if (this.sorted[middle][0] < prefix) low = middle + 1;
            else high = middle;
        }
        const found: T[] = [];
        for (let index = low; index < this.sorted.length && this.sorted[index][0].startsWith(prefix); index++) {
            if (matchesIamGlob(pattern, this.sorted[index][0])) found.push(this.sorted[index][1]);
        }
        return found;
    }
}
