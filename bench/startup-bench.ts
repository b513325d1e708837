import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BenchModule } from "./bench-kit";
import { timedNode } from "./bench-kit";
import { median, peer } from "./fleet-bench";

/**
 * Start-up, as a user meets it: `meridian catalog validate` on the example catalog, and planning
 * one stack of it (`meridian plan --stack orders-prod.eu-west-1`: that stack and the three it reads
 * from, rendered afresh) beside the peer's single-stack time, measured in the same run.
 */

const REPOSITORY = path.resolve(__dirname, "..");
const CLI = path.join(REPOSITORY, "bin", "meridian.js");
const RUNS = 3;
const ONE_STACK = "orders-prod.eu-west-1";

export const startupBench: BenchModule = {
    name: "startup",
    async run(print) {
        const validate = median(Array.from({ length: RUNS }, () => timedNode([CLI, "catalog", "validate", "--root", REPOSITORY])));
        print(`catalog validate: ${validate.seconds.toFixed(2)}s (median of ${RUNS}; target <= 1 s): ${validate.seconds <= 1 ? "met" : "NOT met"}`);
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-one-"));
        try {
            // Exit 1: alone, one region of a subsystem fails the fleet rules; the plan is complete all the same.
            const plans = Array.from({ length: RUNS }, () =>
                timedNode([CLI, "plan", "--root", REPOSITORY, "--stack", ONE_STACK, "--out", out, "--no-cache", "--quiet", "--format", "json"], [0, 1]),
            );
            const resources = (JSON.parse(plans[0].stdout) as { stacks: Array<{ resources: number }> }).stacks[0].resources;
            const onePlan = median(plans);
            const peerRun = median(Array.from({ length: RUNS }, () => peer(resources)));
            const ratio = onePlan.seconds / peerRun.seconds;
            print(
                `plan one stack (${ONE_STACK}, ${resources} resources, with the 3 stacks it reads): ${onePlan.seconds.toFixed(2)}s; ` +
                    `peer single stack: ${peerRun.seconds.toFixed(2)}s; ${ratio.toFixed(1)}x the peer (target <= 3x): ${ratio <= 3 ? "met" : "NOT met"}`,
            );
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    },
};
