import { Command } from "commander";

export interface CliResult {
    status: number;
    stdout: string;
    stderr: string;
}

/**
 * Runs a commander program in this process, capturing what it prints and the exit code its action
 * set, then puts stdout, stderr and `process.exitCode` back as they were.
 */
export async function runProgram(program: Command, argv: readonly string[]): Promise<CliResult> {
    const captured = { stdout: "", stderr: "" };
    const realStdout = process.stdout.write.bind(process.stdout);
    const realStderr = process.stderr.write.bind(process.stderr);
    const previousExitCode = process.exitCode;
    process.stdout.write = ((chunk: string | Uint8Array) => ((captured.stdout += String(chunk)), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => ((captured.stderr += String(chunk)), true)) as typeof process.stderr.write;
    try {
        process.exitCode = undefined;
        await program.parseAsync(["node", "meridian", ...argv]);
        return { status: Number(process.exitCode ?? 0), ...captured };
    } finally {
        process.stdout.write = realStdout;
        process.stderr.write = realStderr;
        process.exitCode = previousExitCode;
    }
}

/** One `meridian` command module alone, wired as cli/main.ts wires it. */
export function runCommand(module: { register(program: Command): void }, argv: readonly string[]): Promise<CliResult> {
    const program = new Command("meridian").exitOverride();
    module.register(program);
    return runProgram(program, argv);
}

/**
 * The whole `meridian` program in this process, through the same commander program and exit-code
 * mapping as the binary. Much faster than a child process; flag errors (which exit the process)
 * still need `runMeridian`.
 */
export async function runMeridianInProcess(argv: readonly string[]): Promise<CliResult> {
    const { buildProgram } = await import("../../cli/main");
    return runProgram(buildProgram(), argv);
}
