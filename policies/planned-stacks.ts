import type { PlannedStack } from "../stacks/plan-document";
import type { NormalisedStack } from "./normalised-stack";

/** The offline plan's stacks in the evaluator's shape, each with the fleet context its rules need. */
export function fromPlannedStacks(stacks: readonly PlannedStack[]): NormalisedStack[] {
    const regionsOf = (stack: PlannedStack): string[] =>
        stack.subsystem === undefined
            ? []
            : [...new Set(stacks.filter((other) => other.kind === "subsystem" && other.subsystem === stack.subsystem && other.account === stack.account).map((other) => other.region))].sort();
    return stacks.map((stack) => ({
        name: stack.name,
        context: {
            kind: stack.kind,
            account: stack.account,
            accountId: stack.accountId,
            region: stack.region,
            subsystem: stack.subsystem,
            environment: stack.environment,
            dependsOn: stack.dependsOn,
            subsystemRegions: regionsOf(stack),
        },
        resources: stack.resources.map((resource) => ({
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            props: resource.inputs,
            outputs: resource.outputs,
            parent: resource.parent,
            provider: resource.provider,
            opts: { protect: resource.protect, retainOnDelete: resource.retainOnDelete },
            dependencies: resource.dependencies,
        })),
    }));
}
