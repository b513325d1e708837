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
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-example-plan-"));
    process.env[SHARED_EXAMPLE_PLAN] = directory;
    const out = directory;
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin", "meridian.js"), "plan", "--root", REPO_ROOT, "--out", out, "--quiet", "--jobs", "1"], {
        cwd: REPO_ROOT,
        stdio: ["ignore", "ignore", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("close", (code) => {
        fs.writeFileSync(path.join(out, "exit-code"), `${code}\n${errors}`);
        if (code === 0 || code === 1) writePreview(out);
    });
}

/** Then the same fleet as a first `pulumi preview` renders it (write-example-preview.ts); `preview-exit-code` says how that went. */
function writePreview(out: string): void {
    const child = spawn(process.execPath, ["-r", path.join(REPO_ROOT, "bin", "typescript-hook.js"), path.join(__dirname, "write-example-preview.ts"), out], {
        cwd: REPO_ROOT,
        stdio: ["ignore", "ignore", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("close", (code) => fs.writeFileSync(path.join(out, "preview-exit-code"), `${code}\n${errors}`));
}

export function mochaGlobalTeardown(): void {
    if (directory) fs.rmSync(directory, { recursive: true, force: true });
}
