import * as fs from "fs";
import * as path from "path";
import type { PlanDocument } from "../lib/contracts/plan-document";
import type { PlanRun } from "./plan";
import { planJsonChunks } from "./plan-text";

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** The readable summary: stacks × resource counts by wave, then the policy verdict; with a run, how many stacks were rendered and reused. */
export function planSummary(plan: PlanDocument, run?: PlanRun): string {
    const lines: string[] = [];
    const total = plan.stacks.reduce((sum, stack) => sum + stack.resources.length, 0);
    lines.push(`Meridian offline plan: ${plan.stacks.length} stack${plan.stacks.length === 1 ? "" : "s"}, ${total} resources (catalog: ${plan.root})`);
    if (run) lines.push(`rendered ${plural(run.rendered, "stack")}, reused ${run.reused} from the render cache`);
    const width = Math.max(5, ...plan.stacks.map((stack) => stack.name.length));
    const waves = [...new Set(plan.stacks.map((stack) => stack.wave))].sort((a, b) => a - b);
    for (const wave of waves) {
        const stacks = plan.stacks.filter((stack) => stack.wave === wave);
        const waveTotal = stacks.reduce((sum, stack) => sum + stack.resources.length, 0);
        lines.push("", `wave ${wave}: ${stacks.length} stack${stacks.length === 1 ? "" : "s"}, ${waveTotal} resources`);
        for (const stack of stacks) {
            const opaque = stack.resources.filter((resource) => resource.remote).length;
            const note = opaque ? `  (${opaque} remote component${opaque === 1 ? "" : "s"}, children not visible offline)` : "";
            lines.push(
                `  ${stack.name.padEnd(width)}  ${String(stack.resources.length).padStart(4)} resources  ${stack.kind.padEnd(12)} ${stack.region}${note}`,
            );
        }
    }
    const assessed = plan.stacks.flatMap((stack) => (stack.deployability ? [stack.deployability] : []));
    if (assessed.length) {
        const calls = assessed.reduce((sum, record) => sum + record.calls, 0);
        const denied = deniedCallCount(plan);
        lines.push("", `deployability: ${calls} provider calls checked in ${assessed.length} stack${assessed.length === 1 ? "" : "s"}, ${denied} denied`);
    }
    lines.push("", `policy: ${plan.policy.mandatory} mandatory, ${plan.policy.advisory} advisory finding${plan.policy.advisory === 1 ? "" : "s"}`);
    for (const finding of plan.policy.findings.filter((item) => item.level === "mandatory")) {
        lines.push(`  [mandatory] ${finding.policy} ${finding.stack} ${finding.urn ?? ""}`.trimEnd(), `      ${finding.message}`);
    }
    return `${lines.join("\n")}\n`;
}

/** What each rendering thread did, and the process's peak memory. */
export function runSummary(run: PlanRun, peakRssMB: number): string {
    const threads = run.threads.map(
        (thread) =>
            `  ${thread.thread}: ${plural(thread.stacks, "stack")} in ${(thread.renderMilliseconds / 1000).toFixed(1)} s, peak heap ${thread.peakHeapMB} MB` +
            `${thread.replaced > 0 ? `, replaced ${thread.replaced} time${thread.replaced === 1 ? "" : "s"} to stay under the heap limit` : ""}\n`,
    );
    return `${threads.join("")}  peak RSS ${peakRssMB} MB (all threads)\n`;
}

/** Calls that some stack's deploying principal would be refused: any one makes `meridian plan` fail. */
export function deniedCallCount(plan: PlanDocument): number {
    return plan.stacks.reduce((sum, stack) => sum + (stack.deployability?.denied.length ?? 0), 0);
}

/** Writes plan.json and summary.txt into `outDir`; returns the paths written. */
export function writePlan(plan: PlanDocument, outDir: string, run?: PlanRun): string[] {
    fs.mkdirSync(outDir, { recursive: true });
    const planFile = path.join(outDir, "plan.json");
    const summaryFile = path.join(outDir, "summary.txt");
    const descriptor = fs.openSync(planFile, "w");
    try {
        for (const chunk of planJsonChunks(plan)) {
            const bytes = Buffer.from(chunk);
            for (let written = 0; written < bytes.length;) written += fs.writeSync(descriptor, bytes, written);
        }
    } finally {
        fs.closeSync(descriptor);
    }
    fs.writeFileSync(summaryFile, planSummary(plan, run));
    return [planFile, summaryFile];
}
