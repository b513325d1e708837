import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Log } from "sarif";
import { copyExampleCatalog, REPO_ROOT, runMeridian, seedPlanCacheFor } from "../helpers/example-catalog";
import { githubIngestionProblems } from "../helpers/sarif-validation";

const GUIDE = path.join(REPO_ROOT, "docs/guides/run-the-pack-in-ci.md");

/** The `npx meridian …` lines of the guide's "Try it on the example, offline" block, with the exit code each one's comment promises. */
function offlineCommands(): Array<{ line: string; args: string[]; output?: string; exit: number }> {
    const text = fs.readFileSync(GUIDE, "utf8");
    const section = text.slice(text.indexOf("## Try it on the example, offline"));
    const block = section.slice(section.indexOf("```sh") + 5, section.indexOf("```", section.indexOf("```sh") + 5));
    return block
        .split("\n")
        .filter((line) => line.startsWith("npx meridian "))
        .map((line) => {
            const [command, comment = ""] = line.split("#");
            const [invocation, output] = command.split(">").map((part) => part.trim());
            return { line, args: invocation.split(/\s+/).slice(2), output, exit: Number(/exit (\d)/.exec(comment)?.[1] ?? 0) };
        });
}

describe("guide: run the pack in CI", () => {
    it("its offline commands run as written from a checkout, with the exit codes it states, and the SARIF they write is ingestible", async function () {
        this.timeout(300_000);
        const commands = offlineCommands();
        assert.equal(commands.length, 4, "the guide's example block changed; keep this test in step");
        // A scratch checkout: the example catalog and the fixture, the binary from this repository.
        const checkout = copyExampleCatalog("meridian-guide-");
        fs.cpSync(path.join(REPO_ROOT, "tests/fixtures/pulumi-real"), path.join(checkout, "tests/fixtures/pulumi-real"), { recursive: true });
        for (const command of commands) {
            await seedPlanCacheFor(command.args, checkout);
            const result = runMeridian(command.args, REPO_ROOT, checkout);
            assert.equal(result.status, command.exit, `${command.line}\n${result.stderr}`);
            if (!command.output) continue;
            fs.writeFileSync(path.join(checkout, command.output), result.stdout);
            assert.deepEqual(githubIngestionProblems(JSON.parse(result.stdout) as Log), [], command.line);
        }
    });
});
