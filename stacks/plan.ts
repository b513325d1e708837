import { loadCatalog } from "./catalog";
import { PULUMI_PROJECT } from "../lib/contracts/naming";
import type { Catalog } from "./catalog-types";
import { PLAN_SCHEMA_VERSION, PlanDocument, PlannedStack } from "../lib/contracts/plan-document";
import { renderStack, StackProgram } from "./offline/render-stack";
import { FleetPolicySettings, RenderedStack, withPolicyContexts } from "./policy-context";
import { providerIdentity, stackConfig } from "./stack-config";
import { assessDeployability, ProviderIdentity } from "../policies/deploy/deployability";
import { listStacks, ORGANIZATION_STACK } from "./stack-list";
import type { StackSpec } from "../lib/contracts/stack-spec";
import { selectStacks } from "./stack-patterns";

export interface PlanProgress {
    stack: string;
    index: number;
    total: number;
    resources: number;
    milliseconds: number;
}

export interface PlanOptions {
    root: string;
    /** Glob patterns over stack names (`orders-*`, `*.eu-west-1`); all stacks when empty. */
    stackPatterns?: string[];
    onStackRendered?: (progress: PlanProgress) => void;
    /** The program to run for each stack; the real stack program unless a test substitutes one. */
    programFor?: (catalog: Catalog, spec: StackSpec) => StackProgram;
}

/**
 * The offline plan: renders every selected stack (and the stacks it reads from) with the real
 * stack programs under the offline cloud, one isolated run per stack, in deployment order.
 * Policy evaluation is layered on top by `planWithPolicy` in cli/plan-with-policy.ts.
 */
export async function planFleet(options: PlanOptions): Promise<PlanDocument> {
    return planCatalog(loadCatalog(options.root), options);
}

/** The offline plan of a catalog already loaded, for callers that read it first for other reasons. */
export async function planCatalog(catalog: Catalog, options: Omit<PlanOptions, "root">): Promise<PlanDocument> {
    const specs = listStacks(catalog);
    const selected = selectStacks(specs, options.stackPatterns ?? []);
    const toRender = withDependencies(specs, selected);
    const programFor = options.programFor ?? defaultProgramFor;
    const renderedOutputs = new Map<string, Record<string, unknown>>();
    const rendered: RenderedStack[] = [];
    const providers = new Map<string, ProviderIdentity>();
    let index = 0;
    for (const spec of toRender) {
        const started = Date.now();
        const accountId = spec.accountId ?? plannedAccountId(renderedOutputs, spec);
        providers.set(spec.name, providerIdentity(catalog, spec, accountId));
        const stack = await renderStack({
            spec,
            project: PULUMI_PROJECT,
            config: stackConfig(catalog, spec),
            program: programFor(catalog, spec),
            cloud: {
                accountId,
                managementAccountId: catalog.organization.managementAccount.id,
                partition: "aws",
                renderedOutputs,
            },
        });
        renderedOutputs.set(spec.name, stack.outputs);
        rendered.push(stack);
        index += 1;
        options.onStackRendered?.({ stack: spec.name, index, total: toRender.length, resources: stack.resources.length, milliseconds: Date.now() - started });
    }
    const planned = withPolicyContexts(rendered, fleetPolicySettings(catalog));
    // Every rendered stack supplies roles and SCPs; only the selected ones are assessed and kept.
    const deployability = assessDeployability(planned, {
        providerOf: (stack) => providers.get(stack.name) as ProviderIdentity,
        assess: (stack) => selected.has(stack.name),
    });
    return {
        schemaVersion: PLAN_SCHEMA_VERSION,
        project: PULUMI_PROJECT,
        root: catalog.root,
        stacks: planned.filter((stack) => selected.has(stack.name)).map((stack) => ({ ...stack, deployability: deployability.get(stack.name) })),
        policy: { findings: [], mandatory: 0, advisory: 0 },
    };
}

/**
 * The stacks of a plan rendered as their first `pulumi preview` sees them: each stack's own
 * resources new (no ids, computed outputs unknown, values derived from them unknown), the stacks
 * it reads from already deployed as planned (StackReferences answer with the plan's outputs). Each
 * keeps the policy context the plan recorded.
 */
export async function previewPlannedStacks(
    catalog: Catalog,
    plan: PlanDocument,
    options: Pick<PlanOptions, "programFor"> & { stackNames?: readonly string[] } = {},
): Promise<PlannedStack[]> {
    const specs = new Map(listStacks(catalog).map((spec) => [spec.name, spec]));
    const renderedOutputs = new Map(plan.stacks.map((stack) => [stack.name, stack.outputs]));
    const programFor = options.programFor ?? defaultProgramFor;
    const previewed: PlannedStack[] = [];
    for (const planned of plan.stacks.filter((stack) => !options.stackNames || options.stackNames.includes(stack.name))) {
        const spec = specs.get(planned.name);
        if (!spec) throw new Error(`stack ${planned.name} of the plan is not in the catalog`);
        const stack = await renderStack({
            spec,
            project: PULUMI_PROJECT,
            config: stackConfig(catalog, spec),
            program: programFor(catalog, spec),
            cloud: { accountId: planned.accountId ?? "", managementAccountId: catalog.organization.managementAccount.id, partition: "aws", renderedOutputs },
            preview: true,
        });
        previewed.push({ ...stack, policyContext: planned.policyContext });
    }
    return previewed;
}

export function fleetPolicySettings(catalog: Catalog): FleetPolicySettings {
    return {
        failoverTargetSeconds: catalog.regions.failoverTargetSeconds,
        regionsOf: (subsystem) => catalog.subsystems.subsystems.find((candidate) => candidate.name === subsystem)?.regions ?? [],
        stateBucket: catalog.subsystems.pipeline.stateBucket,
    };
}

function defaultProgramFor(catalog: Catalog): StackProgram {
    // Required lazily: the stack program pulls in @pulumi/aws, which `meridian stacks` does not need.
    const { runStackProgram } = require("./program") as typeof import("./program");
    return () => runStackProgram(catalog);
}

/** The selected stacks plus every stack they read from, in deployment order. */
function withDependencies(specs: readonly StackSpec[], selected: ReadonlySet<string>): StackSpec[] {
    const byName = new Map(specs.map((spec) => [spec.name, spec]));
    const needed = new Set<string>();
    const visit = (name: string) => {
        if (needed.has(name)) return;
        needed.add(name);
        byName.get(name)?.dependsOn.forEach(visit);
    };
    selected.forEach(visit);
    return specs.filter((spec) => needed.has(spec.name));
}

/** An account still to be created has the id the organization stack's plan gave it. */
function plannedAccountId(renderedOutputs: ReadonlyMap<string, Record<string, unknown>>, spec: StackSpec): string {
    const accountIds = renderedOutputs.get(ORGANIZATION_STACK)?.accountIds as Record<string, unknown> | undefined;
    const id = accountIds?.[spec.account];
    if (typeof id !== "string") {
        throw new Error(`stack ${spec.name}: account ${spec.account} has no id in the catalog and the organization stack did not output one`);
    }
    return id;
}
