import { loadCatalog } from "./catalog";
import { PULUMI_PROJECT } from "../lib/contracts/naming";
import type { Catalog } from "./catalog-types";
import { PLAN_SCHEMA_VERSION, PlanDocument, PlannedStack } from "../lib/contracts/plan-document";
import type { StackProgram } from "./offline/render-stack";
import { FleetPolicySettings, RenderedStack, withPolicyContexts } from "./policy-context";
import type { RenderJob, RenderResult } from "./offline/render-result";
import type { RendererReport, StackRenderer } from "./offline/stack-renderer";
import { renderWorkerScript, workerPool } from "./offline/worker-pool";
import type { RenderCache } from "./offline/render-cache";
import { providerIdentity, stackConfig } from "./stack-config";
import { assessDeployability, KeptAssessment, KeptAssessments, ProviderIdentity } from "../policies/deploy/deployability";
import { SourceGraph } from "./offline/code-fingerprint";
import { loadActionCatalog } from "../policies/iam/action-catalog";
import { rememberRenderedText } from "./plan-text";
import { listStacks, ORGANIZATION_STACK } from "./stack-list";
import type { StackSpec } from "../lib/contracts/stack-spec";
import { selectStacks } from "./stack-patterns";

/** The code a deployability record is derived by; a change to it assesses every stack afresh. */
const DEPLOYABILITY_SOURCE = "policies/deploy/deployability.ts";

export interface PlanProgress {
    stack: string;
    index: number;
    total: number;
    resources: number;
    milliseconds: number;
    /** True when the stack came from the plan cache instead of being rendered. */
    reused: boolean;
}

export interface PlanOptions {
    root: string;
    /** Glob patterns over stack names (`orders-*`, `*.eu-west-1`); all stacks when empty. */
    stackPatterns?: string[];
    onStackRendered?: (progress: PlanProgress) => void;
    /** The program to run for each stack; the real stack program unless a test substitutes one (renders in this thread). */
    programFor?: (catalog: Catalog, spec: StackSpec) => StackProgram;
    /** Worker threads to render in; 1 (the default) renders in this thread. */
    jobs?: number;
    /** Earlier renders to reuse where nothing they depend on changed (see offline/render-cache.ts); ignored with `programFor`. */
    cache?: RenderCache;
}

/** How a plan was made: what was rendered and reused, and what each thread did. */
export interface PlanRun {
    rendered: number;
    reused: number;
    threads: RendererReport[];
    /** Each stack's digest (sha256 of its rendered JSON), for work memoised on what a stack is. */
    stackDigests: Record<string, string>;
    /** Stacks whose deployability was assessed this time; the others kept their record from the cache. */
    deployabilityReassessed: number;
}

/**
 * The offline plan: renders every selected stack (and the stacks it reads from) with the real
 * stack programs under the offline cloud, one isolated run per stack. A stack starts once every
 * stack it depends on is done, so independent stacks render at once on `jobs` workers; the plan
 * lists stacks in deployment order whatever order they finished in. Policy evaluation is layered
 * on top by `planWithPolicy` in cli/plan-with-policy.ts.
 */
export async function planFleet(options: PlanOptions): Promise<PlanDocument> {
    return planCatalog(loadCatalog(options.root), options);
}

/** The offline plan of a catalog already loaded, for callers that read it first for other reasons. */
export async function planCatalog(catalog: Catalog, options: Omit<PlanOptions, "root">): Promise<PlanDocument> {
    return (await planCatalogRun(catalog, options)).plan;
}

