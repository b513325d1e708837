/**
 * The in-process twin of CrossGuard's unknown-checking proxy: reading a property whose value the
 * engine could not know during preview throws `UnknownValueError`, and the evaluator turns that
 * into an advisory "cannot check" finding, as the Pulumi CLI does.
 */

/** The engine's unknown string: how a value not known during preview travels to an analyzer and into `pulumi preview --json`. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** CrossGuard's sentinels, one per type; the string one is the one the engine sends. */
const UNKNOWN_SENTINELS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    UNKNOWN_SENTINEL,
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** Keys the runtime probes on any object (promise resolution, JSON, inspection), never resource properties. */
const NOT_PROPERTIES = new Set(["then", "toJSON", "constructor", "inspect", "valueOf", "toString"]);

export class UnknownValueError extends Error {
    constructor(readonly path: string) {
        super(`value at .${path} can't be known during preview`);
    }
}

export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/**
 * Wraps props so that reading an unknown throws. A key present with the value `undefined` is a
 * computed value not yet known (how an in-memory plan records it); an absent key is just absent,
 * unless `absentIsUnknown` says the source did not record the object's computed properties.
 */
export function unknownCheckingView<T extends object>(target: T, path: string[] = [], absentIsUnknown = false): T {
    return new Proxy(target, {
        get(object, key) {
            const value = Reflect.get(object, key);
            if (typeof key === "symbol") return value;
            const here = [...path, key];
            const present = Object.prototype.hasOwnProperty.call(object, key);
            if (isUnknownSentinel(value) || (value === undefined && (present || (absentIsUnknown && !NOT_PROPERTIES.has(key))))) {
                throw new UnknownValueError(here.join("."));
            }
            const descriptor = Object.getOwnPropertyDescriptor(object, key);
            if (descriptor && "value" in descriptor && !descriptor.configurable && !descriptor.writable) return value;
            return typeof value === "object" && value !== null ? unknownCheckingView(value, here) : value;
        },
    });
}
