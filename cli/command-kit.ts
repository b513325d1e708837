import { Command, Option } from "commander";
import { EXIT_BAD_INPUT, InputError } from "../lib/input-error";

/**
 * Shared plumbing for `meridian` subcommands. Every command file exports
 * `register(program: Command): void` and wraps its action with `action()` so that errors map to
 * the documented exit codes: 0 fine, 1 violations or a failed live step, 2 bad input.
 */

export type OutputFormat = "text" | "json";

export function formatOption(choices: readonly string[] = ["text", "json"], fallback = "text"): Option {
    return new Option("--format <format>", "output format").choices([...choices]).default(fallback);
}

/** `--root DIR`: the tree holding the catalogs, so a user can point any command at a copy. */
export function rootOption(description = "tree holding the catalogs"): Option {
    return new Option("--root <dir>", description).default(".");
}

/** What `meridian plan` and `meridian policy check` both read to judge findings. */
export interface PolicySettingsFlags {
    policyConfig?: string;
    /** The old name of --policy-config on `policy check`, kept hidden so scripts keep working. */
    config?: string;
    exceptions?: string;
    allowBroad: boolean;
}

/** The same flags, under the same names, on every command that runs the pack. */
export function addPolicySettingsOptions(command: Command): Command {
    return command
        .option("--policy-config <file>", "policy pack config (YAML or JSON): rule → enforcement level or settings, as `pulumi up --policy-pack-config` takes")
        .addOption(new Option("--config <file>", "deprecated name of --policy-config").hideHelp())
        .option("--exceptions <file>", "accepted findings (YAML or JSON; default: policies/exceptions.yaml)")
        .option("--allow-broad", "accept exceptions that match more than one named resource or run more than a year", false);
}

export function policySettingsFrom(flags: PolicySettingsFlags): { configFile?: string; exceptionsFile?: string; allowBroad: boolean } {
    if (flags.config !== undefined) {
        if (flags.policyConfig !== undefined)
            throw InputError.single("command line", "--config", "is the old name of --policy-config; give only --policy-config");
        process.stderr.write("note: --config is deprecated; use --policy-config\n");
    }
    return { configFile: flags.policyConfig ?? flags.config, exceptionsFile: flags.exceptions, allowBroad: flags.allowBroad };
}

/** Writes a value as stable, indented JSON on stdout. */
export function printJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Runs a command body and sets `process.exitCode` from its result. An `InputError` prints every
 * problem on stderr and exits 2; any other error prints its message and exits 1.
 */
export function action<A extends unknown[]>(body: (...args: A) => Promise<number | void> | number | void): (...args: A) => Promise<void> {
    return async (...args: A) => {
        try {
            const code = await body(...args);
            process.exitCode = typeof code === "number" ? code : 0;
        } catch (error) {
            process.exitCode = reportError(error);
        }
    };
}

export function reportError(error: unknown): number {
    if (error instanceof InputError) {
        for (const line of error.message.split("\n")) process.stderr.write(`error: ${line}\n`);
        return EXIT_BAD_INPUT;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    return 1;
}

/** A plain aligned table; no colours, so it reads the same in CI logs. */
export function printTable(headers: string[], rows: string[][]): void {
    const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
    const line = (cells: string[]) =>
        cells
            .map((cell, column) => cell.padEnd(widths[column]))
            .join("  ")
            .trimEnd();
    process.stdout.write(`${line(headers)}\n`);
    for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

export type { Command };
