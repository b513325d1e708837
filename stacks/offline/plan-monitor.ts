import type { PlannedResource } from "../../lib/contracts/plan-document";
import { enableMockFeatures, providerProto, resourceProto, rpc, struct } from "./pulumi-internals";
import { plainRecord, secretPaths, UNKNOWN_VALUE } from "./plain-values";
import type * as structProto from "google-protobuf/google/protobuf/struct_pb";

/**
 * A resource monitor for the offline plan. Like the SDK's MockMonitor it answers registrations
 * and invokes locally, but it also:
 * - builds URNs the way the engine does (the full parent type chain, not just the parent's type);
 * - records every registration with the options a policy needs (protect, retainOnDelete, import,
 *   provider, dependencies);
 * - captures the stack resource's outputs for later StackReferences.
 */

export const STACK_TYPE = "pulumi:pulumi:Stack";

export interface NewResourceArgs {
    type: string;
    name: string;
    urn: string;
    inputs: Record<string, unknown>;
    providerRef?: string;
    custom: boolean;
    importId?: string;
}

export interface CloudModel {
    newResource(args: NewResourceArgs): { id: string; state: Record<string, unknown> };
    invoke(token: string, inputs: Record<string, unknown>, providerRef?: string): Record<string, unknown>;
}

export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    remote: boolean;
    parent?: string;
    providerRef?: string;
    protect: boolean;
    retainOnDelete: boolean;
    importId?: string;
    dependencies: string[];
    /** Property → URNs its value came from; recorded in preview mode, where values from unknown outputs are unknown. */
    propertyDependencies?: Record<string, string[]>;
    customTimeouts?: PlannedResource["customTimeouts"];
    inputs: Record<string, unknown>;
    /** Paths of the inputs that were secret on the wire (unwrapped in `inputs`). */
    secretInputs: string[];
    outputs: Record<string, unknown>;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getRemote(): boolean;
    getObject(): structProto.Struct | undefined;
    getProvider(): string;
    getProtect(): boolean;
    getRetainondelete(): boolean;
    getImportid(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
}
interface ReadRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getId(): string;
    getProperties(): structProto.Struct | undefined;
    getProvider(): string;
}
interface InvokeRequest {
    getTok(): string;
    getArgs(): structProto.Struct | undefined;
    getProvider(): string;
}
interface OutputsRequest {
    getUrn(): string;
    getOutputs(): structProto.Struct | undefined;
}
type Callback = (error: Error | null, response?: unknown) => void;

function propertyDependenciesOf(req: RegisterRequest): Record<string, string[]> {
    const dependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((value, key) => {
        if (value.getUrnsList().length) dependencies[key] = [...new Set(value.getUrnsList())].sort();
    });
    return dependencies;
}

/** The runtime reads a failed RPC's message from `details`, as gRPC reports it. */
function rpcError(error: unknown): Error {
    const failure = error instanceof Error ? error : new Error(String(error));
    return Object.assign(failure, { details: failure.message });
}

/**
 * A response as the SDK reads it. The SDK duck-types responses itself when it runs without an
 * engine; answering the same way skips building a protobuf Struct only for the SDK to turn it
 * straight back into the object it came from, and stringifying it into a debug log line nobody reads.
 */
function wireObject(serialized: Record<string, unknown>): { toJavaScript(): Record<string, unknown> } {
    return { toJavaScript: () => serialized };
}

function registration(urn: string, id: string, serialized: Record<string, unknown>) {
    const object = wireObject(serialized);
    return {
        getUrn: () => urn,
        getId: () => id,
        getObject: () => object,
        getPropertydependenciesMap: () => undefined,
        getResult: () => 0,
        toString: () => urn,
    };
}

export class PlanMonitor {
    readonly resources: RecordedResource[] = [];
    stackOutputs: Record<string, unknown> = {};
    private readonly byUrn = new Map<string, RecordedResource>();

    /**
     * `preview`: answer as the engine does during a first `pulumi preview` (the SDK's dry run): a
     * new resource has no id yet and its computed outputs are unknown, so whatever the program
     * derives from them is unknown too. Providers and stack references still answer.
     */
    constructor(
        private readonly project: string,
        private readonly stack: string,
        private readonly cloud: CloudModel,
        private readonly preview = false,
    ) {}

    /** Installs this monitor in the current runtime store. */
    install(setMockOptions: (monitor: unknown, project: string, stack: string, preview: boolean) => void): void {
        setMockOptions(this, this.project, this.stack, this.preview);
        enableMockFeatures();
    }

    /** What a resource's registration answers in preview mode: its inputs, with every output the cloud would compute unknown (a name the provider assigns at check time aside). */
    private previewed(custom: boolean, type: string, inputs: Record<string, unknown>, answer: { id: string; state: Record<string, unknown> }) {
        if (!this.preview || !custom || type === "pulumi:pulumi:StackReference" || type.startsWith("pulumi:providers:"))
            return { ...answer, recorded: answer.state };
        const computed = Object.keys(answer.state).filter((key) => !(key in inputs) && key !== "name");
        const recorded = { ...answer.state, ...Object.fromEntries([...computed, "id"].map((key) => [key, UNKNOWN_VALUE])) };
        const state = Object.fromEntries(Object.entries(answer.state).filter(([key]) => !computed.includes(key)));
        return { id: "", state, recorded };
    }

