import { createHash } from "crypto";

/**
 * Deterministic stand-ins for identifiers AWS would assign. They are derived from stable inputs
 * (URNs, names) so two plans of the same catalog are byte-identical and diffable.
 */
export function hashHex(seed: string, length: number): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

export function hashDigits(seed: string, length: number): string {
    const digits = BigInt(`0x${createHash("sha256").update(seed).digest("hex")}`)
        .toString()
        .replace(/^0+/, "");
    return digits.slice(0, length).padStart(length, "9");
}

export function hashUuid(seed: string): string {
    const hex = hashHex(seed, 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function hashUpper(seed: string, length: number): string {
    return hashHex(seed, length).toUpperCase();
}
