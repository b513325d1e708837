/**
 * `npm run bench`: plans synthetic fleets of 40 and 400 stacks, each in a fresh process, and
 * prints `stacks=N seconds=S peakMB=M` per size; then `meridian policy check` on the 400-stack
 * synthetic fleet (bench/policy-check-fleet.ts, its own process) and the policy evaluator's throughput.
 * Sizes can be given as arguments: `npm run bench -- 40 120 400`.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { benchPolicyEvaluation } from "./policy-throughput";

const sizes = process.argv.slice(2).map(Number);
for (const size of sizes.length ? sizes : [40, 400]) {
    const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "plan-fleet-size.ts"), String(size)], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
    });
    if (run.status !== 0) {
        process.stderr.write(`bench for ${size} stacks failed\n`);
        process.exit(1);
    }
    process.stdout.write(run.stdout);
}

const policyCheck = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "policy-check-fleet.ts")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
});
process.stdout.write(policyCheck.stdout);

benchPolicyEvaluation().then((result) => {
    process.stdout.write(`policy resources=${result.resources} seconds=${result.seconds.toFixed(2)} perSecond=${result.perSecond.toFixed(0)}\n`);
});
