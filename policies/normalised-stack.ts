import type { Deployability } from "../lib/contracts/plan-document";
import type { PolicyContext } from "../lib/contracts/policy-context";

/**
 * One stack's resources in the shape the in-process evaluator runs the pack over, whatever file
 * they came from (plan.json, `pulumi stack export`, `pulumi preview --json`).
 */
export interface NormalisedResource {
    urn: string;
    type: string;
    name: string;
    /** Inputs: what CrossGuard's resource validations see. */
    props: Record<string, unknown>;
    /** Outputs, when known: what CrossGuard's stack validations see. Inputs stand in when absent. */
    outputs?: Record<string, unknown>;
    /**
     * The source records no outputs for a resource the engine holds outputs for (a `pulumi preview
     * --json` step): every property beyond the inputs is unknown, as a computed output is unknown
     * to the analyzer during a preview, rather than absent.
     */
    outputsUnknown?: boolean;
    parent?: string;
    /** URN of the provider resource that manages it. */
    provider?: string;
    opts: { protect: boolean; retainOnDelete?: boolean };
    dependencies?: string[];
    /** Property name → URNs its value came from; lets the analysis link resources whose values are still unknown. */
    propertyDependencies?: Record<string, string[]>;
}

/** Where a stack sits in the fleet, as the plan records it; the fleet rules group stacks by these. */
export interface StackFacts {
    kind?: string;
    account?: string;
    region?: string;
    subsystem?: string;
    environment?: string;
    /** Stacks this one reads outputs from. */
    dependsOn?: string[];
}

export interface NormalisedStack {
    name: string;
    resources: NormalisedResource[];
    facts?: StackFacts;
    /** What the rules may know beyond the resources; each rule reads only the keys it declares. */
    context?: PolicyContext;
    /** The planner's verdict on whether the stack's deploying principal may make its calls (plan.json only). */
    deployability?: Deployability;
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → its parts; the type is the last `$`-separated segment. */
export function parseUrn(urn: string): { stack: string; project: string; type: string; name: string } {
    const parts = urn.split("::");
    const types = (parts[2] ?? "").split("$");
    return { stack: parts[0].replace(/^urn:pulumi:/, ""), project: parts[1] ?? "", type: types[types.length - 1], name: parts.slice(3).join("::") };
}

/** A provider reference is `<provider urn>::<provider id>`; the id is an unknown sentinel during preview. */
export function providerUrnOf(reference: string | undefined): string | undefined {
    if (!reference) return undefined;
    const cut = reference.lastIndexOf("::");
    return cut > 0 ? reference.slice(0, cut) : reference;
}
