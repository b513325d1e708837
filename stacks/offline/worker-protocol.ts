import type { Catalog } from "../catalog-types";
import type { RenderJob, RenderResult } from "./render-result";

/** The messages between the planner and a render worker (render-worker.ts, worker-pool.ts). */

export interface WorkerSetup {
    catalog: Catalog;
}

export interface JobMessage {
    id: number;
    job: RenderJob;
}

export type ResultMessage =
    | { id: number; result: Omit<RenderResult, "stack">; heapMB: number }
    | { id: number; failure: { stackName?: string; causes?: string[]; message: string }; heapMB: number };
