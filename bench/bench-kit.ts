import { spawnSync } from "child_process";
import * as path from "path";

/**
 * What `npm run bench` runs: one module per benchmark, each printing its own result lines. To add
 * one, export a BenchModule from a file in bench/ and list it in bench/modules.ts.
 */
export interface BenchModule {
    /** The name to select it with: `npm run bench -- <name>`. */
    name: string;
    /** Runs the benchmark; `print` writes one result line as soon as it is known. */
    run(print: (line: string) => void, args: BenchArgs): Promise<void>;
}

export interface BenchArgs {
    /** Fleet sizes in stacks, from `--sizes 40,400`; each module decides whether sizes apply to it. */
    sizes?: number[];
}

/** Wall time of a fresh node process, from spawn to exit, and what it printed; `succeeded` lists the exit codes that are not failures. */
export function timedNode(args: string[], succeeded: readonly number[] = [0]): { seconds: number; stdout: string } {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if (!succeeded.includes(child.status ?? -1)) throw new Error(`node ${args.join(" ")} exited ${child.status}: ${child.stderr}`);
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, stdout: child.stdout };
}

/** Node's arguments to run a TypeScript file of the repository from source, as tests and benchmarks do. */
export function fromSource(file: string, ...args: string[]): string[] {
    return ["-r", path.join(__dirname, "..", "bin", "typescript-hook.js"), file, ...args];
}
