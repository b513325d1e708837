import * as fs from "fs";
import * as path from "path";
import { jsonDigest } from "../../lib/json-digest";
import type { Catalog } from "../catalog-types";
import type { StackKind } from "../../lib/contracts/stack-spec";
import type { RenderedStack } from "../policy-context";
import { CatalogReads, readsStillHold } from "./catalog-reads";
import { codeFingerprints } from "./code-fingerprint";
import { OutputReads, outputReadsDigest } from "./output-reads";
import type { RenderJob, RenderResult } from "./render-result";

/**
 * Earlier renders, one file per stack in a directory beside the plan. A stack's render is reused
 * when nothing it depends on has changed:
 * - the code: its kind's program and the renderer (code-fingerprint.ts);
 * - its job: spec, config, account, and which stacks it depends on;
 * - the outputs of those stacks that its program read have the same values (output-reads.ts);
 * - the catalog: every read its program made gives the same answer (catalog-reads.ts).
 * Anything else, a missing or unreadable entry included, renders the stack again.
 */
export interface RenderCache {
    /** The cached render of exactly this job, if every input it was made from is unchanged. */
    reuse(job: RenderJob): Pick<RenderResult, "stack" | "text" | "digest"> | undefined;
    remember(job: RenderJob, result: RenderResult): void;
    /** The text of a stack reused or remembered in this run, read back from its entry. */
    textOf(stackName: string): string;
    /** Whether there are earlier renders to reuse at all (none on a first plan, or with `--no-cache`). */
    hasEntries(): boolean;
    /** Drops the entries of stacks that are no longer in the fleet. */
    prune(stackNames: readonly string[]): void;
    /**
     * Records derived from the rendered stacks (`kind`: the deployability records, the policy
     * verdicts), by stack name, as the last plan kept them with the same `code` digest; none when
     * not reusing, or when the code that derives them changed. Each record carries its own key for
     * its other inputs.
     */
    earlierRecords<T>(kind: string, code: string): Record<string, T>;
    keepRecords<T>(kind: string, code: string, records: Record<string, T>): void;
}

const FORMAT = "meridian-render-cache/4";

/** An entry's first line; the rest of the file is the stack's text as plan.json lists it. */
interface EntryHead {
    format: typeof FORMAT;
    key: string;
    catalogReads: CatalogReads;
    outputReads: OutputReads;
    /** outputReadsDigest of the values the render read. */
    outputsRead: string;
    digest: string;
}

interface KeptRecords<T> {
    format: typeof FORMAT;
    code: string;
    records: Record<string, T>;
}

/** Where `meridian plan` keeps its caches, inside its output directory. */
export const CACHE_DIRECTORY = ".plan-cache";

/** With `reuse: false` nothing is reused, but every render is still kept, replacing what was there (`--no-cache`). */
export function renderCache(outDir: string, catalog: Catalog, options: { reuse: boolean } = { reuse: true }): RenderCache {
    const directory = path.join(outDir, CACHE_DIRECTORY, "stacks");
    let code: Record<StackKind, string> | undefined;
    const keyOf = (job: RenderJob): string => {
        code ??= codeFingerprints();
        const { dependencyOutputs, ...rest } = job;
        return jsonDigest({ format: FORMAT, code: code[job.spec.kind], job: rest, dependencies: Object.keys(dependencyOutputs) });
    };
    const fileOf = (stackName: string) => path.join(directory, `${stackName}.json`);
    const recordsFile = (kind: string) => path.join(outDir, CACHE_DIRECTORY, `${kind}.json`);

    return {
        reuse(job) {
            if (!options.reuse) return undefined;
            try {
                const content = fs.readFileSync(fileOf(job.spec.name), "utf8");
                const split = content.indexOf("\n");
                const head = JSON.parse(content.slice(0, split)) as EntryHead;
                if (head.format !== FORMAT || head.key !== keyOf(job)) return undefined;
                if (outputReadsDigest(head.outputReads, job.dependencyOutputs) !== head.outputsRead || !readsStillHold(catalog, head.catalogReads))
                    return undefined;
                const text = content.slice(split + 1);
                return { stack: JSON.parse(text) as RenderedStack, text, digest: head.digest };
            } catch {
                // Missing or unreadable: render it afresh.
                return undefined;
            }
        },
        remember(job, result) {
            const head: EntryHead = {
                format: FORMAT,
                key: keyOf(job),
                catalogReads: result.catalogReads,
                outputReads: result.outputReads,
                outputsRead: outputReadsDigest(result.outputReads, job.dependencyOutputs),
                digest: result.digest,
            };
            fs.mkdirSync(directory, { recursive: true });
            fs.writeFileSync(fileOf(job.spec.name), `${JSON.stringify(head)}\n${result.text}`);
        },
        textOf(stackName) {
            const content = fs.readFileSync(fileOf(stackName), "utf8");
            return content.slice(content.indexOf("\n") + 1);
        },
        hasEntries() {
            return options.reuse && fs.existsSync(directory) && fs.readdirSync(directory).length > 0;
        },
        earlierRecords<T>(kind: string, code: string) {
            if (!options.reuse) return {};
            try {
                const kept = JSON.parse(fs.readFileSync(recordsFile(kind), "utf8")) as KeptRecords<T>;
                return kept.format === FORMAT && kept.code === code ? kept.records : {};
            } catch {
                return {};
            }
        },
        keepRecords<T>(kind: string, code: string, records: Record<string, T>) {
            fs.mkdirSync(path.dirname(recordsFile(kind)), { recursive: true });
            fs.writeFileSync(recordsFile(kind), JSON.stringify({ format: FORMAT, code, records } satisfies KeptRecords<T>));
        },
        prune(stackNames) {
            const keep = new Set(stackNames.map((name) => `${name}.json`));
            if (!fs.existsSync(directory)) return;
            for (const file of fs.readdirSync(directory)) if (!keep.has(file)) fs.rmSync(path.join(directory, file), { force: true });
        },
    };
}