export async function planCatalogRun(catalog: Catalog, options: Omit<PlanOptions, "root">): Promise<{ plan: PlanDocument; run: PlanRun }> {
    const specs = listStacks(catalog);
    const selected = selectStacks(specs, options.stackPatterns ?? []);
    const toRender = withDependencies(specs, selected);
    // The deployability check reads the IAM reference; it loads here while the workers render.
    const iamReference = loadActionCatalog();
    const rendered = new Map<string, RenderedStack>();
    const texts = new Map<string, string>();
    const providers = new Map<string, ProviderIdentity>();
    const run: PlanRun = { rendered: 0, reused: 0, threads: [], stackDigests: {}, deployabilityReassessed: 0 };
    const jobs = Math.max(1, Math.min(options.jobs ?? 1, toRender.length));
    // Cached renders were made by the real stack programs; a substitute program renders afresh.
    const cache = options.programFor ? undefined : options.cache;
    const renderer: StackRenderer =
        options.programFor || jobs === 1
            ? renderInThisThread(catalog, options.programFor)
            : workerPool(catalog, jobs, await renderWorkerScript(), { startAll: !cache?.hasEntries() });
    const dependencies = dependencyClosures(toRender);
    try {
        await renderInDependencyOrder(toRender, {
            renderer,
            cache,
            jobFor: (spec) => {
                const job = renderJobFor(catalog, spec, dependencies.get(spec.name)!, rendered);
                providers.set(spec.name, providerIdentity(catalog, spec, job.accountId));
                return job;
            },
            onDone: (spec, { stack, text, digest }, progress) => {
                rendered.set(spec.name, stack);
                // A text just rendered goes to its cache entry and is read back when the plan is written, so a
                // large first plan does not hold every text; a reused one was read from its entry already, and stays.
                if (!cache || progress.reused) texts.set(spec.name, text);
                run.stackDigests[spec.name] = digest;
                if (progress.reused) run.reused += 1;
                else run.rendered += 1;
                options.onStackRendered?.({ ...progress, index: rendered.size, total: toRender.length });
            },
        });
    } finally {
        run.threads = await renderer.close();
    }
    cache?.prune(specs.map((spec) => spec.name));
    const ordered = toRender.map((spec) => rendered.get(spec.name)!);
    const planned = withPolicyContexts(ordered, fleetPolicySettings(catalog));
    await iamReference;
    // Every rendered stack supplies roles and SCPs; only the selected ones are assessed and kept.
    const code = cache ? new SourceGraph().digestOf([DEPLOYABILITY_SOURCE]) : "";
    const kept: KeptAssessments | undefined = cache && {
        digestOf: (stack) => run.stackDigests[stack.name],
        earlier: cache.earlierRecords<KeptAssessment>("deployability", code),
        now: {},
        reassessed: 0,
    };
    const deployability = assessDeployability(planned, {
        providerOf: (stack) => providers.get(stack.name) as ProviderIdentity,
        assess: (stack) => selected.has(stack.name),
        kept,
    });
    if (cache && kept) cache.keepRecords("deployability", code, kept.now);
    run.deployabilityReassessed = kept ? kept.reassessed : deployability.size;
    const plan: PlanDocument = {
        schemaVersion: PLAN_SCHEMA_VERSION,
        project: PULUMI_PROJECT,
        root: catalog.root,
        stacks: planned
            .filter((stack) => selected.has(stack.name))
            .map((stack) => {
                const withRecord = { ...stack, deployability: deployability.get(stack.name) };
                // plan.json splices this stack's context and record into the text it was rendered as.
                rememberRenderedText(withRecord, texts.get(stack.name) ?? (() => cache!.textOf(stack.name)));
                return withRecord;
            }),
        policy: { findings: [], mandatory: 0, advisory: 0 },
    };
    return { plan, run };
}

function renderInThisThread(catalog: Catalog, programFor: PlanOptions["programFor"]): StackRenderer {
    // Required lazily: rendering here loads @pulumi/pulumi into this thread, which a plan on workers leaves out.
    const { inProcessRenderer } = require("./offline/in-process-renderer") as typeof import("./offline/in-process-renderer");
    const { defaultProgramFor } = require("./offline/render-job") as typeof import("./offline/render-job");
    return inProcessRenderer(catalog, programFor ?? defaultProgramFor);
}

export interface Scheduling {
    renderer: StackRenderer;
    cache?: RenderCache;
    jobFor(spec: StackSpec): RenderJob;
    onDone(spec: StackSpec, done: Pick<RenderResult, "stack" | "text" | "digest">, progress: Omit<PlanProgress, "index" | "total">): void;
}

/**
 * Starts each stack as soon as the stacks it depends on are done: from the cache when nothing it
 * depends on changed, else on the renderer. After a failure nothing new starts; the failure of the
 * earliest stack in deployment order is the one reported, as a one-thread plan would report it.
 */
