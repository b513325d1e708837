import type { Catalog } from "../catalog-types";
import { ProgramFor, renderJob } from "./render-job";
import { withStack } from "./render-result";
import { heapInUseMB, RendererReport, StackRenderer } from "./stack-renderer";

/** Renders one stack at a time in this thread; the only renderer that can run a program given as a function. */
export function inProcessRenderer(catalog: Catalog, programFor: ProgramFor): StackRenderer {
    const report: RendererReport = { thread: "main", stacks: 0, renderMilliseconds: 0, peakHeapMB: 0, replaced: 0 };
    let queue = Promise.resolve();
    return {
        render(job) {
            // One at a time: a render installs its own runtime store, and interleaved renders would share globals.
            const result = queue.then(async () => withStack(await renderJob(catalog, job, programFor)));
            queue = result.then(
                (done) => {
                    report.stacks += 1;
                    report.renderMilliseconds += done.milliseconds;
                    report.peakHeapMB = Math.max(report.peakHeapMB, heapInUseMB());
                },
                () => undefined,
            );
            return result;
        },
        async close() {
            await queue;
            return [{ ...report, peakHeapMB: Math.round(report.peakHeapMB) }];
        },
    };
}
