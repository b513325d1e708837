import * as fs from "fs";
import * as path from "path";
import type { PlanDocument } from "../../lib/contracts/plan-document";
import { loadCatalog } from "../../stacks/catalog";
import { previewPlannedStacks } from "../../stacks/plan";
import { EXAMPLE_PREVIEW_FILE, REPO_ROOT } from "./example-catalog";

/**
 * Run by global-fixtures.ts once the shared plan is written: the example fleet as its first
 * `pulumi preview` renders it, written beside the plan for every spec process to read
 * (exampleFleetPreview), instead of each rendering the 18 stacks again in preview mode.
 */
async function main(directory: string): Promise<void> {
    const plan = JSON.parse(fs.readFileSync(path.join(directory, "plan.json"), "utf8")) as PlanDocument;
    const previewed = await previewPlannedStacks(loadCatalog(REPO_ROOT), plan);
    const file = path.join(directory, EXAMPLE_PREVIEW_FILE);
    // Written whole, then renamed, so a reader never sees half a file.
    fs.writeFileSync(`${file}.partial`, JSON.stringify(previewed));
    fs.renameSync(`${file}.partial`, file);
}

main(process.argv[2]).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
});
