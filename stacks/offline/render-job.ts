import type { Catalog } from "../catalog-types";
import type { StackSpec } from "../../lib/contracts/stack-spec";
import type { RenderedStack } from "../policy-context";
import { CatalogReads, recordingView } from "./catalog-reads";
import { renderStack, StackProgram } from "./render-stack";

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
    stack: RenderedStack;
    /** What the program read from the catalog (see catalog-reads.ts). */
    catalogReads: CatalogReads;
    milliseconds: number;
}

/** Which program renders a stack: the real stack program unless a test substitutes one. */
export type ProgramFor = (catalog: Catalog, spec: StackSpec) => StackProgram;

export const defaultProgramFor: ProgramFor = (catalog) => {
    // Required lazily: the stack program pulls in @pulumi/aws, which commands that do not render never load.
    const { runStackProgram } = require("../program") as typeof import("../program");
    return () => runStackProgram(catalog);
};

/** Loads every stack program and what it imports (@pulumi/aws included), so the first render does not wait for it. */
export function loadStackPrograms(): void {
    require("../programs/organization-program");
    require("../programs/account-program");
    require("../programs/subsystem-program");
}

export async function renderJob(catalog: Catalog, job: RenderJob, programFor: ProgramFor): Promise<RenderResult> {
    const started = performance.now();
    const catalogReads: CatalogReads = {};
    const stack = await renderStack({
        spec: job.spec,
        project: job.project,
        config: job.config,
        program: programFor(recordingView(catalog, catalogReads), job.spec),
        cloud: {
            accountId: job.accountId,
            managementAccountId: job.managementAccountId,
            partition: job.partition,
            renderedOutputs: new Map(Object.entries(job.dependencyOutputs)),
        },
    });
    return { stack, catalogReads, milliseconds: Math.round(performance.now() - started) };
}
