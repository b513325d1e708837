// First, before anything loads the SDK.
import "./sdk-without-closures";
import { parentPort, workerData } from "worker_threads";
import { defaultProgramFor, loadStackPrograms, renderJob } from "./render-job";
import { StackRenderError } from "./render-error";
import { heapInUseMB } from "./stack-renderer";
import type { JobMessage, ResultMessage, WorkerSetup } from "./worker-protocol";

/**
 * A render worker: renders the stacks the planner sends it, one at a time, each in its own
 * runtime store (render-stack.ts), with the real stack program.
 */
const { catalog } = workerData as WorkerSetup;
const port = parentPort!;
loadStackPrograms();

port.on("message", ({ id, job }: JobMessage) => {
    renderJob(catalog, job, defaultProgramFor).then(
        (result) => port.postMessage({ id, result, heapMB: heapInUseMB() } satisfies ResultMessage),
        (error: unknown) => {
            const failure =
                error instanceof StackRenderError
                    ? { stackName: error.stackName, causes: error.causes, message: error.message }
                    : { message: error instanceof Error ? error.message : String(error) };
            port.postMessage({ id, failure, heapMB: heapInUseMB() } satisfies ResultMessage);
        },
    );
});
