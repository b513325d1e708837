/**
 * One benchmark run in its own process, so its peak RSS is its own: generates a fleet of about
 * the given number of stacks, plans it as `meridian plan` does (render + policy), prints one line.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateFleet, shapeForStacks, stackCount } from "./fleet-generator";
import { planWithPolicy } from "../cli/plan-with-policy";

async function main(): Promise<void> {
    const target = Number(process.argv[2]);
    if (!Number.isInteger(target) || target < 6) throw new Error(`usage: plan-fleet-size <stacks ≥ 6>, got ${process.argv[2]}`);
    const shape = shapeForStacks(target);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-"));
    generateFleet(root, shape, path.join(__dirname, "..", "accounts", "scps"));
    let renderedAt = 0n;
    const started = process.hrtime.bigint();
    const plan = await planWithPolicy({
        root,
        onStackRendered: (progress) => {
            if (progress.index === progress.total) renderedAt = process.hrtime.bigint();
        },
    });
    const finished = process.hrtime.bigint();
    const seconds = Number(finished - started) / 1e9;
    const renderSeconds = Number(renderedAt - started) / 1e9;
    const peakMB = process.resourceUsage().maxRSS / 1024;
    const resources = plan.stacks.reduce((sum, stack) => sum + stack.resources.length, 0);
    if (plan.stacks.length !== stackCount(shape)) throw new Error(`planned ${plan.stacks.length} stacks, expected ${stackCount(shape)}`);
    process.stdout.write(
        `stacks=${plan.stacks.length} seconds=${seconds.toFixed(2)} peakMB=${peakMB.toFixed(0)} resources=${resources} render=${renderSeconds.toFixed(2)} policy=${(seconds - renderSeconds).toFixed(2)}\n`,
    );
    fs.rmSync(root, { recursive: true, force: true });
}

main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
});
