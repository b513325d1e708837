import type { PolicyContext } from "./policy-context";
import type { StackSpec } from "./stack-spec";

/**
 * `plan.json`, the offline plan's output. Versioned: readers must check `schemaVersion`, and any
 * change that removes or re-types a field bumps it. Documented in the README ("plan.json").
 */
export const PLAN_SCHEMA_VERSION = 1;

export interface PlannedResource {
    /** Engine-style URN: `urn:pulumi:<stack>::<project>::<parent-type$>...<type>::<name>`. */
    urn: string;
    /** Pulumi type token, e.g. `aws:iam/role:Role` or `meridian:health:RegionalHealthCheck`. */
    type: string;
    /** Logical name as given to the resource constructor. */
    name: string;
    /** True for provider-managed resources, false for component resources. */
    custom: boolean;
    /** URN of the parent resource; the stack resource for top-level resources. */
    parent?: string;
    /** URN of the explicit or default provider that manages it (custom resources only). */
    provider?: string;
    /** AWS region of its provider (custom resources only). */
    region?: string;
    /** Inputs as the engine would see them: outputs of other resources resolved, secrets unwrapped. */
    inputs: Record<string, unknown>;
    /** Paths of the inputs that are secret (`password`, `tags.token`), so that readers can mask them; absent when none is. */
    secretInputs?: string[];
    /** Outputs the mocks answered with (inputs plus computed id/arn/name). */
    outputs: Record<string, unknown>;
    protect: boolean;
    retainOnDelete: boolean;
    /** Set when the resource is adopted with the `import` option. */
    importId?: string;
    /** URNs this resource depends on (explicit dependsOn plus input dependencies). */
    dependencies: string[];
    /** The `customTimeouts` option, where the program bounds the provider's wait (Pulumi durations: `30m`). */
    customTimeouts?: { create?: string; update?: string; delete?: string };
    /** A multi-language (remote) component, such as awsx's: the plan cannot see its children. */
    remote?: boolean;
}

export interface PolicyFinding {
    policy: string;
    level: "advisory" | "mandatory";
    stack: string;
    urn?: string;
    message: string;
    remediation?: string;
}

/** A rendered stack: its spec (see stack-spec.ts) plus what the program exported and registered. */
export interface PlannedStack extends StackSpec {
    /** The stack's exports, as later waves read them through StackReferences. */
    outputs: Record<string, unknown>;
    resources: PlannedResource[];
    /** What the policy rules may know about the stack beyond its resources (see policy-context.ts). */
    policyContext: PolicyContext;
}

export interface PlanDocument {
    schemaVersion: typeof PLAN_SCHEMA_VERSION;
    project: string;
    /** Absolute path of the catalog tree that was planned. */
    root: string;
    stacks: PlannedStack[];
    policy: {
        findings: PolicyFinding[];
        mandatory: number;
        advisory: number;
    };
}
