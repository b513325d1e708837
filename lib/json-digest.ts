import { createHash } from "crypto";

/** A value's sha256 (hex) over its JSON text, for keys of memoised work; `undefined` digests as the empty text. */
export function jsonDigest(value: unknown): string {
    return createHash("sha256")
        .update(JSON.stringify(value) ?? "")
        .digest("hex");
}