    engineUrn(parent: string, type: string, name: string): string {
        let qualifiedType = type;
        if (parent) {
            const parentType = parent.split("::")[2];
            if (parentType !== STACK_TYPE) qualifiedType = `${parentType}$${type}`;
        }
        return `urn:pulumi:${this.stack}::${this.project}::${qualifiedType}::${name}`;
    }

    async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
        try {
            const type = req.getType();
            const name = req.getName();
            const parent = req.getParent();
            const urn = this.engineUrn(parent, type, name);
            const wire = req.getObject() ? rpc.deserializeProperties(req.getObject()!) : {};
            const inputs = plainRecord(wire);
            const custom = req.getCustom();
            const importId = req.getImportid() || undefined;
            const providerRef = req.getProvider() || undefined;
            const cloudAnswer =
                type === STACK_TYPE ? { id: "", state: {} } : this.cloud.newResource({ type, name, urn, inputs, providerRef, custom, importId });
            const answer = this.previewed(custom, type, inputs, cloudAnswer);
            const record: RecordedResource = {
                urn,
                type,
                name,
                custom,
                remote: req.getRemote(),
                parent: parent || undefined,
                providerRef,
                protect: req.getProtect(),
                retainOnDelete: req.getRetainondelete(),
                importId,
                dependencies: [...new Set(req.getDependenciesList())].sort(),
                ...(this.preview ? { propertyDependencies: propertyDependenciesOf(req) } : {}),
                ...customTimeoutsOf(req),
                inputs,
                secretInputs: secretPaths(wire),
                outputs: answer.recorded,
            };
            this.resources.push(record);
            this.byUrn.set(urn, record);
            callback(null, registration(urn, answer.id, await rpc.serializeProperties("", answer.state)));
        } catch (error) {
            callback(rpcError(error));
        }
    }

    async readResource(req: ReadRequest, callback: Callback): Promise<void> {
        try {
            const urn = this.engineUrn(req.getParent(), req.getType(), req.getName());
            const inputs = plainRecord(req.getProperties() ? rpc.deserializeProperties(req.getProperties()!) : {});
            const answer = this.cloud.newResource({
                type: req.getType(),
                name: req.getName(),
                urn,
                inputs,
                providerRef: req.getProvider() || undefined,
                custom: true,
                importId: req.getId(),
            });
            const properties = wireObject(await rpc.serializeProperties("", answer.state));
            callback(null, { getUrn: () => urn, getProperties: () => properties, toString: () => urn });
        } catch (error) {
            callback(rpcError(error));
        }
    }

    async invoke(req: InvokeRequest, callback: Callback): Promise<void> {
        try {
            const inputs = plainRecord(req.getArgs() ? rpc.deserializeProperties(req.getArgs()!) : {});
            const result = this.cloud.invoke(req.getTok(), inputs, req.getProvider() || undefined);
            const response = new providerProto.InvokeResponse();
            response.setReturn(struct.Struct.fromJavaScript((await rpc.serializeProperties("", result)) as never));
            callback(null, response);
        } catch (error) {
            callback(rpcError(error));
        }
    }

    registerResourceOutputs(req: OutputsRequest, callback: Callback): void {
        const outputs = plainRecord(req.getOutputs() ? rpc.deserializeProperties(req.getOutputs()!) : {});
        const record = this.byUrn.get(req.getUrn());
        if (record?.type === STACK_TYPE) this.stackOutputs = outputs;
        else if (record) record.outputs = { ...record.outputs, ...outputs };
        callback(null, {});
    }

    supportsFeature(req: { getId(): string }, callback: Callback): void {
        // Output values stay off, as in the SDK's mocks, so inputs arrive resolved rather than as Output wrappers.
        const supported = req.getId() !== "outputValues";
        callback(null, { getHassupport: () => supported });
    }

    registerPackage(_req: unknown, callback: Callback): void {
        const response = new resourceProto.RegisterPackageResponse();
        response.setRef("offline-plan");
        callback(null, response);
    }

    close(): void {
        // Nothing to close: there is no connection.
    }
}

/** The timeouts a registration sets, if any; the SDK sends empty strings for the ones it leaves alone. */
function customTimeoutsOf(req: RegisterRequest): Pick<RecordedResource, "customTimeouts"> {
    const timeouts = req.getCustomtimeouts();
    if (!timeouts) return {};
    const set = Object.fromEntries(
        [
            ["create", timeouts.getCreate()],
            ["update", timeouts.getUpdate()],
            ["delete", timeouts.getDelete()],
        ].filter(([, value]) => value),
    );
    return Object.keys(set).length > 0 ? { customTimeouts: set } : {};
}
