/**
 * `npm run bench`: plans synthetic fleets of 40 and 400 stacks, each in a fresh process, and
 * prints `stacks=N seconds=S peakMB=M` per size; then the deployability check's cost beside the
 * largest plan (bench/deployability-cost.ts); then `meridian policy check` on the 400-stack
 * synthetic fleet (bench/policy-check-fleet.ts, its own process) and the policy evaluator's throughput.
 * Sizes can be given as arguments: `npm run bench -- 40 120 400`.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { benchPolicyEvaluation } from "./policy-throughput";

function runBench(script: string, size: number): void {
    const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, script), String(size)], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
    });
    if (run.status !== 0) {
        process.stderr.write(`${script} for ${size} stacks failed\n`);
        process.exit(1);
    }
    process.stdout.write(run.stdout);
}

const given = process.argv.slice(2).map(Number);
const sizes = given.length ? given : [40, 400];
for (const size of sizes) runBench("plan-fleet-size.ts", size);
runBench("deployability-cost.ts", Math.max(...sizes));
const policyCheck = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "policy-check-fleet.ts")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
});
process.stdout.write(policyCheck.stdout);

benchPolicyEvaluation().then((result) => {
    process.stdout.write(`policy resources=${result.resources} seconds=${result.seconds.toFixed(2)} perSecond=${result.perSecond.toFixed(0)}\n`);
});
