/**
 * Values the engine cannot know yet. CrossGuard wraps resource properties in a proxy that throws
 * `UnknownValueError` when code reads one; the in-process evaluator throws an error of the same
 * name, so code that can do without a value recognises both the same way.
 */
export function isUnknownValueError(error: unknown): boolean {
    return typeof error === "object" && error !== null && (error as object).constructor?.name === "UnknownValueError";
}

/** Reads a value that the caller can do without: unknown becomes undefined instead of aborting the check. */
export function readIfKnown<T>(read: () => T): T | undefined {
    try {
        return read();
    } catch (error) {
        if (isUnknownValueError(error)) return undefined;
        throw error;
    }
}
