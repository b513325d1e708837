import { createHash } from "crypto";
import type { Catalog } from "../catalog-types";
import type { StackSpec } from "../../lib/contracts/stack-spec";
import { CatalogReads, recordingView } from "./catalog-reads";
import { OutputReads, recordingOutputReads } from "./output-reads";
import type { OutputReadListener } from "../program-context";
import type { RenderJob, RenderResult } from "./render-result";
import { renderStack, StackProgram } from "./render-stack";
import { renderedStackText } from "../plan-text";

/** Which program renders a stack: the real stack program unless a test substitutes one. */
export type ProgramFor = (catalog: Catalog, spec: StackSpec, onOutputRead?: OutputReadListener) => StackProgram;

export const defaultProgramFor: ProgramFor = (catalog, _spec, onOutputRead) => {
    // Required lazily: the stack program pulls in @pulumi/aws, which commands that do not render never load.
    const { runStackProgram } = require("../program") as typeof import("../program");
    return () => runStackProgram(catalog, onOutputRead);
};

/** Loads every stack program and what it imports (@pulumi/aws included), so the first render does not wait for it. */
export function loadStackPrograms(): void {
    require("../programs/organization-program");
    require("../programs/account-program");
    require("../programs/subsystem-program");
}

/** Renders a job into its text; the thread that asked for it reads the stack back from the text (`withStack`). */
export async function renderJob(catalog: Catalog, job: RenderJob, programFor: ProgramFor): Promise<Omit<RenderResult, "stack">> {
    const started = performance.now();
    const catalogReads: CatalogReads = {};
    const outputReads: OutputReads = {};
    const stack = await renderStack({
        spec: job.spec,
        project: job.project,
        config: job.config,
        program: programFor(recordingView(catalog, catalogReads), job.spec, recordingOutputReads(outputReads)),
        cloud: {
            accountId: job.accountId,
            managementAccountId: job.managementAccountId,
            partition: job.partition,
            renderedOutputs: new Map(Object.entries(job.dependencyOutputs)),
        },
    });
    const text = renderedStackText(stack);
    const digest = createHash("sha256").update(text).digest("hex");
    return { text, digest, catalogReads, outputReads, milliseconds: Math.round(performance.now() - started) };
}
