import type { PlannedStack } from "../lib/contracts/plan-document";
import type { NormalisedStack } from "./normalised-stack";

/** Every `aws:iam/policy:Policy` of the fleet, by account: ARN → document. */
function policyDocumentsByAccount(stacks: readonly PlannedStack[]): Map<string, Record<string, unknown>> {
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

/** The offline plan's stacks in the evaluator's shape, each with the fleet context its rules need. */
export function fromPlannedStacks(stacks: readonly PlannedStack[]): NormalisedStack[] {
    const policyDocuments = policyDocumentsByAccount(stacks);
    const regionsOf = (stack: PlannedStack): string[] =>
        stack.subsystem === undefined
            ? []
            : [
                  ...new Set(
                      stacks
                          .filter((other) => other.kind === "subsystem" && other.subsystem === stack.subsystem && other.account === stack.account)
                          .map((other) => other.region),
                  ),
              ].sort();
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
            accountPolicyDocuments: stack.accountId ? policyDocuments.get(stack.accountId) : undefined,
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
