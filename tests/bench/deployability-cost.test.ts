import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, exampleFleetPlan } from "../helpers/example-catalog";

describe("bench/deployability-cost.ts", function () {
    this.timeout(120_000);

    it("times the check alone over a written plan in a fresh process, as the benchmark does", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-check-"));
        const planFile = path.join(dir, "plan.json");
        fs.writeFileSync(planFile, JSON.stringify(await exampleFleetPlan()));
        const child = spawnSync(
            process.execPath,
            ["-r", path.join(REPO_ROOT, "bin/typescript-hook.js"), path.join(REPO_ROOT, "bench/deployability-cost.ts"), "--assess", REPO_ROOT, planFile],
            { encoding: "utf8" },
        );
        assert.equal(child.status, 0, child.stderr);
        const measured = JSON.parse(child.stdout) as { milliseconds: number; calls: number };
        const planned = (await exampleFleetPlan()).stacks.reduce((sum, stack) => sum + (stack.deployability?.calls ?? 0), 0);
        assert.equal(measured.calls, planned);
        assert.ok(measured.milliseconds > 0);
    });
});
