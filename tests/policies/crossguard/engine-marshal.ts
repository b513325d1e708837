import type * as structProto from "google-protobuf/google/protobuf/struct_pb";
import type * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { stackState } from "../../../policies/evaluator";
import type { NormalisedResource, NormalisedStack } from "../../../policies/normalised-stack";
import { previewOutputs } from "./planned-outputs";

/**
 * Resources marshalled as the engine marshals them for an analyzer: pulumi/pulumi
 * pkg/resource/plugin/analyzer_plugin.go (commit 1b5949891b3cefcb9974752b24a5ecef0acc86c8),
 * Analyze and AnalyzeStack. Properties go through MarshalProperties with KeepUnknowns and
 * KeepSecrets and SkipInternalKeys: an unknown value travels as the unknown sentinel string, a
 * secret as the secret signature object, keys starting with `__` are dropped. Analyze carries the
 * resource's inputs, AnalyzeStack its outputs (the in-process evaluator's `stackState`, or the
 * provider's preview of them when the source recorded none), each with
 * the properties of the provider resource that manages it (its inputs: for a default provider the
 * stack's config values, all strings).
 */

/** A value the engine holds as secret; `pulumi stack export` and plan.json hold it in plain text. */
export class SecretValue {
    constructor(readonly value: unknown) {}
}

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function wireValue(value: unknown): unknown {
    if (value instanceof SecretValue) return { [SIG_KEY]: SECRET_SIG, value: wireValue(value.value) };
    if (Array.isArray(value)) return value.map(wireValue);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wireValue(item)]));
}

/** What the in-process evaluator reads for a value the engine holds as secret: the plain value. */
export function plainOf(value: unknown): unknown {
    if (value instanceof SecretValue) return plainOf(value.value);
    if (Array.isArray(value)) return value.map(plainOf);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainOf(item)]));
}

export interface ProtoModules {
    analyzer: typeof analyzerProto;
    struct: typeof structProto;
}

function properties(modules: ProtoModules, props: Record<string, unknown>): structProto.Struct {
    const kept = Object.fromEntries(Object.entries(props).filter(([key, value]) => !key.startsWith("__") && value !== undefined));
    return modules.struct.Struct.fromJavaScript(wireValue(kept) as Record<string, structProto.JavaScriptValue>);
}

function options(modules: ProtoModules, resource: NormalisedResource): analyzerProto.AnalyzerResourceOptions {
    const opts = new modules.analyzer.AnalyzerResourceOptions();
    opts.setProtect(resource.opts.protect);
    opts.setCustomtimeouts(new modules.analyzer.AnalyzerResourceOptions.CustomTimeouts());
    if (resource.parent) opts.setParent(resource.parent);
    return opts;
}

function providerOf(modules: ProtoModules, stack: NormalisedStack, resource: NormalisedResource): analyzerProto.AnalyzerProviderResource | undefined {
    const provider = stack.resources.find((candidate) => candidate.urn === resource.provider);
    if (!provider) return undefined;
    const message = new modules.analyzer.AnalyzerProviderResource();
    message.setUrn(provider.urn);
    message.setType(provider.type);
    message.setName(provider.name);
    message.setProperties(properties(modules, provider.props));
    return message;
}

export function analyzeRequest(modules: ProtoModules, stack: NormalisedStack, resource: NormalisedResource): analyzerProto.AnalyzeRequest {
    const request = new modules.analyzer.AnalyzeRequest();
    request.setUrn(resource.urn);
    request.setType(resource.type);
    request.setName(resource.name);
    request.setProperties(properties(modules, resource.props));
    request.setOptions(options(modules, resource));
    const provider = providerOf(modules, stack, resource);
    if (provider) request.setProvider(provider);
    return request;
}

export function analyzeStackRequest(modules: ProtoModules, stack: NormalisedStack): analyzerProto.AnalyzeStackRequest {
    const request = new modules.analyzer.AnalyzeStackRequest();
    request.setResourcesList(
        stack.resources.map((resource) => {
            const message = new modules.analyzer.AnalyzerResource();
            message.setUrn(resource.urn);
            message.setType(resource.type);
            message.setName(resource.name);
            message.setProperties(properties(modules, resource.outputsUnknown ? previewOutputs(resource) : stackState(resource)));
            message.setOptions(options(modules, resource));
            const provider = providerOf(modules, stack, resource);
            if (provider) message.setProvider(provider);
            if (resource.parent) message.setParent(resource.parent);
            message.setDependenciesList(resource.dependencies ?? []);
            for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
                // The engine leaves out properties with no dependencies.
                if (!urns.length) continue;
                const dependencies = new modules.analyzer.AnalyzerPropertyDependencies();
                dependencies.setUrnsList(urns);
                message.getPropertydependenciesMap().set(key, dependencies);
            }
            return message;
        }),
    );
    return request;
}
