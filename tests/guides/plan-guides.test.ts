import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { guideShellLines, meridianSucceedsIn } from "../helpers/guides";
import { copyExampleCatalog, editFile } from "../helpers/example-catalog";

interface GuideCommand {
    argv: string[];
    /** Where the guide runs it, relative to the checkout: `(cd ../base && ... meridian ...)` runs in ../base. */
    cwd: string;
}

/** The guide's offline `meridian` commands (with or without `npx`), in order. */
function offlineCommands(guide: string, offline: readonly string[]): GuideCommand[] {
    return guideShellLines(guide)
        .map((line) => {
            const subshell = /^\(cd (\S+) && .*?(meridian [^)]*)\)/.exec(line);
            const command = (subshell?.[2] ?? line.replace(/^npx /, "")).replace(/\s+#.*$/, "").trim();
            return { command, cwd: subshell?.[1] ?? "." };
        })
        .filter(({ command }) => offline.some((name) => command.startsWith(`meridian ${name} `)))
        .map(({ command, cwd }) => ({ argv: command.split(/\s+/).slice(1), cwd }));
}

describe("the guides that work on plans, followed as written", function () {
    this.timeout(300_000);

    it("game-day.md: its offline step plans the fleet and simulates the region it will drain", async () => {
        const commands = offlineCommands("game-day.md", ["plan", "failover simulate"]);
        assert.deepEqual(
            commands.map(({ argv }) => argv.slice(0, 2).join(" ")),
            ["plan --out", "failover simulate"],
        );
        const root = copyExampleCatalog("meridian-game-day-");
        const outputs = [];
        for (const { argv, cwd } of commands) outputs.push(await meridianSucceedsIn(path.join(root, cwd), argv));
        assert.match(outputs[1], /us-east-1/);
    });

    it("review-a-pull-request.md: plans base and head beside each other and diffs them in every format", async () => {
        const commands = offlineCommands("review-a-pull-request.md", ["plan", "plan diff"]);
        assert.deepEqual(
            commands.map(({ argv, cwd }) => `${cwd}: ${argv.slice(0, 2).join(" ")}`),
            ["../base: plan --out", ".: plan --out", ".: plan diff", ".: plan diff", ".: plan diff"],
        );
        // A parent holding the base's checkout, the change's checkout and the plans, as in the guide.
        const parent = fs.mkdtempSync(path.join(require("os").tmpdir(), "meridian-review-"));
        const base = copyExampleCatalog("meridian-review-base-");
        const head = copyExampleCatalog("meridian-review-head-");
        fs.renameSync(base, path.join(parent, "base"));
        fs.renameSync(head, path.join(parent, "head"));
        editFile(path.join(parent, "head"), "regions/regions.yaml", (text) => text.replace("dnsTtl: 60", "dnsTtl: 30"));
        const outputs = [];
        for (const { argv, cwd } of commands) outputs.push(await meridianSucceedsIn(path.join(parent, "head", cwd), argv));
        const [, , text, markdown, json] = outputs;
        for (const diff of [text, markdown]) assert.match(diff, /payments-prod\.eu-west-1/);
        const changed = (JSON.parse(json) as { stacks: Array<{ stack: string; status: string }> }).stacks
            .filter((entry) => entry.status === "changed")
            .map((entry) => entry.stack);
        assert.ok(changed.includes("orders-prod.ap-southeast-2"), changed.join(", "));
    });
});
