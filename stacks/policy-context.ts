import type { PlannedStack } from "../lib/contracts/plan-document";
import type { PolicyContext } from "../lib/contracts/policy-context";

/** A stack as rendered, before the planner knows the rest of the fleet. */
export type RenderedStack = Omit<PlannedStack, "policyContext">;

/** What the fleet's catalog says that the rules' context needs. */
export interface FleetPolicySettings {
    failoverTargetSeconds: number;
    /** Every region a subsystem runs in. */
    regionsOf(subsystem: string): readonly string[];
    stateBucket: string;
}

/** Every `aws:iam/policy:Policy` the rendered stacks define, by account: ARN → document. */
function policyDocumentsByAccount(stacks: readonly RenderedStack[]): Map<string, Record<string, unknown>> {
    const byAccount = new Map<string, Record<string, unknown>>();
    for (const stack of stacks) {
        if (!stack.accountId) continue;
        const documents = byAccount.get(stack.accountId) ?? {};
        for (const resource of stack.resources) {
            const arn = resource.outputs.arn;
            if (resource.type === "aws:iam/policy:Policy" && typeof arn === "string" && resource.inputs.policy !== undefined)
                documents[arn] = resource.inputs.policy;
        }
        byAccount.set(stack.accountId, documents);
    }
    return byAccount;
}

/** The organisation's id and every account id, from the organization stack's exports and the stacks' own accounts. */
function organizationOf(stacks: readonly RenderedStack[]): Pick<PolicyContext, "organizationId" | "organizationAccountIds"> {
    const organization = stacks.find((stack) => stack.kind === "organization");
    if (!organization) return {};
    const members = Object.values((organization.outputs.accountIds ?? {}) as Record<string, string>);
    const known = stacks.flatMap((stack) => (stack.accountId ? [stack.accountId] : []));
    return {
        ...(typeof organization.outputs.organizationId === "string" ? { organizationId: organization.outputs.organizationId } : {}),
        organizationAccountIds: [...new Set([...members, ...known])].sort(),
    };
}

/**
 * The policy context of each stack, computed once by the planner and recorded in plan.json, so
 * that every runner of the pack reads the same values. Policy documents come from every stack
 * rendered (the stacks a `--stack` selection reads from included); regions from the catalog.
 */
export function withPolicyContexts(rendered: readonly RenderedStack[], fleet: FleetPolicySettings): PlannedStack[] {
    const documents = policyDocumentsByAccount(rendered);
    const organization = organizationOf(rendered);
    return rendered.map((stack) => {
        const context: PolicyContext = {
            failoverTargetSeconds: fleet.failoverTargetSeconds,
            stateBucket: fleet.stateBucket,
            ...organization,
        };
        if (stack.accountId) {
            context.accountId = stack.accountId;
            context.knownPolicyDocuments = documents.get(stack.accountId) ?? {};
        }
        if (stack.subsystem) context.subsystemRegions = [...fleet.regionsOf(stack.subsystem)].sort();
        return { ...stack, policyContext: context };
    });
}
