import type { PlanDocument, PlannedResource, PlannedStack, PolicyFinding } from "../../lib/contracts/plan-document";
import type { RegionCatalog } from "../../regions/region-schema";
import { PHYSICAL_NAME_INPUTS } from "../offline/resource-outputs";
import { failoverDiff, FailoverDiff } from "./failover-diff";
import { propertyDiff, PropertyChange } from "./property-diff";

/**
 * What changes between two plans (`meridian plan diff BASE HEAD`): stacks added and removed; per
 * stack, resources added, removed, replaced and updated (by URN), with a compact property diff of
 * their inputs, secrets masked; policy findings new and fixed; and how failover changes. Pure: the
 * command reads the files and the region catalogs.
 */

export interface ResourceChange {
    urn: string;
    type: string;
    /** Why Pulumi would replace rather than update it (replaced resources only). */
    replaceReasons?: string[];
    /** Input changes of a replaced or updated resource; empty for one added or removed. */
    changes: PropertyChange[];
}

export interface StackDiff {
    stack: string;
    status: "added" | "removed" | "changed";
    added: ResourceChange[];
    removed: ResourceChange[];
    replaced: ResourceChange[];
    updated: ResourceChange[];
    /** The stack's exports: what later stacks read through StackReferences. */
    outputs: PropertyChange[];
}

export interface PlanDiff {
    base: PlanSide;
    head: PlanSide;
    /** Stacks with any change, in the head's deployment order, removed stacks last. */
    stacks: StackDiff[];
    findings: { new: PolicyFinding[]; fixed: PolicyFinding[] };
    failover: FailoverDiff;
}

export interface PlanSide {
    root: string;
    stacks: number;
    resources: number;
}

export interface RegionCatalogs {
    /** Each plan's region catalog; the failover comparison is skipped, saying why, when one is missing. */
    base?: RegionCatalog;
    head?: RegionCatalog;
}

/**
 * Why a resource under the same URN would be replaced: its physical identity changes. A resource
 * keeps its region, provider (account) and imported id for life, and cannot be renamed in place:
 * a new physical name (the inputs the offline cloud names resources by) or ARN is a new resource.
 */
function replaceReasons(before: PlannedResource, after: PlannedResource): string[] {
    const reasons: string[] = [];
    if (before.region !== after.region) reasons.push(`region ${before.region ?? "-"} → ${after.region ?? "-"}`);
    if (before.provider !== after.provider) reasons.push("provider changed");
    if (before.importId !== after.importId) reasons.push("import id changed");
    for (const key of PHYSICAL_NAME_INPUTS) {
        if (before.inputs[key] !== undefined && after.inputs[key] !== undefined && before.inputs[key] !== after.inputs[key]) reasons.push(`${key} changed`);
    }
    const arn = (resource: PlannedResource) => resource.outputs.arn;
    if (reasons.length === 0 && typeof arn(before) === "string" && arn(before) !== arn(after)) reasons.push("ARN changed");
    return reasons;
}

const secretsOf = (...resources: Array<PlannedResource | undefined>) => resources.flatMap((resource) => resource?.secretInputs ?? []);

/** An added or removed resource: named, its inputs left to the plan that has it. */
const whole = (resource: PlannedResource): ResourceChange => ({ urn: resource.urn, type: resource.type, changes: [] });

function stackDiff(base: PlannedStack | undefined, head: PlannedStack | undefined): StackDiff | undefined {
    const name = (head ?? base)!.name;
    const before = new Map((base?.resources ?? []).map((resource) => [resource.urn, resource]));
    const after = new Map((head?.resources ?? []).map((resource) => [resource.urn, resource]));
    const diff: StackDiff = {
        stack: name,
        status: !base ? "added" : !head ? "removed" : "changed",
        added: [...after.values()].filter((resource) => !before.has(resource.urn)).map(whole),
        removed: [...before.values()].filter((resource) => !after.has(resource.urn)).map(whole),
        replaced: [],
        updated: [],
        outputs: base && head ? propertyDiff(base.outputs, head.outputs) : [],
    };
    for (const [urn, was] of before) {
        const now = after.get(urn);
        if (!now) continue;
        const reasons = replaceReasons(was, now);
        const changes = propertyDiff(was.inputs, now.inputs, secretsOf(was, now));
        if (reasons.length > 0) diff.replaced.push({ urn, type: now.type, replaceReasons: reasons, changes });
        else if (changes.length > 0) diff.updated.push({ urn, type: now.type, changes });
    }
    const changed = diff.added.length + diff.removed.length + diff.replaced.length + diff.updated.length + diff.outputs.length;
    return diff.status !== "changed" || changed > 0 ? diff : undefined;
}

const findingKey = (finding: PolicyFinding) => JSON.stringify([finding.policy, finding.level, finding.stack, finding.urn ?? "", finding.message]);

function findingsDiff(base: readonly PolicyFinding[], head: readonly PolicyFinding[]): PlanDiff["findings"] {
    const before = new Set(base.map(findingKey));
    const after = new Set(head.map(findingKey));
    return { new: head.filter((finding) => !before.has(findingKey(finding))), fixed: base.filter((finding) => !after.has(findingKey(finding))) };
}

const side = (plan: PlanDocument): PlanSide => ({
    root: plan.root,
    stacks: plan.stacks.length,
    resources: plan.stacks.reduce((sum, stack) => sum + stack.resources.length, 0),
});

export function diffPlans(base: PlanDocument, head: PlanDocument, regions: RegionCatalogs = {}): PlanDiff {
    const baseStacks = new Map(base.stacks.map((stack) => [stack.name, stack]));
    const headNames = new Set(head.stacks.map((stack) => stack.name));
    const stacks = [
        ...head.stacks.map((stack) => stackDiff(baseStacks.get(stack.name), stack)),
        ...base.stacks.filter((stack) => !headNames.has(stack.name)).map((stack) => stackDiff(stack, undefined)),
    ].filter((diff): diff is StackDiff => diff !== undefined);
    return {
        base: side(base),
        head: side(head),
        stacks,
        findings: findingsDiff(base.policy.findings, head.policy.findings),
        failover: failoverDiff(base, head, regions.base, regions.head),
    };
}

/** Counts for the summary: stacks and resources by kind of change. */
export function diffCounts(diff: PlanDiff) {
    const count = (pick: (stack: StackDiff) => number) => diff.stacks.reduce((sum, stack) => sum + pick(stack), 0);
    return {
        stacksAdded: diff.stacks.filter((stack) => stack.status === "added").length,
        stacksRemoved: diff.stacks.filter((stack) => stack.status === "removed").length,
        stacksChanged: diff.stacks.filter((stack) => stack.status === "changed").length,
        resourcesAdded: count((stack) => stack.added.length),
        resourcesRemoved: count((stack) => stack.removed.length),
        resourcesReplaced: count((stack) => stack.replaced.length),
        resourcesUpdated: count((stack) => stack.updated.length),
        findingsNew: diff.findings.new.length,
        findingsFixed: diff.findings.fixed.length,
        failoverChanges: "skipped" in diff.failover ? 0 : diff.failover.answers.length + diff.failover.detection.length + diff.failover.endpoints.length,
    };
}

export function hasChanges(diff: PlanDiff): boolean {
    return Object.values(diffCounts(diff)).some((count) => count > 0);
}
