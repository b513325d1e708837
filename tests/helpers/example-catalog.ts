import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import type { CliResult } from "./cli";
import { CACHE_DIRECTORY } from "../../stacks/offline/render-cache";

export const REPO_ROOT = path.resolve(__dirname, "../..");
const CATALOG_PATHS = ["accounts/organization.yaml", "accounts/scps", "accounts/rcps", "regions/regions.yaml", "stacks/subsystems.yaml"];

/** A scratch copy of the example catalog that a test may break or extend freely. */
export function copyExampleCatalog(prefix = "meridian-test-"): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    for (const relative of CATALOG_PATHS) fs.cpSync(path.join(REPO_ROOT, relative), path.join(root, relative), { recursive: true });
    return root;
}

/**
 * The 1-based line of the repository's example catalog file on which `text` first appears, so that
 * tests name lines in messages without counting them (and survive edits to the example).
 */
export function exampleLine(relative: string, text: string): number {
    const index = fs
        .readFileSync(path.join(REPO_ROOT, relative), "utf8")
        .split("\n")
        .findIndex((line) => line.includes(text));
    if (index < 0) throw new Error(`${relative} has no line with ${JSON.stringify(text)}; the test no longer matches the example catalog`);
    return index + 1;
}

/** Rewrites one file of a catalog copy with a text edit. */
export function editFile(root: string, relative: string, edit: (text: string) => string): void {
    const file = path.join(root, relative);
    const before = fs.readFileSync(file, "utf8");
    const after = edit(before);
    if (after === before) throw new Error(`edit of ${relative} changed nothing; the fixture no longer matches the example catalog`);
    fs.writeFileSync(file, after);
}

/** Runs the real `meridian` binary, as a user would: the repository's, or a copy's when `tree` is one, from `cwd` (default: that tree). */
export function runMeridian(args: string[], tree = REPO_ROOT, cwd = tree): CliResult {
    const result = spawnSync(process.execPath, [path.join(tree, "bin/meridian.js"), ...args], { cwd, encoding: "utf8", timeout: 120_000 });
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

let examplePlan: Promise<import("../../lib/contracts/plan-document").PlanDocument> | undefined;

/**
 * The repository's example fleet planned once per test run, as `meridian plan` plans it (policy
 * pack included); specs that only read it share it instead of each rendering 18 stacks again.
 * Under `npm test` the specs run in several processes, and one `meridian plan` started before them
 * (global-fixtures.ts) serves them all; otherwise this process plans it.
 */
export function exampleFleetPlan(): Promise<import("../../lib/contracts/plan-document").PlanDocument> {
    const shared = process.env[SHARED_EXAMPLE_PLAN];
    examplePlan ??= shared ? sharedPlan(shared) : import("../../cli/plan-with-policy").then(({ planWithPolicy }) => planWithPolicy({ root: REPO_ROOT }));
    return examplePlan;
}

/** Names the directory where the run's one `meridian plan` of the example fleet writes plan.json, then `exit-code`. */
export const SHARED_EXAMPLE_PLAN = "MERIDIAN_TEST_EXAMPLE_PLAN";

function sharedPlan(directory: string): Promise<import("../../lib/contracts/plan-document").PlanDocument> {
    // Exit 1 (mandatory findings) still writes the plan, as planWithPolicy still returns it.
    return sharedFile(directory, "exit-code", "plan.json", /^[01]\n/);
}

/** Waits for a shared fixture's exit-code file, then reads its JSON, or fails with the fixture's errors. */
async function sharedFile<T>(directory: string, exitCodeFile: string, file: string, succeeded: RegExp): Promise<T> {
    const exitFile = path.join(directory, exitCodeFile);
    while (!fs.existsSync(exitFile)) await new Promise((resolve) => setTimeout(resolve, 100));
    const log = fs.readFileSync(exitFile, "utf8");
    if (!succeeded.test(log) || !fs.existsSync(path.join(directory, file))) throw new Error(`the shared ${file} of the example fleet failed:\n${log}`);
    return JSON.parse(fs.readFileSync(path.join(directory, file), "utf8")) as T;
}

/**
 * Gives `outDir` the render and pack caches of the run's shared plan of the example fleet, so that a
 * `meridian plan --out outDir` of a changed copy renders and checks only the stacks the change
 * reaches. A cached plan is byte-identical to a fresh one (tests/stacks/plan-cache.test.ts), so the
 * spec still sees what `meridian plan` writes. Outside `npm test` there is no shared plan: nothing is copied.
 */
export async function seedPlanCache(outDir: string): Promise<void> {
    const shared = process.env[SHARED_EXAMPLE_PLAN];
    if (!shared) return;
    await exampleFleetPlan();
    const cache = path.join(shared, CACHE_DIRECTORY);
    if (fs.existsSync(cache)) fs.cpSync(cache, path.join(outDir, CACHE_DIRECTORY), { recursive: true });
}

/** Seeds the output directory of `meridian <argv>` run from `cwd` when it is a plan (see seedPlanCache); any other command is left alone. */
export async function seedPlanCacheFor(argv: readonly string[], cwd: string): Promise<void> {
    if (argv[0] !== "plan" || (argv[1] !== undefined && !argv[1].startsWith("-"))) return;
    const out = argv.indexOf("--out");
    const outDir = path.resolve(cwd, out >= 0 ? argv[out + 1] : "plan-out");
    if (!fs.existsSync(outDir)) await seedPlanCache(outDir);
}

let examplePreview: Promise<import("../../lib/contracts/plan-document").PlannedStack[]> | undefined;

/** The file, beside the shared plan, holding the example fleet's preview-mode render (write-example-preview.ts). */
export const EXAMPLE_PREVIEW_FILE = "preview.json";

/**
 * The example fleet's stacks as their first `pulumi preview` renders them (stacks/plan.ts
 * previewPlannedStacks), once per test run: under `npm test` rendered once beside the shared plan
 * (global-fixtures.ts) for every spec process, otherwise in this process.
 */
export function exampleFleetPreview(): Promise<import("../../lib/contracts/plan-document").PlannedStack[]> {
    const shared = process.env[SHARED_EXAMPLE_PLAN];
    examplePreview ??= shared
        ? // The preview starts only after a plan that succeeded: a failed plan fails this wait too.
          exampleFleetPlan().then(() => sharedFile(shared, "preview-exit-code", EXAMPLE_PREVIEW_FILE, /^0\n/))
        : Promise.all([import("../../stacks/catalog"), import("../../stacks/plan"), exampleFleetPlan()]).then(
              ([{ loadCatalog }, { previewPlannedStacks }, plan]) => previewPlannedStacks(loadCatalog(REPO_ROOT), plan),
          );
    return examplePreview;
}
