import type { LifecyclePhase } from "../../lib/contracts/plan-document";
import type { RequestContext } from "../iam/condition-evaluation";
import { GLOBAL_SERVICE_REGIONS } from "./aws-authorization-facts";
import type { ProviderCall, ResourceTypeCalls } from "./provider-call-kit";
import { CallLocation, requiredResourceTypes, resourceArn, supportedConditionKeys } from "./resource-arns";
import { inputMatches, readField, readValues, ResourceView, tagsOf } from "./resource-fields";

/** One authorisation the provider's call needs: the action on one resource ARN, with its request context. */
export interface CallRequest {
    phase: LifecyclePhase;
    action: string;
    resource: string;
    context: RequestContext;
    /** The reference resource type the ARN is of (`key`), or undefined for `*`. */
    resourceType?: string;
    /** The call's table row, for messages and the reference. */
    call: ProviderCall;
}

/** What a resource's calls need beyond the resource: where they are made, as whom, and the stack around it. */
export interface CallSetting {
    location: CallLocation;
    defaultTags: Readonly<Record<string, string>>;
    /** Condition keys every request of this principal carries (`aws:PrincipalArn`, ...), lower-cased. */
    principalContext: ReadonlyMap<string, readonly string[]>;
    /** The other resources of the stack: a role policy's role, say. */
    stackResources: readonly ResourceView[];
    /** Phases the engine will run for this resource (no create for an imported one, no delete for a retained one). */
    phases: ReadonlySet<LifecyclePhase>;
}

/** The requests of one resource, and the calls whose ARN its inputs and outputs cannot give (they stay unchecked). */
export interface ResourceCallRequests {
    requests: CallRequest[];
    unresolved: string[];
}

/** A call made only to write tags (`TagResource`, `ChangeTagsForResource`, API Gateway's PUT on `/tags`): skipped when there are none. */
function writesTagsOnly(call: ProviderCall): boolean {
    return call.sendsTags === true && (/:(Tag|AddTags|ChangeTags|PutBucketTagging)/.test(call.action) || (call.resourceTypes ?? []).includes("tags"));
}

function roleBoundary(calls: ResourceTypeCalls, resource: ResourceView, setting: CallSetting): string | undefined {
    const source = calls.permissionsBoundary;
    if (!source) return undefined;
    if ("own" in source) return readField(resource, source.own, false);
    const roleName = readField(resource, `${source.ofRoleNamed}|last`, false);
    const role = setting.stackResources.find((candidate) => candidate.type === "aws:iam/role:Role" && candidate.outputs.name === roleName);
    return role && typeof role.inputs.permissionsBoundary === "string" ? role.inputs.permissionsBoundary : undefined;
}

function requestContext(
    call: ProviderCall,
    resourceTypes: readonly string[],
    tags: Readonly<Record<string, string>> | undefined,
    extra: ReadonlyArray<[string, readonly string[]]>,
    setting: CallSetting,
): RequestContext {
    const service = call.action.split(":")[0].toLowerCase();
    const supported = supportedConditionKeys(call.action, resourceTypes);
    const context = new Map<string, readonly string[]>(setting.principalContext);
    context.set("aws:requestedregion", [GLOBAL_SERVICE_REGIONS[service] ?? setting.location.region]);
    context.set("aws:resourceaccount", [setting.location.account]);
    if (tags && call.sendsTags && supported.has("aws:requesttag/${tagkey}")) {
        for (const [key, value] of Object.entries(tags)) context.set(`aws:requesttag/${key.toLowerCase()}`, [value]);
        if (supported.has("aws:tagkeys")) context.set("aws:tagkeys", Object.keys(tags));
    }
    if (tags && !call.creates && supported.has("aws:resourcetag/${tagkey}")) {
        for (const [key, value] of Object.entries(tags)) context.set(`aws:resourcetag/${key.toLowerCase()}`, [value]);
    }
    for (const [key, values] of extra) if (supported.has(key) && values.length) context.set(key, values);
    return context;
}

/** Every authorisation the provider needs to create, read, update and delete one planned resource. */
export function callRequests(resource: ResourceView, calls: ResourceTypeCalls, setting: CallSetting): ResourceCallRequests {
    const requests: CallRequest[] = [];
    const unresolved: string[] = [];
    const taggable = calls.tags !== undefined;
    const tags = taggable ? tagsOf(resource, calls.tags, setting.defaultTags) : undefined;
    const boundary = roleBoundary(calls, resource, setting);
    const serviceKeys = Object.entries(calls.requestKeys ?? {}).map(([key, path]): [string, string[]] => [key.toLowerCase(), readValues(resource, path)]);
    for (const call of calls.calls) {
        const phases = call.phases.filter((phase) => setting.phases.has(phase));
        if (!phases.length || (call.when && !inputMatches(resource, call.when.input, call.when.equals))) continue;
        if (writesTagsOnly(call) && taggable && Object.keys(tags ?? {}).length === 0) continue;
        const beforeCreation = call.creates === true;
        const variable = (name: string) => {
            const path = call.arnVariables?.[name] ?? calls.arnVariables[name];
            return path === undefined ? undefined : readField(resource, path, beforeCreation);
        };
        const extra: Array<[string, readonly string[]]> = [...serviceKeys];
        if (boundary) extra.push(["iam:permissionsboundary", [boundary]]);
        let targets: Array<{ arn: string; type?: string }>;
        if (call.passesRole) {
            const roleArn = readField(resource, call.passesRole.roleArn, false);
            if (!roleArn) continue;
            extra.push(["iam:passedtoservice", [call.passesRole.toService]]);
            targets = [{ arn: roleArn, type: "role" }];
        } else {
            const types = call.resourceTypes ?? requiredResourceTypes(call.action);
            targets = [];
            for (const type of types) {
                const whole = calls.arns?.[type];
                const arn = whole !== undefined ? readField(resource, whole, beforeCreation) : resourceArn(call.action, type, setting.location, variable);
                if (arn === undefined) unresolved.push(`${calls.type} ${call.action}: no ${type} ARN from its inputs and outputs`);
                else targets.push({ arn, type });
            }
            if (targets.length < types.length) continue;
            if (!targets.length) targets = [{ arn: "*" }];
        }
        const context = requestContext(
            call,
            targets.flatMap((target) => target.type ?? []),
            tags,
            extra,
            setting,
        );
        for (const phase of phases) {
            for (const target of targets) requests.push({ phase, action: call.action, resource: target.arn, context, resourceType: target.type, call });
        }
    }
    return { requests, unresolved };
}
