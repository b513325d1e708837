import { performance } from "perf_hooks";
import { evaluatePlannedStacks } from "../policies/evaluator";
import { loadActionCatalog } from "../policies/iam/action-catalog";
import type { BenchModule } from "./bench-kit";
import { syntheticFleet, SyntheticSubsystem } from "./policy-fleet";

/**
 * Policy evaluation throughput: the whole pack plus the fleet rules over a synthetic fleet of
 * 40 subsystems × 2 environments × 3 regions (about 3,000 resources), as `meridian plan` runs it.
 * The first pass warms the action catalog (lazy JSON reads) and the JIT and is not counted.
 */
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];

function subsystems(count: number): SyntheticSubsystem[] {
    return Array.from({ length: count }, (_, index) => ({
        name: `sub${index}`,
        regions: REGIONS,
        accounts: { prod: String(100000000000 + index * 2), staging: String(100000000001 + index * 2) },
    }));
}

export async function benchPolicyEvaluation(): Promise<{ resources: number; seconds: number; perSecond: number }> {
    const fleet = syntheticFleet(subsystems(40));
    const resources = fleet.reduce((total, stack) => total + stack.resources.length, 0);
    await loadActionCatalog();
    evaluatePlannedStacks(fleet);
    const start = performance.now();
    const result = evaluatePlannedStacks(fleet);
    const seconds = (performance.now() - start) / 1000;
    if (result.findings.length > 0) throw new Error(`the synthetic fleet should be clean, got ${result.findings.length} finding(s)`);
    return { resources, seconds, perSecond: Math.round(resources / seconds) };
}

export const policyThroughputBench: BenchModule = {
    name: "policy-throughput",
    async run(print) {
        const { resources, seconds, perSecond } = await benchPolicyEvaluation();
        print(`policy resources=${resources} seconds=${seconds.toFixed(3)} perSecond=${perSecond}`);
    },
};
