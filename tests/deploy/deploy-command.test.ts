import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Command } from "commander";
import * as deployCommand from "../../cli/commands/deploy";
import { PULUMI_CLI_MISSING } from "../../stacks/deploy/automation-runner";
import { copyExampleCatalog } from "../helpers/example-catalog";
import { runCommand } from "../helpers/cli";

describe("meridian up|preview|refresh", () => {
    it("exits 2 on bad flags, naming each, and writes nothing", async () => {
        const root = copyExampleCatalog();
        const run = await runCommand(deployCommand, ["up", "--root", root, "--parallel", "0"]);
        assert.equal(run.status, 2);
        assert.equal(run.stderr, 'error: command line: --parallel: "0" is not a whole number ≥ 1\n');
        const wave = await runCommand(deployCommand, ["preview", "--root", root, "--wave", "two"]);
        assert.equal(wave.stderr, 'error: command line: --wave: "two" is not a whole number ≥ 0\n');
        assert.equal(fs.existsSync(path.join(root, ".meridian")), false);
    });

    it("exits 1 with the install hint when the Pulumi CLI is absent, having run and written nothing", async () => {
        const root = copyExampleCatalog();
        const savedPath = process.env.PATH;
        process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-no-pulumi-"));
        try {
            const run = await runCommand(deployCommand, ["refresh", "--root", root]);
            assert.equal(run.status, 1);
            assert.ok(run.stderr.startsWith(`error: ${PULUMI_CLI_MISSING}`), run.stderr);
            assert.equal(run.stdout, "");
        } finally {
            process.env.PATH = savedPath;
        }
        assert.equal(fs.existsSync(path.join(root, ".meridian")), false);
    });

    it("offers --policy-pack on up and preview but not on refresh, which evaluates no policies", () => {
        const program = new Command();
        deployCommand.register(program);
        const flags = (name: string) => program.commands.find((command) => command.name() === name)!.options.map((option) => option.long);
        assert.ok(flags("up").includes("--policy-pack"));
        assert.ok(flags("preview").includes("--policy-pack"));
        assert.ok(!flags("refresh").includes("--policy-pack"));
        assert.deepEqual(
            program.commands.map((command) => command.name()),
            ["up", "preview", "refresh"],
        );
    });
});
