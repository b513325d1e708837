/**
 * `meridian policy check` on the 400-stack synthetic fleet (bench/policy-fleet.ts: 50 subsystems
 * × 2 environments × a global and 3 regional stacks, plus the organization stack), run in its own
 * process as the CLI runs it: plan.json read from disk, the pack and the fleet rules, exceptions.
 * Prints the first (cold) check and the best of three warm ones, wall and CPU seconds.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { runPolicyCheck } from "../policies/policy-check";
import { type BenchModule, fromSource, timedNode } from "./bench-kit";
import { syntheticFleet, SyntheticSubsystem } from "./policy-fleet";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];

export function benchSubsystems(count: number): SyntheticSubsystem[] {
    return Array.from({ length: count }, (_, index) => ({
        name: `sub${index}`,
        regions: REGIONS,
        accounts: { prod: String(100000000000 + index * 2), staging: String(100000000001 + index * 2) },
    }));
}

async function timed(file: string): Promise<{ seconds: number; cpuSeconds: number; findings: number }> {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await runPolicyCheck([file]);
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, findings: result.findings.length };
}

async function main(): Promise<void> {
    const stacks = syntheticFleet(benchSubsystems(50));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-policy-bench-"));
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(file, JSON.stringify({ schemaVersion: 1, project: "meridian", root: dir, stacks, policy: { findings: [], mandatory: 0, advisory: 0 } }));
    try {
        const cold = await timed(file);
        if (cold.findings > 0) throw new Error(`the synthetic fleet should be clean, got ${cold.findings} finding(s)`);
        const warm = [await timed(file), await timed(file), await timed(file)].sort((a, b) => a.cpuSeconds - b.cpuSeconds)[0];
        const resources = stacks.reduce((total, stack) => total + stack.resources.length, 0);
        process.stdout.write(
            `policy-check stacks=${stacks.length} resources=${resources} seconds=${cold.seconds.toFixed(2)} cpuSeconds=${cold.cpuSeconds.toFixed(2)} warmSeconds=${warm.seconds.toFixed(2)} warmCpuSeconds=${warm.cpuSeconds.toFixed(2)}\n`,
        );
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

export const policyCheckFleetBench: BenchModule = {
    name: "policy-check-fleet",
    run: async (print) => {
        timedNode(fromSource(__filename)).stdout.trim().split("\n").forEach(print);
    },
};

if (require.main === module) void main();
