import { Command } from "commander";
import { reportError } from "./command-kit";

/**
 * The `meridian` command: thin wiring over accounts/, regions/, stacks/ and policies/.
 * Each command file registers itself; heavy modules (@pulumi/*, the AWS SDK) are imported inside
 * actions so that `--help` stays fast.
 */
const COMMAND_MODULES: ReadonlyArray<() => { register(program: Command): void }> = [
    () => require("./commands/stacks"),
    () => require("./commands/plan"),
    () => require("./commands/catalog"),
    () => require("./commands/policy"),
    () => require("./commands/failover"),
    () => require("./commands/accounts"),
    () => require("./commands/deploy"),
    () => require("./commands/ci"),
    () => require("./commands/dns"),
    () => require("./commands/bootstrap"),
    () => require("./commands/docs"),
];

export function buildProgram(): Command {
    const program = new Command("meridian")
        .description("AWS organisations as code on Pulumi: plan, check, deploy and rehearse failover across accounts and regions.")
        .showHelpAfterError("(add --help for usage)")
        // A command's options stop at its subcommand, so `plan diff --format` is diff's, not plan's.
        .enablePositionalOptions()
        .exitOverride((error) => {
            // commander exits 1 on usage errors; our convention for bad flags is 2.
            if (error.code === "commander.helpDisplayed" || error.code === "commander.help" || error.code === "commander.version") {
                process.exit(0);
            }
            process.exit(2);
        });
    for (const load of COMMAND_MODULES) load().register(program);
    return program;
}

export async function main(argv: string[]): Promise<void> {
    try {
        await buildProgram().parseAsync(argv);
    } catch (error) {
        process.exitCode = reportError(error);
    }
}
