import type { PlannedResource } from "../../lib/contracts/plan-document";
import type { StackSpec } from "../../lib/contracts/stack-spec";
import { OfflineCloud, OfflineCloudContext } from "./offline-cloud";
import { PlanMonitor, RecordedResource, STACK_TYPE } from "./plan-monitor";
import type { RenderedStack } from "../policy-context";
import { StackRenderError } from "./render-error";
import { runtimeConfig, runtimeSettings, runtimeStack, withFreshRuntimeStore, withoutSdkDiagnostics } from "./pulumi-internals";

/**
 * Renders one stack: runs its real program against the offline cloud inside a fresh runtime store,
 * so config, resources and outputs of one stack never reach another (one stack at a time per
 * thread: pulumi-internals.ts withFreshRuntimeStore).
 */

export type StackProgram = () => Promise<Record<string, unknown> | undefined>;

export interface RenderRequest {
    spec: StackSpec;
    project: string;
    /** The stack's config as `meridian stacks sync` writes it. */
    config: Record<string, unknown>;
    program: StackProgram;
    cloud: Omit<OfflineCloudContext, "stack" | "project" | "region" | "references">;
    /** Render as a first `pulumi preview` of the stack sees it: no ids, computed outputs unknown. */
    preview?: boolean;
}

const AWS_PROVIDER_VERSION: string = (require("@pulumi/aws/package.json") as { version: string }).version;

export async function renderStack(request: RenderRequest): Promise<RenderedStack> {
    const { spec, project } = request;
    const failures: string[] = [];
    const onRejection = (reason: unknown) => failures.push(describe(reason));
    process.on("unhandledRejection", onRejection);
    // The SDK records a stack trace for every resource and promise. Under ts-node each trace is
    // source-mapped frame by frame, which dominated planning time; V8's plain formatting is enough
    // for an offline plan, whose source positions nobody reads.
    const mappedStackTraces = Error.prepareStackTrace;
    const traceDepth = Error.stackTraceLimit;
    (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
    Error.stackTraceLimit = 0;
    try {
        return await withoutSdkDiagnostics(() =>
            withFreshRuntimeStore(async () => {
                const cloud = new OfflineCloud({ ...request.cloud, stack: spec.name, project, region: spec.region, references: spec.dependsOn });
                const monitor = new PlanMonitor(project, spec.name, cloud, request.preview);
                monitor.install(runtimeSettings.setMockOptions);
                runtimeConfig.setAllConfig(wireConfig(request.config), []);
                let outputs: Record<string, unknown> | undefined;
                try {
                    outputs = await runtimeStack.runInPulumiStack(request.program);
                    await runtimeSettings.waitForRPCs();
                } catch (error) {
                    failures.push(describe(error));
                }
                if (failures.length > 0) throw new StackRenderError(spec.name, failures);
                const defaultProvider = `urn:pulumi:${spec.name}::${project}::pulumi:providers:aws::default_${AWS_PROVIDER_VERSION.replace(/\./g, "_")}`;
                return {
                    name: spec.name,
                    wave: spec.wave,
                    kind: spec.kind,
                    account: spec.account,
                    accountId: request.cloud.accountId,
                    region: spec.region,
                    subsystem: spec.subsystem,
                    environment: spec.environment,
                    dependsOn: spec.dependsOn,
                    outputs: { ...monitor.stackOutputs, ...(outputs ?? {}) },
                    // Registration order depends on promise timing; URN order makes two plans of one catalog identical.
                    resources: monitor.resources.map((record) => plannedResource(record, cloud, defaultProvider)).sort(byStackThenUrn),
                };
            }),
        );
    } finally {
        Error.prepareStackTrace = mappedStackTraces;
        Error.stackTraceLimit = traceDepth;
        process.off("unhandledRejection", onRejection);
    }
}

function plannedResource(record: RecordedResource, cloud: OfflineCloud, defaultProvider: string): PlannedResource {
    const isAwsCustom = record.custom && record.type.startsWith("aws:");
    const resource: PlannedResource = {
        urn: record.urn,
        type: record.type,
        name: record.name,
        custom: record.custom,
        parent: record.parent,
        inputs: record.inputs,
        outputs: record.outputs,
        protect: record.protect,
        retainOnDelete: record.retainOnDelete,
        dependencies: record.dependencies,
    };
    if (isAwsCustom) {
        resource.provider = record.providerRef ? record.providerRef.slice(0, record.providerRef.lastIndexOf("::")) : defaultProvider;
        resource.region = cloud.regionOf(record.providerRef);
    }
    if (record.propertyDependencies) resource.propertyDependencies = record.propertyDependencies;
    if (record.importId) resource.importId = record.importId;
    if (record.secretInputs.length > 0) resource.secretInputs = record.secretInputs;
    if (record.customTimeouts) resource.customTimeouts = record.customTimeouts;
    if (record.remote) resource.remote = true;
    return resource;
}

function byStackThenUrn(a: PlannedResource, b: PlannedResource): number {
    const stackFirst = Number(b.type === STACK_TYPE) - Number(a.type === STACK_TYPE);
    return stackFirst || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);
}

/** Pulumi hands config to programs as strings; structured values travel as JSON. */
function wireConfig(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
}

function describe(error: unknown): string {
    if (error instanceof Error) return error.message.trim().split("\n")[0] || error.name;
    return String(error);
}
