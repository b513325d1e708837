import type { Command } from "commander";
import type { GeneratedPage } from "./generated-page";

/** Every command and subcommand, depth first, with its full name (`meridian failover simulate`). */
function commandsOf(command: Command, prefix: string): Array<{ name: string; command: Command }> {
    const name = prefix ? `${prefix} ${command.name()}` : command.name();
    return [{ name, command }, ...command.commands.flatMap((child) => commandsOf(child, name))];
}

/**
 * The CLI reference: each command's own `--help`, at a fixed width so the page is the same on every
 * terminal. It is handed the program rather than building it, so the docs command never imports
 * the CLI's entry point (which imports the docs command).
 */
export function cliReferencePage(program: Command): GeneratedPage {
    return {
        path: "docs/reference/cli.md",
        source: "the commands' own help (cli/commands/*.ts)",
        render: () => {
            const entries = commandsOf(program, "");
            const sections = entries.map(({ name, command }) => {
                command.configureHelp({ helpWidth: 110 });
                return `## \`${name}\`\n\n\`\`\`text\n${command.helpInformation().trimEnd()}\n\`\`\``;
            });
            return [
                "# CLI reference",
                "",
                "Every command prints this with `--help`. Exit codes everywhere: 0 fine, 1 a check found violations or a live step failed, 2 bad input (nothing written).",
                "",
                ...entries.map(({ name }) => `- [\`${name}\`](#${name.replace(/\s+/g, "-")})`),
                "",
                ...sections.flatMap((section) => [section, ""]),
            ].join("\n");
        },
    };
}
