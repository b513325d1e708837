import type { PolicyConfigSchema } from "@pulumi/policy";
import type { NormalisedResource, NormalisedStack } from "../normalised-stack";

/**
 * Fleet rules look across stacks, which CrossGuard cannot: `meridian plan` runs them over every
 * planned stack. They carry the same metadata as pack rules and take the same config.
 */
export type FleetReport = (message: string, stack: string, urn?: string) => void;

/** What a fleet rule returns when the fleet holds nothing it checks; its scenario tables tell this from a pass. */
export interface FleetNotApplicable {
    notApplicable: string;
}

export interface FleetRule {
    name: string;
    description: string;
    remediationSteps: string;
    enforcementLevel: "advisory" | "mandatory";
    configSchema: PolicyConfigSchema;
    validateFleet: (stacks: readonly NormalisedStack[], config: Record<string, unknown>, report: FleetReport) => void | FleetNotApplicable;
}

/** One subsystem in one account (environment), with its stack per region. */
export interface SubsystemDeployment {
    subsystem: string;
    account: string;
    stacks: NormalisedStack[];
}

export function subsystemDeployments(stacks: readonly NormalisedStack[]): SubsystemDeployment[] {
    const groups = new Map<string, SubsystemDeployment>();
    for (const stack of stacks) {
        const context = stack.facts;
        if (context?.kind !== "subsystem" || !context.subsystem || !context.account) continue;
        const key = `${context.subsystem}\u0000${context.account}`;
        const group = groups.get(key) ?? { subsystem: context.subsystem, account: context.account, stacks: [] };
        group.stacks.push(stack);
        groups.set(key, group);
    }
    return [...groups.values()];
}

export function resourcesOfType(stack: NormalisedStack, type: string): NormalisedResource[] {
    return stack.resources.filter((resource) => resource.type === type);
}

/** What stack validations see (outputs with inputs laid over them), as the evaluator gives it. */
export function stateOf(resource: NormalisedResource): Record<string, unknown> {
    return { ...resource.outputs, ...resource.props };
}

export function tagsOf(resource: NormalisedResource): Record<string, unknown> {
    const tags = stateOf(resource).tags;
    return typeof tags === "object" && tags !== null ? (tags as Record<string, unknown>) : {};
}

export function latencyRecordRegion(resource: NormalisedResource): string | undefined {
    const policies = stateOf(resource).latencyRoutingPolicies;
    const region = Array.isArray(policies) ? (policies[0] as Record<string, unknown> | undefined)?.region : undefined;
    return typeof region === "string" ? region : undefined;
}
