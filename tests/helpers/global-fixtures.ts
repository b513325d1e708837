import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, SHARED_EXAMPLE_PLAN } from "./example-catalog";

/**
 * mocha's global fixtures (once per run, in the main process, before any spec runs): starts one
 * `meridian plan` of the example fleet for every spec process to share, then its preview-mode render,
 * without waiting for either.
 * One thread, so that specs comparing a worker-thread plan with it compare with a one-thread plan.
 */
let directory: string | undefined;

export function mochaGlobalSetup(): void {
    const out = (directory = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-example-plan-")));
    process.env[SHARED_EXAMPLE_PLAN] = out;
    const plan = [path.join(REPO_ROOT, "bin", "meridian.js"), "plan", "--root", REPO_ROOT, "--out", out, "--quiet", "--jobs", "1"];
    // Then the same fleet as a first `pulumi preview` renders it (write-example-preview.ts).
    const preview = ["-r", path.join(REPO_ROOT, "bin", "typescript-hook.js"), path.join(__dirname, "write-example-preview.ts"), out];
    runRecordingExit(plan, path.join(out, "exit-code"), (code) => {
        if (code === 0 || code === 1) runRecordingExit(preview, path.join(out, "preview-exit-code"));
    });
}

/** Runs node with `args` from the repository, then writes its exit code and stderr to `exitFile`, which the specs wait for. */
function runRecordingExit(args: string[], exitFile: string, then?: (code: number | null) => void): void {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("close", (code) => {
        fs.writeFileSync(exitFile, `${code}\n${errors}`);
        then?.(code);
    });
}

export function mochaGlobalTeardown(): void {
    if (directory) fs.rmSync(directory, { recursive: true, force: true });
}
