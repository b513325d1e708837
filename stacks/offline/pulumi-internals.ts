/**
 * The one place that reaches into @pulumi/pulumi's runtime internals. The offline plan needs what
 * the Automation API's inline host does: a fresh runtime store per stack, so that no config,
 * resource or output leaks between stacks rendered in one process. These modules are not part of
 * the SDK's public typings, so @pulumi/pulumi is pinned exactly in package.json and
 * tests/stacks/offline-plan.test.ts exercises every function used here.
 */
import type * as structProto from "google-protobuf/google/protobuf/struct_pb";

interface StateModule {
    LocalStore: new () => object;
    getLocalStore(): object | undefined;
    getStore(): {
        supportsSecrets: boolean;
        supportsResourceReferences: boolean;
        supportsOutputValues: boolean;
        supportsDeletedWith: boolean;
        supportsAliasSpecs: boolean;
        supportsTransforms: boolean;
        supportsParameterization: boolean;
    };
}
interface SettingsModule {
    setMockOptions(monitor: unknown, project?: string, stack?: string, preview?: boolean, organization?: string): void;
    waitForRPCs(): Promise<void>;
}
interface ConfigModule {
    setAllConfig(config: Record<string, string>, secretKeys?: string[]): void;
}
interface StackModule {
    runInPulumiStack(init: () => Promise<Record<string, unknown> | undefined>): Promise<Record<string, unknown> | undefined>;
}
interface RpcModule {
    serializeProperties(label: string, props: Record<string, unknown>): Promise<Record<string, unknown>>;
    deserializeProperties(struct: structProto.Struct, keepUnknowns?: boolean): Record<string, unknown>;
}
export interface ProtoMessage {
    setUrn(urn: string): void;
    setId(id: string): void;
    setObject(struct: structProto.Struct): void;
    setProperties(struct: structProto.Struct): void;
    setReturn(struct: structProto.Struct): void;
    setRef(ref: string): void;
}
interface ResourceProtoModule {
    RegisterResourceResponse: new () => ProtoMessage;
    ReadResourceResponse: new () => ProtoMessage;
    RegisterPackageResponse: new () => ProtoMessage;
}
interface ProviderProtoModule {
    InvokeResponse: new () => ProtoMessage;
}

interface DebuggableModule {
    debuggablePromise<T>(promise: Promise<T>, context: unknown): Promise<T>;
}
interface ResourceModule {
    Resource: { stackTrace(skip: number): unknown[] };
}

export const runtimeState = require("@pulumi/pulumi/runtime/state") as StateModule;
const runtimeDebuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
const resourceModule = require("@pulumi/pulumi/resource") as ResourceModule;

let rendering = false;

/**
 * Runs `body` with a fresh runtime store: the SDK's global one, which runtime/state.js getStore()
 * answers with whenever no async-local store is active. The Automation API's inline host gives
 * each program an async-local store instead (withLocalStorage), so that programs can run at once
 * in one process; entering one turns on Node's promise hooks for the whole thread, for good,
 * which measured about 15% of a render worker's CPU (docs/project/benchmarks.md). The offline
 * renderer runs one stack at a time per thread, so a fresh global store isolates stacks as
 * well; a second render started while one runs, or one started inside an async-local store
 * (whose store would win), is refused rather than allowed to share a store.
 */
export async function withFreshRuntimeStore<T>(body: () => Promise<T>): Promise<T> {
    if (rendering) throw new Error("a stack is already rendering in this thread: the offline renderer renders one stack at a time per thread");
    if (runtimeState.getLocalStore() !== undefined) throw new Error("the offline renderer cannot render inside the Pulumi SDK's async-local store");
    const global = globalThis as { globalStore?: unknown };
    const previous = global.globalStore;
    rendering = true;
    global.globalStore = new runtimeState.LocalStore();
    try {
        return await body();
    } finally {
        global.globalStore = previous;
        rendering = false;
    }
}

/**
 * Runs `body` with two of the SDK's diagnostics off, which together cost about a third of
 * planning time and which an offline plan never reports:
 * - promise-leak tracking, which stamps a stack trace on every internal promise so that a program
 *   that exits early can say where; an offline render awaits everything it starts;
 * - source positions, which capture and parse a full stack trace for every resource so that the
 *   engine can point at the line that declared it; plan.json records no positions.
 */
export async function withoutSdkDiagnostics<T>(body: () => Promise<T>): Promise<T> {
    const tracked = runtimeDebuggable.debuggablePromise;
    const stackTrace = resourceModule.Resource.stackTrace;
    runtimeDebuggable.debuggablePromise = (promise) => promise;
    resourceModule.Resource.stackTrace = () => [];
    try {
        return await body();
    } finally {
        runtimeDebuggable.debuggablePromise = tracked;
        resourceModule.Resource.stackTrace = stackTrace;
    }
}
export const runtimeSettings = require("@pulumi/pulumi/runtime/settings") as SettingsModule;
export const runtimeConfig = require("@pulumi/pulumi/runtime/config") as ConfigModule;
export const runtimeStack = require("@pulumi/pulumi/runtime/stack") as StackModule;
export const rpc = require("@pulumi/pulumi/runtime/rpc") as RpcModule;
export const resourceProto = require("@pulumi/pulumi/proto/resource_pb") as ResourceProtoModule;
export const providerProto = require("@pulumi/pulumi/proto/provider_pb") as ProviderProtoModule;
export const struct = require("google-protobuf/google/protobuf/struct_pb") as typeof structProto;

/** Feature flags a real engine advertises; mirrors what `pulumi.runtime.setMocks` turns on. */
export function enableMockFeatures(): void {
    const store = runtimeState.getStore();
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;
    store.supportsOutputValues = false;
    store.supportsDeletedWith = true;
    store.supportsAliasSpecs = true;
    store.supportsTransforms = false;
    store.supportsParameterization = true;
}
