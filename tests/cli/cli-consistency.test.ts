import { strict as assert } from "assert";
import type { Command, Option } from "commander";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildProgram } from "../../cli/main";
import { runMeridian } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";

/** Every command a user can run, by its full name: the leaves of the command tree, and a command with subcommands that runs itself too (`plan`, beside `plan diff`). */
function leafCommands(command: Command, prefix?: string): Array<{ name: string; command: Command }> {
    const name = prefix === undefined ? "" : `${prefix} ${command.name()}`.trim();
    if (command.commands.length === 0) return [{ name, command }];
    const runsItself = prefix !== undefined && command.options.length > 0;
    return [...(runsItself ? [{ name, command }] : []), ...command.commands.flatMap((child) => leafCommands(child, name))];
}

function visibleFlags(command: Command): string[] {
    return (command.options as Option[]).filter((option) => !option.hidden).map((option) => option.long ?? "");
}

describe("one CLI: the same flags for the same things, --format json everywhere, no noise", () => {
    const commands = leafCommands(buildProgram());

    it("reads the whole command tree", () => {
        assert.ok(commands.some((entry) => entry.name === "policy check"));
        assert.ok(commands.length >= 15, commands.map((entry) => entry.name).join(", "));
    });

    it("every command takes --format json", () => {
        const without = commands.filter(({ command }) => {
            const format = (command.options as Option[]).find((option) => option.long === "--format");
            return !format?.argChoices?.includes("json");
        });
        assert.deepEqual(
            without.map((entry) => entry.name),
            [],
        );
    });

    it("the commands that run the pack read its settings under the same names", () => {
        for (const name of ["plan", "policy check"]) {
            const flags = visibleFlags(commands.find((entry) => entry.name === name)!.command);
            for (const flag of ["--policy-config", "--exceptions", "--allow-broad"]) assert.ok(flags.includes(flag), `${name} ${flag}`);
            assert.ok(!flags.includes("--config"), `${name}: --config is a hidden alias, not a second name`);
        }
    });

    it("every command that writes generated files checks them with --check, and no visible command is a second spelling of it", () => {
        for (const name of ["stacks sync", "catalog schemas", "ci github", "docs"]) {
            assert.ok(visibleFlags(commands.find((entry) => entry.name === name)!.command).includes("--check"), name);
        }
        const visible = commands.filter(({ command }) => !(command as unknown as { _hidden: boolean })._hidden).map((entry) => entry.name);
        assert.ok(!visible.includes("stacks check"), "stacks check is the hidden old spelling of stacks sync --check");
    });

    it("policy check --config still works, with a note that it is deprecated", async () => {
        const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-cli-")), "config.yaml");
        fs.writeFileSync(config, "all: advisory\n");
        const run = await runMeridianInProcess(["policy", "check", "--config", config, "--format", "json", "tests/fixtures/pulumi-real/sample-export.json"]);
        assert.equal(run.status, 0);
        assert.equal(run.stderr, "note: --config is deprecated; use --policy-config\n");
        assert.equal(JSON.parse(run.stdout).advisory, 9);
    });

    it("a command that builds AWS clients prints no Node-version warning", () => {
        const run = runMeridian(["failover", "restore", "--state-file", path.join(os.tmpdir(), "meridian-no-such-state.json")]);
        assert.equal(run.status, 0);
        assert.equal(run.stderr, "");
    });
});
