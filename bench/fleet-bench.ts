import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type BenchModule, timedNode } from "./bench-kit";
import { generateFleet, shapeForStacks } from "./fleet-generator";

/**
 * The fleet benchmark, side by side with its peer in one run. For each fleet size it plans a fleet
 * grown from the example catalog's shape with the built `meridian plan` (render + policy, a fresh
 * process, as a user runs it), then plans again after a one-subsystem change (the incremental plan).
 * Between them it times the peer: one stack of the fleet's mean size rendered with Pulumi's
 * documented unit-test mocks in a fresh process (bench/peer-stack.ts), the median of three runs.
 * The ratio compares the fleet plan with the peer's per-stack sweep (stacks × peer time).
 */

const REPOSITORY = path.resolve(__dirname, "..");
const CLI = path.join(REPOSITORY, "bin", "meridian.js");
const PEER = path.join(REPOSITORY, ".build", "peer-stack.js");
export const DEFAULT_SIZES = [40, 400, 1000];

interface PlanRunJson {
    stacks: Array<{ resources: number }>;
    run: {
        rendered: number;
        reused: number;
        peakRssMB: number;
        cpuSeconds: number;
        threads: Array<{ thread: string; stacks: number; renderMilliseconds: number; peakHeapMB: number }>;
    };
}

function plan(root: string, out: string): { seconds: number; result: PlanRunJson } {
    const timed = timedNode([CLI, "plan", "--root", root, "--out", out, "--quiet", "--format", "json"]);
    return { seconds: timed.seconds, result: JSON.parse(timed.stdout) as PlanRunJson };
}

interface PeerRun {
    seconds: number;
    cpuSeconds: number;
    /** With warm copies: the SDK's median CPU time for one more stack in the same, loaded process. */
    warmCpuSeconds?: number;
}

/** The peer's time for one stack of `resources` resources, in a fresh process; with `warmCopies`, then that many more in it. */
export function peer(resources: number, warmCopies = 0): PeerRun {
    const timed = timedNode([PEER, String(resources), String(warmCopies)]);
    const printed = JSON.parse(timed.stdout) as { cpuMilliseconds: number; warmCpuMilliseconds?: number };
    const warmCpuSeconds = printed.warmCpuMilliseconds === undefined ? undefined : printed.warmCpuMilliseconds / 1000;
    return { seconds: timed.seconds, cpuSeconds: printed.cpuMilliseconds / 1000, warmCpuSeconds };
}

/** The middle run by wall time. */
export function median<T extends { seconds: number }>(runs: readonly T[]): T {
    return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];
}

/** The one-subsystem change: the first subsystem moves to a new DNS name. */
function changeOneSubsystem(root: string): void {
    const file = path.join(root, "stacks", "subsystems.yaml");
    const text = fs.readFileSync(file, "utf8");
    const changed = text.replace("dnsName: sub0.bench.example.com", "dnsName: sub0-moved.bench.example.com");
    if (changed === text) throw new Error("the generated fleet has no sub0 to change");
    fs.writeFileSync(file, changed);
}

interface SizeResult {
    stacks: number;
    fullSeconds: number;
    cpuSeconds: number;
    peakRssMB: number;
    ratio: number;
    incrementalShare: number;
}

function benchSize(target: number, print: (line: string) => void): SizeResult {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-"));
    const out = path.join(root, "plan-out");
    try {
        generateFleet(root, shapeForStacks(target), path.join(REPOSITORY, "accounts", "scps"));
        const full = plan(root, out);
        const stacks = full.result.stacks.length;
        const meanResources = Math.round(full.result.stacks.reduce((sum, stack) => sum + stack.resources, 0) / stacks);
        const peerRuns = [peer(meanResources)];
        changeOneSubsystem(root);
        peerRuns.push(peer(meanResources));
        const incremental = plan(root, out);
        peerRuns.push(peer(meanResources));
        const perStack = median(peerRuns);
        const warmSdk = peer(meanResources, 10).warmCpuSeconds ?? NaN;
        const rendering = full.result.run.threads.filter((thread) => thread.stacks > 0);
        const renderSeconds = full.result.run.threads.reduce((sum, thread) => sum + thread.renderMilliseconds, 0) / stacks / 1000;
        const ratio = (stacks * perStack.seconds) / full.seconds;
        const cpuRatio = (stacks * perStack.cpuSeconds) / full.result.run.cpuSeconds;
        const incrementalShare = incremental.seconds / full.seconds;
        const threads = full.result.run.threads
            .map((thread) => `${thread.thread.replace(" ", "")}:${thread.stacks}stacks/${thread.peakHeapMB}MBheap`)
            .join(",");
        print(
            `stacks=${stacks} meanResources=${meanResources} full=${full.seconds.toFixed(2)}s(cpu ${full.result.run.cpuSeconds.toFixed(1)}s) ` +
                `peerPerStack=${perStack.seconds.toFixed(2)}s(cpu ${perStack.cpuSeconds.toFixed(2)}s) peerSweep=${(stacks * perStack.seconds).toFixed(0)}s ` +
                `ratio=${ratio.toFixed(0)}x(cpu ${cpuRatio.toFixed(0)}x) peakRSS=${full.result.run.peakRssMB}MB threads=${threads} ` +
                `renderPerStack=${(renderSeconds * 1000).toFixed(0)}ms(on its thread; ${(((perStack.seconds * rendering.length) / 100) * 1000).toFixed(0)}ms would give 100x) ` +
                `peerWarmPerStack=${(warmSdk * 1000).toFixed(0)}ms(cpu) ` +
                `incremental=${incremental.seconds.toFixed(2)}s(cpu ${incremental.result.run.cpuSeconds.toFixed(1)}s; ${(incrementalShare * 100).toFixed(0)}% of full; ` +
                `rendered ${incremental.result.run.rendered}, reused ${incremental.result.run.reused})`,
        );
        return { stacks, fullSeconds: full.seconds, cpuSeconds: full.result.run.cpuSeconds, peakRssMB: full.result.run.peakRssMB, ratio, incrementalShare };
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
    }
}

export const fleetBench: BenchModule = {
    name: "fleet",
    async run(print, args) {
        const results = (args.sizes ?? DEFAULT_SIZES).map((size) => benchSize(size, print));
        const near = (stacks: number) => results.find((result) => Math.abs(result.stacks - stacks) <= stacks * 0.05);
        const at400 = near(400);
        const at1000 = near(1000);
        if (at400) print(`check 400 stacks: ${at400.ratio.toFixed(0)}x the peer's per-stack sweep (target >= 100x): ${at400.ratio >= 100 ? "met" : "NOT met"}`);
        for (const result of results) {
            print(
                `check ${result.stacks} stacks: one-subsystem re-plan ${(result.incrementalShare * 100).toFixed(0)}% of the full plan (target <= 25%): ${result.incrementalShare <= 0.25 ? "met" : "NOT met"}`,
            );
        }
        if (at400 && at1000) {
            const growth = at1000.fullSeconds / at400.fullSeconds;
            const met = growth <= 2.7 && at1000.peakRssMB <= 2048;
            print(
                `check 1,000 vs 400 stacks: ${growth.toFixed(2)}x the time (target <= 2.7x), peak RSS ${at1000.peakRssMB} MB (target <= 2048): ${met ? "met" : "NOT met"}`,
            );
        }
    },
};
