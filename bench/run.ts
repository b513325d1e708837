/**
 * `npm run bench [-- NAME...] [--sizes 40,400,1000]`: runs the benchmarks listed in bench/modules.ts
 * (all of them, or those named) and prints their result lines. The fleet benchmark plans fleets of
 * 40, 400 and 1,000 stacks with the built CLI, each beside its peer, in this one run.
 */
import type { BenchArgs } from "./bench-kit";
import { BENCH_MODULES } from "./modules";

function parseArgs(argv: readonly string[]): { names: string[]; args: BenchArgs } {
    const names: string[] = [];
    const args: BenchArgs = {};
    for (let index = 0; index < argv.length; index++) {
        if (argv[index] === "--sizes") args.sizes = (argv[++index] ?? "").split(",").map(Number);
        else names.push(argv[index]);
    }
    if (args.sizes?.some((size) => !Number.isInteger(size) || size < 10)) throw new Error(`--sizes: expected stack counts of at least 10, like 40,400,1000`);
    const unknown = names.filter((name) => !BENCH_MODULES.some((module) => module.name === name));
    if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(", ")} (benchmarks: ${BENCH_MODULES.map((module) => module.name).join(", ")})`);
    return { names, args };
}

async function main(): Promise<void> {
    const { names, args } = parseArgs(process.argv.slice(2));
    process.stdout.write(
        `node ${process.version}, ${require("os").availableParallelism()} cores, load average ${require("os")
            .loadavg()
            .map((load: number) => load.toFixed(1))
            .join(" ")}\n`,
    );
    for (const module of BENCH_MODULES.filter((candidate) => names.length === 0 || names.includes(candidate.name))) {
        await module.run((line) => process.stdout.write(`${module.name}: ${line}\n`), args);
    }
}

main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
});
