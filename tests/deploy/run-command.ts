import { Command } from "commander";

export interface CommandRun {
    code: number;
    stdout: string;
    stderr: string;
}

/**
 * Runs one `meridian` command module in-process, as cli/main.ts would wire it, capturing its
 * output and the exit code its action set.
 */
export async function runCommand(module: { register(program: Command): void }, argv: string[]): Promise<CommandRun> {
    const program = new Command("meridian").exitOverride();
    module.register(program);
    const out: string[] = [];
    const err: string[] = [];
    const writeOut = process.stdout.write;
    const writeErr = process.stderr.write;
    process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
    process.exitCode = undefined;
    try {
        await program.parseAsync(["node", "meridian", ...argv]);
        return { code: Number(process.exitCode ?? 0), stdout: out.join(""), stderr: err.join("") };
    } finally {
        process.stdout.write = writeOut;
        process.stderr.write = writeErr;
        process.exitCode = undefined;
    }
}
