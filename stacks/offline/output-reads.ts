import { createHash } from "crypto";
import type { OutputReadListener } from "../program-context";

/**
 * Which outputs of the stacks it references a program read while it rendered (stack name → output
 * names), recorded as catalog-reads.ts records catalog reads: a cached render depends on those
 * values only, so adding a policy to the organization stack, which changes its `policyIds`, does
 * not re-render the stacks that read only its organisation id.
 */
export type OutputReads = Record<string, string[]>;

/** A listener for the stack program (program-context.ts) that records each read into `reads`. */
export function recordingOutputReads(reads: OutputReads): OutputReadListener {
    return (stack, output) => {
        const names = (reads[stack] ??= []);
        if (!names.includes(output)) names.push(output);
    };
}

/** One digest of the values `reads` saw in `outputs`: a read of an output that is no longer there counts as a change. */
export function outputReadsDigest(reads: OutputReads, outputs: Record<string, Record<string, unknown> | undefined>): string {
    const hash = createHash("sha256");
    for (const stack of Object.keys(reads).sort()) {
        for (const output of [...reads[stack]].sort()) {
            const value = outputs[stack]?.[output];
            hash.update(`${JSON.stringify(stack)} ${JSON.stringify(output)} ${value === undefined ? "undefined" : JSON.stringify(value)}\n`);
        }
    }
    return hash.digest("hex");
}
