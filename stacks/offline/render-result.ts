import type { StackSpec } from "../../lib/contracts/stack-spec";
import type { RenderedStack } from "../policy-context";
import type { CatalogReads } from "./catalog-reads";
import type { OutputReads } from "./output-reads";

/**
 * One stack's render as a message: everything the render depends on besides the catalog and the
 * code, so that it can run in this thread or in a worker and give the same stack either way.
 */
export interface RenderJob {
    spec: StackSpec;
    project: string;
    /** The stack's config as `meridian stacks sync` writes it. */
    config: Record<string, unknown>;
    accountId: string;
    managementAccountId: string;
    partition: string;
    /** Outputs of every stack it depends on, directly or through another, by stack name. */
    dependencyOutputs: Record<string, Record<string, unknown>>;
}

export interface RenderResult {
    /** The stack, as read back from `text`, whichever thread rendered it. */
    stack: RenderedStack;
    /** The stack's JSON as plan.json lists it (plan-text.ts), serialised where it rendered. */
    text: string;
    /** sha256 of `text`: what the stack is, for whoever memoises work on it. */
    digest: string;
    /** What the program read from the catalog (see catalog-reads.ts). */
    catalogReads: CatalogReads;
    /** Which outputs of the stacks it depends on the program read (see output-reads.ts). */
    outputReads: OutputReads;
    milliseconds: number;
}

/** The result with its stack read back from its text, so a stack is the same object graph however it was rendered or reused. */
export function withStack(result: Omit<RenderResult, "stack">): RenderResult {
    return { ...result, stack: JSON.parse(result.text) as RenderedStack };
}
