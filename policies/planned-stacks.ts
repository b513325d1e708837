import type { PlannedStack } from "../lib/contracts/plan-document";
import type { NormalisedStack } from "./normalised-stack";

/** The offline plan's stacks in the evaluator's shape, with the facts and the policy context the plan recorded. */
export function fromPlannedStacks(stacks: readonly PlannedStack[]): NormalisedStack[] {
    return stacks.map((stack) => ({
        name: stack.name,
        facts: {
            kind: stack.kind,
            account: stack.account,
            region: stack.region,
            subsystem: stack.subsystem,
            environment: stack.environment,
            dependsOn: stack.dependsOn,
        },
        context: stack.policyContext,
        deployability: stack.deployability,
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
            propertyDependencies: resource.propertyDependencies,
        })),
    }));
}
