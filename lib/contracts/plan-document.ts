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
    /** Input property → URNs its value came from. Recorded by a preview-mode render, where such values are unknown. */
    propertyDependencies?: Record<string, string[]>;
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
    /** Whether the stack's deploying principal may make every call its resources need (docs/design/deployability.md). */
    deployability?: Deployability;
}

/** A lifecycle operation of a resource, each a set of provider calls. */
export type LifecyclePhase = "create" | "read" | "update" | "delete";

/** One provider call the deploying principal would be refused. */
export interface DeniedCall {
    /** The resource whose call it is (a remote component's child: the component's URN with the child's type and name). */
    urn: string;
    /** When the provider makes the call: while creating, reading, updating or deleting the resource. */
    phase: LifecyclePhase;
    /** The IAM action, as the service authorization reference spells it: `kms:CreateKey`. */
    action: string;
    /** The ARN the call is authorised against; `*` for actions that take no resource. */
    resource: string;
    /** The identity that makes the call: the last role of its provider's assume-role chain. */
    principal: string;
    /** The document whose explicit Deny refused the call; absent when nothing allowed it. */
    deniedBy?: string;
    /** Which check refused it, as a sentence: `explicit Deny in SCP protect-security-services (ProtectCloudTrail)`. */
    reason: string;
}

/** Whether a stack's deploying principals may make the provider's calls, as the planner checked it. */
export interface Deployability {
    /** The identity the stack's own provider acts as: the last role of its assume-role chain, or the account's own credentials. */
    principal: string;
    /** The provider's `aws:assumeRoles` chain, first hop first; empty for the ambient credentials. */
    chain: string[];
    /** Where its policies are known from: `planned in orders-prod.global`, `created by AWS Organizations with the account`. */
    origin: string;
    /** Number of authorisations checked: each call of each resource's lifecycle, once per ARN it is authorised against. */
    calls: number;
    /** Every call refused, with what refused it. */
    denied: DeniedCall[];
    /** Resource types with no row in the provider-call table, and calls whose ARN the plan cannot give: these are not checked. */
    unmodelled: string[];
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
