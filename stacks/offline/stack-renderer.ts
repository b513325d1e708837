import { getHeapStatistics } from "v8";
import type { RenderJob, RenderResult } from "./render-result";

/**
 * Where stacks render: in this thread (in-process-renderer.ts: one job, or a test's substitute
 * program) or in a pool of worker threads (worker-pool.ts). Both take the same jobs and give the
 * same stacks.
 */
export interface StackRenderer {
    render(job: RenderJob): Promise<RenderResult>;
    /** Ends the renderer and says what each of its threads did. */
    close(): Promise<RendererReport[]>;
}

export interface RendererReport {
    /** `main` for this thread, `worker N` for a worker thread. */
    thread: string;
    stacks: number;
    /** Time spent rendering, summed over its stacks. */
    renderMilliseconds: number;
    /** Largest V8 heap (used, plus memory held outside it) seen after a stack; a worker's own isolate only. */
    peakHeapMB: number;
    /** Times the worker was replaced by a fresh one because its heap had grown past the limit. */
    replaced: number;
}

/** Heap in use by this thread's isolate, in MB. */
export function heapInUseMB(): number {
    const heap = getHeapStatistics();
    return (heap.used_heap_size + heap.external_memory) / (1024 * 1024);
}
