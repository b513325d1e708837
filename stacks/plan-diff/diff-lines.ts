import type { PolicyFinding } from "../../lib/contracts/plan-document";
import type { AnswerChange, DetectionChange, EndpointChange } from "./failover-diff";
import { diffCounts, PlanDiff, ResourceChange, StackDiff } from "./plan-diff";
import type { PropertyChange } from "./property-diff";

/**
 * The lines both the text and the markdown forms are made of, in `diff` notation: `+` added,
 * `-` removed, `!` replaced, `~` updated, property changes indented under their resource.
 */

export function propertyLine(change: PropertyChange): string {
    if (change.kind === "added") return `${change.path || "(value)"}: + ${change.after}`;
    if (change.kind === "removed") return `${change.path || "(value)"}: - ${change.before}`;
    return `${change.path || "(value)"}: ${change.before} → ${change.after}`;
}

function resourceLines(mark: string, resource: ResourceChange, properties: boolean): string[] {
    const reasons = resource.replaceReasons ? ` (replaced: ${resource.replaceReasons.join(", ")})` : "";
    const head = `${mark} ${resource.urn}${reasons}`;
    return properties && (mark === "!" || mark === "~") ? [head, ...resource.changes.map((change) => `      ${propertyLine(change)}`)] : [head];
}

/** Every changed resource of a stack; with `properties`, the input changes of replaced and updated ones. */
export function stackLines(stack: StackDiff, properties: boolean): string[] {
    return [
        ...stack.added.flatMap((resource) => resourceLines("+", resource, properties)),
        ...stack.removed.flatMap((resource) => resourceLines("-", resource, properties)),
        ...stack.replaced.flatMap((resource) => resourceLines("!", resource, properties)),
        ...stack.updated.flatMap((resource) => resourceLines("~", resource, properties)),
        ...(stack.outputs.length > 0 ? ["~ outputs", ...stack.outputs.map((change) => `      ${propertyLine(change)}`)] : []),
    ];
}

/** `2 added, 1 replaced`: what happened to a stack's resources. */
export function stackTally(stack: StackDiff): string {
    const parts = [
        [stack.added.length, "added"],
        [stack.removed.length, "removed"],
        [stack.replaced.length, "replaced"],
        [stack.updated.length, "updated"],
    ]
        .filter(([count]) => Number(count) > 0)
        .map(([count, what]) => `${count} ${what}`);
    if (stack.outputs.length > 0) parts.push("outputs changed");
    return parts.join(", ");
}

export function findingLine(finding: PolicyFinding): string {
    return `[${finding.level}] ${finding.policy} ${finding.stack}${finding.urn ? ` ${finding.urn}` : ""}: ${finding.message}`;
}

const region = (value: string | undefined) => value ?? "(no answer)";
const seconds = (value: number | undefined) => (value === undefined ? "unknown" : `${value} s`);

export function answerLine(change: AnswerChange): string {
    return `${change.scenario}: ${change.name}, clients in ${change.client}: answered from ${region(change.before)} → ${region(change.after)}`;
}

export function detectionLine(change: DetectionChange): string {
    return `${change.subsystem}/${change.environment} ${change.region}: detection within ${seconds(change.beforeSeconds)} → ${seconds(change.afterSeconds)} (target ${change.targetSeconds} s)`;
}

export function endpointLine(change: EndpointChange): string {
    return `${change.scenario}: global endpoint ${change.endpoint} publishes to ${region(change.before)} → ${region(change.after)}`;
}

/** The headline counts, as label and number, in the order every form shows them. */
export function summaryRows(diff: PlanDiff): Array<[string, number]> {
    const counts = diffCounts(diff);
    return [
        ["stacks added", counts.stacksAdded],
        ["stacks removed", counts.stacksRemoved],
        ["stacks changed", counts.stacksChanged],
        ["resources added", counts.resourcesAdded],
        ["resources removed", counts.resourcesRemoved],
        ["resources replaced", counts.resourcesReplaced],
        ["resources updated", counts.resourcesUpdated],
        ["policy findings new", counts.findingsNew],
        ["policy findings fixed", counts.findingsFixed],
        ["failover changes", counts.failoverChanges],
    ];
}
