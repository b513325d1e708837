/**
 * What a stack program read from the catalog, recorded while it renders, so that an incremental
 * plan can tell whether a catalog change reaches the stack. Reads are recorded, not declared: a
 * program that starts reading a new part of the catalog is tracked without anyone listing it.
 *
 * A read is one of: a value at a path (`get`), the keys of an object (`keys`), or whether a key
 * exists (`has`), or that a list is at least so long (`min-length`). A cached render stays valid
 * while every recorded read gives the same answer on the new catalog. Scanning an array reads its
 * length and every element, so appending to a list the program scans (`filter`, `map`) re-renders
 * the stack: conservative, never stale. A lookup (`find`, `findIndex`, `some`) that finds its element
 * reads the elements up to the match and that the list reaches that far, so an account appended to
 * the catalog does not re-render every stack that looked up its own; one that finds nothing reads
 * the whole list and its exact length.
 */

/** Read kind and path (JSON) → the answer it got (JSON). */
export type CatalogReads = Record<string, string>;

type Path = readonly PropertyKey[];

type ReadKind = "get" | "keys" | "has" | "min-length";

function readKey(kind: ReadKind, path: Path): string {
    return `${kind} ${JSON.stringify(path)}`;
}

function stringKeys(object: object): string {
    return JSON.stringify(Reflect.ownKeys(object).filter((key) => typeof key === "string"));
}

/** A read's answer as text; an object or array is answered by its kind, and its contents by further reads. */
function answer(value: unknown): string {
    if (value === undefined) return "undefined";
    if (value !== null && typeof value === "object") return Array.isArray(value) ? "<array>" : "<object>";
    return JSON.stringify(value);
}

/** The lookups recorded by their match, and what each answers when it finds an element or none. */
interface Lookup {
    found(element: unknown, index: number): unknown;
    missed: unknown;
}
const LOOKUPS: ReadonlyMap<PropertyKey, Lookup> = new Map<PropertyKey, Lookup>([
    ["find", { found: (element) => element, missed: undefined }],
    ["findIndex", { found: (_element, index) => index, missed: -1 }],
    ["some", { found: () => true, missed: false }],
]);
type Predicate = (element: unknown, index: number, array: unknown[]) => unknown;

/**
 * A lookup over `array` (whose view is `receiver`) that records what its answer depends on: each
 * element it tested (read through the view) and, when it found one at index i, only that the list
 * has more than i elements; when it found none, the exact length.
 */
function recordedLookup(lookup: Lookup, array: unknown[], receiver: unknown[], path: Path, reads: CatalogReads) {
    return (predicate: Predicate, thisArgument?: unknown): unknown => {
        for (let index = 0; index < array.length; index++) {
            const element = receiver[index];
            if (predicate.call(thisArgument, element, index, receiver)) {
                reads[readKey("min-length", [...path, index + 1])] = "true";
                return lookup.found(element, index);
            }
        }
        reads[readKey("get", [...path, "length"])] = answer(array.length);
        return lookup.missed;
    };
}

/** A view of `catalog` that records every read into `reads`. */
export function recordingView<T extends object>(catalog: T, reads: CatalogReads): T {
    const views = new WeakMap<object, object>();
    const view = (target: object, path: Path): object => {
        const existing = views.get(target);
        if (existing) return existing;
        const proxy = new Proxy(target, {
            get(object, key, receiver) {
                const value: unknown = Reflect.get(object, key, receiver);
                if (typeof key === "symbol") return value;
                const lookup = Array.isArray(object) ? LOOKUPS.get(key) : undefined;
                if (lookup) return recordedLookup(lookup, object as unknown[], receiver as unknown[], path, reads);
                const own = Object.prototype.hasOwnProperty.call(object, key);
                // Inherited members (Array.prototype.map, toString…) are code, not catalog data.
                if (!own && value !== undefined) return value;
                const at = [...path, key];
                if (typeof value === "function") return value;
                reads[readKey("get", at)] = answer(value);
                return value !== null && typeof value === "object" ? view(value, at) : value;
            },
            has(object, key) {
                const present = Reflect.has(object, key);
                if (typeof key !== "symbol") reads[readKey("has", [...path, key])] = JSON.stringify(present);
                return present;
            },
            ownKeys(object) {
                const keys = Reflect.ownKeys(object);
                reads[readKey("keys", path)] = stringKeys(object);
                return keys;
            },
        });
        views.set(target, proxy);
        return proxy;
    };
    return view(catalog, []) as T;
}

/** True when every recorded read gives the same answer on `catalog`. */
export function readsStillHold(catalog: object, reads: CatalogReads): boolean {
    for (const [read, expected] of Object.entries(reads)) {
        const space = read.indexOf(" ");
        const kind = read.slice(0, space);
        const path = JSON.parse(read.slice(space + 1)) as string[];
        if (replay(catalog, kind, path) !== expected) return false;
    }
    return true;
}

/** The answer the read would get from `catalog`, as the recorder writes it; undefined when its object is gone. */
function replay(catalog: object, kind: string, path: readonly string[]): string | undefined {
    const parentPath = kind === "keys" ? path : path.slice(0, -1);
    let node: unknown = catalog;
    for (const key of parentPath) {
        if (node === null || typeof node !== "object") return undefined;
        node = (node as Record<string, unknown>)[key];
    }
    if (node === null || typeof node !== "object") return undefined;
    const last = path[path.length - 1];
    switch (kind) {
        case "keys":
            return stringKeys(node);
        case "has":
            return JSON.stringify(Reflect.has(node, last));
        case "min-length":
            return JSON.stringify(Array.isArray(node) && node.length >= Number(last));
        default:
            return answer((node as Record<string, unknown>)[last]);
    }
}
