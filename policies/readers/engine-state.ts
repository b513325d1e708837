import { NormalisedResource, parseUrn, providerUrnOf } from "../normalised-stack";

/**
 * A resource as the Pulumi engine writes it in checkpoints and preview steps: the shape shared by
 * `pulumi stack export` resources and `pulumi preview --json` step states.
 */
export interface EngineResourceState {
    urn: string;
    type: string;
    custom?: boolean;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    provider?: string;
    protect?: boolean;
    retainOnDelete?: boolean;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export function isEngineResourceState(value: unknown): value is EngineResourceState {
    const record = value as Record<string, unknown> | null;
    return typeof record === "object" && record !== null && typeof record.urn === "string" && typeof record.type === "string";
}

/** The engine's bookkeeping keys (`__defaults`, `__meta`) are not resource properties. */
function withoutEngineKeys(props: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    if (!props) return undefined;
    return Object.fromEntries(Object.entries(props).filter(([key]) => !key.startsWith("__")));
}

export function fromEngineState(state: EngineResourceState): NormalisedResource {
    return {
        urn: state.urn,
        type: state.type,
        name: parseUrn(state.urn).name,
        props: withoutEngineKeys(state.inputs) ?? {},
        outputs: withoutEngineKeys(state.outputs),
        parent: state.parent,
        provider: providerUrnOf(state.provider),
        opts: { protect: state.protect === true, retainOnDelete: state.retainOnDelete },
        dependencies: state.dependencies,
        propertyDependencies: state.propertyDependencies,
    };
}

/** Groups resources by the stack named in their URNs (a file normally holds one stack). */
export function groupByStack(resources: readonly NormalisedResource[]): Array<{ name: string; resources: NormalisedResource[] }> {
    const stacks = new Map<string, NormalisedResource[]>();
    for (const resource of resources) {
        const name = parseUrn(resource.urn).stack;
        const list = stacks.get(name);
        if (list) list.push(resource);
        else stacks.set(name, [resource]);
    }
    return [...stacks].map(([name, list]) => ({ name, resources: list }));
}
