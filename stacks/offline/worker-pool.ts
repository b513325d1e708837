import * as path from "path";
import { Worker } from "worker_threads";
import type { Catalog } from "../catalog-types";
import { RenderResult, withStack } from "./render-result";
import { StackRenderError } from "./render-error";
import type { RendererReport, StackRenderer } from "./stack-renderer";
import type { JobMessage, ResultMessage, WorkerSetup } from "./worker-protocol";

/**
 * Renders stacks in worker threads, one stack at a time per worker. Each worker loads the stack
 * programs once and keeps them. Memory stays bounded: each worker's heap is capped, and a worker
 * whose heap has grown past RECYCLE_HEAP_MB after a stack is replaced by a fresh one.
 */

/**
 * When not all workers start at once: another worker starts when this many stacks wait for one.
 * Starting a worker (loading the SDK and the stack programs) takes about 1.5 s of a core, about
 * what 16–25 stacks take to render; an incremental plan that re-renders a few stacks renders them
 * sooner on the one worker it started than by loading a second beside it on a 2-core machine.
 */
const GROW_AT_WAITING = 16;

export interface WorkerPoolOptions {
    /**
     * True: every worker starts with the first stack, for a plan that expects to render most stacks
     * (no cache to reuse). False: one worker starts at once, loading the SDK while the plan checks
     * its cache (a re-plan's main thread is busy reading earlier renders for seconds), and others
     * start on demand.
     */
    startAll: boolean;
    recycleHeapMB?: number;
}

const RECYCLE_HEAP_MB = 768;
// A render allocates many objects that live as long as its stack (Outputs, wire values, the
// SDK's promises): with a small young generation each scavenge copies them, and a 400-stack plan
// spent a fifth of its workers' time collecting garbage. 384 MB against 64 MB, side by side on
// the bench's 400-stack fleet: about 25% less CPU, for about 300 MB more peak RSS
// (docs/project/benchmarks.md).
const WORKER_LIMITS = { maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 384 };

interface Slot {
    worker?: Worker;
    busy?: { id: number; resolve: (result: RenderResult) => void; reject: (error: Error) => void };
    report: RendererReport;
}

interface Queued {
    message: JobMessage;
    resolve: (result: RenderResult) => void;
    reject: (error: Error) => void;
}

interface Builder {
    isStale(): boolean;
    build(): Promise<void>;
    OUT_DIR: string;
}

/**
 * The worker's script, the build's render-worker.js: beside this bundle when running from the
 * build; when running from source (tests, the bench), the repository's build, rebuilt first if a
 * source changed since, as bin/meridian.js does. A worker never runs stale code, and never
 * compiles TypeScript itself.
 */
export async function renderWorkerScript(): Promise<string> {
    if (!__filename.endsWith(".ts")) return path.join(path.dirname(__filename), "render-worker.js");
    const builder = require("../../bin/build") as Builder;
    if (builder.isStale()) await builder.build();
    return path.join(builder.OUT_DIR, "render-worker.js");
}

export function workerPool(catalog: Catalog, size: number, script: string, options: WorkerPoolOptions): StackRenderer {
    const recycleHeapMB = options.recycleHeapMB ?? RECYCLE_HEAP_MB;
    const setup: WorkerSetup = { catalog };
    const slots: Slot[] = Array.from({ length: size }, (_, index) => ({
        report: { thread: `worker ${index + 1}`, stacks: 0, renderMilliseconds: 0, peakHeapMB: 0, replaced: 0 },
    }));
    const queue: Queued[] = [];
    let nextId = 1;

    const retire = (slot: Slot) => {
        void slot.worker?.terminate();
        slot.worker = undefined;
    };

    // A slot without a worker takes a job only when no worker is running, or enough jobs wait (GROW_AT_WAITING).
    const mayStart = () => !slots.some((slot) => slot.worker) || queue.length >= GROW_AT_WAITING;
    const dispatch = () => {
        for (const slot of [...slots].sort((a, b) => Number(!a.worker) - Number(!b.worker))) {
            if (slot.busy || queue.length === 0 || (!slot.worker && !mayStart())) continue;
            const { message, resolve, reject } = queue.shift()!;
            slot.worker ??= spawn(slot);
            slot.busy = { id: message.id, resolve, reject };
            slot.worker.postMessage(message);
        }
    };

    const spawn = (slot: Slot): Worker => {
        const worker = new Worker(script, { workerData: setup, resourceLimits: WORKER_LIMITS });
        worker.on("message", (message: ResultMessage) => {
            const busy = slot.busy;
            if (!busy || busy.id !== message.id) return;
            slot.busy = undefined;
            slot.report.peakHeapMB = Math.max(slot.report.peakHeapMB, message.heapMB);
            if ("result" in message) {
                slot.report.stacks += 1;
                slot.report.renderMilliseconds += message.result.milliseconds;
                busy.resolve(withStack(message.result));
            } else {
                const { stackName, causes, message: text } = message.failure;
                busy.reject(stackName && causes ? new StackRenderError(stackName, causes) : new Error(text));
            }
            if (message.heapMB > recycleHeapMB) {
                retire(slot);
                slot.report.replaced += 1;
            }
            dispatch();
        });
        const fail = (error: Error) => {
            if (slot.worker !== worker) return;
            slot.worker = undefined;
            slot.busy?.reject(error);
            slot.busy = undefined;
            dispatch();
        };
        worker.on("error", fail);
        worker.on("exit", (code) => fail(new Error(`a render worker stopped (exit code ${code})`)));
        return worker;
    };

    if (!options.startAll) slots[0].worker = spawn(slots[0]);
    return {
        render(job) {
            // With startAll, all start with the first job, not each at its first: they load the stack programs while the first stacks render.
            if (options.startAll) for (const slot of slots) slot.worker ??= spawn(slot);
            return new Promise<RenderResult>((resolve, reject) => {
                queue.push({ message: { id: nextId++, job }, resolve, reject });
                dispatch();
            });
        },
        async close() {
            await Promise.all(slots.map((slot) => slot.worker?.terminate()));
            return slots.filter((slot) => slot.report.stacks > 0).map((slot) => ({ ...slot.report, peakHeapMB: Math.round(slot.report.peakHeapMB) }));
        },
    };
}