export async function renderInDependencyOrder(specs: readonly StackSpec[], scheduling: Scheduling): Promise<void> {
    const done = new Set<string>();
    const started = new Set<string>();
    const failures = new Map<string, unknown>();
    const inFlight = new Set<Promise<void>>();
    const planned = new Set(specs.map((spec) => spec.name));
    const ready = (spec: StackSpec) => !started.has(spec.name) && spec.dependsOn.every((name) => done.has(name) || !planned.has(name));
    const start = (spec: StackSpec) => {
        started.add(spec.name);
        const job = scheduling.jobFor(spec);
        const cached = scheduling.cache?.reuse(job);
        if (cached) {
            done.add(spec.name);
            scheduling.onDone(spec, cached, { stack: spec.name, resources: cached.stack.resources.length, milliseconds: 0, reused: true });
            return;
        }
        const task = scheduling.renderer.render(job).then(
            (result) => {
                scheduling.cache?.remember(job, result);
                done.add(spec.name);
                scheduling.onDone(spec, result, {
                    stack: spec.name,
                    resources: result.stack.resources.length,
                    milliseconds: result.milliseconds,
                    reused: false,
                });
            },
            (error: unknown) => void failures.set(spec.name, error),
        );
        inFlight.add(task);
        void task.finally(() => inFlight.delete(task));
    };
    for (;;) {
        if (failures.size === 0) {
            // Starting from the cache finishes a stack at once and may make others ready: repeat until none is.
            for (let next = specs.find(ready); next && failures.size === 0; next = specs.find(ready)) start(next);
        }
        if (inFlight.size === 0) break;
        await Promise.race(inFlight);
    }
    const first = specs.find((spec) => failures.has(spec.name));
    if (first) throw failures.get(first.name);
}

/** What rendering `spec` needs beyond the catalog: its config, its account and the outputs of every stack it depends on. */
function renderJobFor(catalog: Catalog, spec: StackSpec, dependencies: readonly string[], rendered: ReadonlyMap<string, RenderedStack>): RenderJob {
    const dependencyOutputs: Record<string, Record<string, unknown>> = {};
    for (const name of dependencies) dependencyOutputs[name] = rendered.get(name)!.outputs;
    return {
        spec,
        project: PULUMI_PROJECT,
        config: stackConfig(catalog, spec),
        accountId: spec.accountId ?? plannedAccountId(dependencyOutputs, spec),
        managementAccountId: catalog.organization.managementAccount.id,
        partition: "aws",
        dependencyOutputs,
    };
}

/** For each stack, every stack it depends on, directly or through another, in deployment order. */
function dependencyClosures(specs: readonly StackSpec[]): Map<string, string[]> {
    const position = new Map(specs.map((spec, index) => [spec.name, index]));
    const closures = new Map<string, string[]>();
    // Deployment order puts every stack after its dependencies, so theirs are known when it comes.
    for (const spec of specs) {
        const needed = new Set<string>();
        for (const dependency of spec.dependsOn) {
            if (!closures.has(dependency)) continue;
            needed.add(dependency);
            closures.get(dependency)!.forEach((name) => needed.add(name));
        }
        closures.set(
            spec.name,
            [...needed].sort((a, b) => position.get(a)! - position.get(b)!),
        );
    }
    return closures;
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
    // Required lazily, as in renderInThisThread: rendering loads @pulumi/pulumi into this thread.
    const { renderStack } = require("./offline/render-stack") as typeof import("./offline/render-stack");
    const { defaultProgramFor } = require("./offline/render-job") as typeof import("./offline/render-job");
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
function plannedAccountId(dependencyOutputs: Record<string, Record<string, unknown>>, spec: StackSpec): string {
    const accountIds = dependencyOutputs[ORGANIZATION_STACK]?.accountIds as Record<string, unknown> | undefined;
    const id = accountIds?.[spec.account];
    if (typeof id !== "string") {
        throw new Error(`stack ${spec.name}: account ${spec.account} has no id in the catalog and the organization stack did not output one`);
    }
    return id;
}
