import { jsonDigest } from "../../lib/json-digest";
import type { DeniedCall, Deployability, LifecyclePhase, PlannedResource, PlannedStack } from "../../lib/contracts/plan-document";
import type { LabelledDocument } from "../iam/permissions";
import { parsePolicyDocumentOrUndefined } from "../iam/policy-document";
import { providerUrnOf } from "../normalised-stack";
import { CallRequest, callRequests, CallSetting } from "./call-requests";
import { DeployingPrincipal, FleetPrincipals } from "./deploying-principal";
import { decide } from "./principal-decision";
import { makesNoCalls, providerCallsOf } from "./provider-call-table";
import type { ResourceView } from "./resource-fields";

/** How a provider is configured to reach AWS: the `aws:assumeRoles` chain, its region and its default tags. */
export interface ProviderIdentity {
    /** The account the stack deploys into (the planned id of an account still to be created). */
    accountId: string;
    assumeRoles: readonly string[];
    region: string;
    defaultTags: Readonly<Record<string, string>>;
}

export interface DeployabilityOptions {
    /** The stack's own (default) provider, from the stack's configuration. */
    providerOf: (stack: PlannedStack) => ProviderIdentity;
    /** The stacks to assess; every stack by default. The others still supply roles and SCPs. */
    assess?: (stack: PlannedStack) => boolean;
    /** Records of an earlier plan to keep where nothing they were made from changed (an incremental plan). */
    kept?: KeptAssessments;
}

/** A stack's record with the key of everything it was made from. */
export interface KeptAssessment {
    key: string;
    record: Deployability;
}

export interface KeptAssessments {
    /** A digest of each stack's rendered content; a stack without one is always assessed afresh. */
    digestOf(stack: PlannedStack): string | undefined;
    /** The earlier plan's records, by stack name. */
    earlier: Readonly<Record<string, KeptAssessment>>;
    /** Filled with this plan's records, by stack name, to keep for the next. */
    now: Record<string, KeptAssessment>;
    /** How many stacks were assessed afresh; filled in. */
    reassessed: number;
}

const ALL_PHASES: readonly LifecyclePhase[] = ["create", "read", "update", "delete"];

/** The phases the engine runs for a resource: an imported one is read, never created; a protected or retained one is never deleted. */
function phasesOf(resource: PlannedResource): ReadonlySet<LifecyclePhase> {
    return new Set(
        ALL_PHASES.filter((phase) => !(phase === "create" && resource.importId) && !(phase === "delete" && (resource.protect || resource.retainOnDelete))),
    );
}

/** An explicit provider resource's identity: its inputs hold the same keys as the stack config, JSON-encoded where they are lists. */
function explicitProviderIdentity(provider: PlannedResource, fallback: ProviderIdentity): ProviderIdentity {
    const decode = (value: unknown): unknown => (typeof value === "string" && /^[[{]/.test(value) ? JSON.parse(value) : value);
    const roles = decode(provider.inputs.assumeRoles);
    const assumeRoles = Array.isArray(roles) ? roles.map((role) => String((role as Record<string, unknown>).roleArn)) : [];
    const region = typeof provider.inputs.region === "string" ? provider.inputs.region : fallback.region;
    const defaultTags = decode(provider.inputs.defaultTags) as { tags?: Record<string, string> } | undefined;
    return { accountId: fallback.accountId, assumeRoles, region, defaultTags: defaultTags?.tags ?? {} };
}

function keyPolicyFor(request: CallRequest, stackResources: readonly ResourceView[]): LabelledDocument | undefined {
    if (request.resourceType !== "key" || !request.action.startsWith("kms:") || request.call.creates) return undefined;
    const key = stackResources.find((resource) => resource.type === "aws:kms/key:Key" && resource.outputs.arn === request.resource);
    const document = key ? parsePolicyDocumentOrUndefined(key.inputs.policy) : undefined;
    return key && document ? { label: `key policy of ${key.name}`, document } : undefined;
}

function principalContext(principal: DeployingPrincipal, organizationId: string | undefined): Map<string, readonly string[]> {
    const context = new Map<string, readonly string[]>([
        ["aws:principalarn", [principal.arn]],
        ["aws:principalaccount", [principal.accountId]],
        ["aws:principaltype", [principal.chain.length ? "AssumedRole" : "Account"]],
        ["aws:principalisawsservice", ["false"]],
    ]);
    if (organizationId) context.set("aws:principalorgid", [organizationId]);
    return context;
}

function assessStack(stack: PlannedStack, fleet: FleetPrincipals, providerOf: DeployabilityOptions["providerOf"]): Deployability {
    const ownIdentity = providerOf(stack);
    const stackAccount = ownIdentity.accountId;
    const own = fleet.resolve(ownIdentity.assumeRoles, stackAccount);
    const providers = new Map(stack.resources.filter((resource) => resource.type.startsWith("pulumi:providers:")).map((provider) => [provider.urn, provider]));
    const stackResources: ResourceView[] = stack.resources;
    const denied: DeniedCall[] = [];
    const unmodelled = new Set<string>();
    let calls = 0;
    for (const resource of stack.resources) {
        if (makesNoCalls(resource)) continue;
        const explicit = providers.get(providerUrnOf(resource.provider) ?? "");
        const identity = explicit ? explicitProviderIdentity(explicit, ownIdentity) : ownIdentity;
        const principal = explicit ? fleet.resolve(identity.assumeRoles, stackAccount) : own;
        const setting: CallSetting = {
            location: { partition: principal.arn.split(":")[1] || "aws", region: identity.region, account: principal.accountId },
            defaultTags: identity.defaultTags,
            principalContext: principalContext(principal, fleet.organizationId),
            stackResources,
            phases: phasesOf(resource),
        };
        const table = providerCallsOf(resource.type);
        if (!table) {
            unmodelled.add(resource.type);
            continue;
        }
        const { requests, unresolved } = callRequests(resource, table, setting);
        unresolved.forEach((entry) => unmodelled.add(entry));
        for (const request of requests) {
            calls += 1;
            const decision = decide(principal, request, keyPolicyFor(request, stackResources));
            if (decision.allowed) continue;
            denied.push({
                urn: resource.urn,
                phase: request.phase,
                action: request.action,
                resource: request.resource,
                principal: principal.arn,
                ...(decision.deniedBy ? { deniedBy: decision.deniedBy } : {}),
                reason: decision.reason,
            });
        }
    }
    return { principal: own.arn, chain: own.chain, origin: own.origin, calls, denied, unmodelled: [...unmodelled].sort() };
}

/**
 * Whether each stack's deploying principals may make every call its resources need, judged with
 * the policies the fleet itself plans: roles from the stacks that define them, SCPs from the
 * organization stack. See docs/design/deployability.md.
 */
export function assessDeployability(stacks: readonly PlannedStack[], options: DeployabilityOptions): Map<string, Deployability> {
    const fleet = new FleetPrincipals(stacks);
    const records = new Map<string, Deployability>();
    const kept = options.kept;
    for (const stack of stacks) {
        if (options.assess && !options.assess(stack)) continue;
        const key = kept && assessmentKey(stack, fleet, options.providerOf, kept.digestOf(stack));
        const earlier = key ? kept.earlier[stack.name] : undefined;
        const record = earlier && earlier.key === key ? earlier.record : assessStack(stack, fleet, options.providerOf);
        if (kept && record !== earlier?.record) kept.reassessed += 1;
        if (kept && key) kept.now[stack.name] = { key, record };
        records.set(stack.name, record);
    }
    return records;
}

const principalDigests = new WeakMap<DeployingPrincipal, string>();

function principalDigest(principal: DeployingPrincipal): string {
    let known = principalDigests.get(principal);
    if (!known) principalDigests.set(principal, (known = jsonDigest(principal)));
    return known;
}

/**
 * Everything assessStack reads, as one key: the stack's content (which holds its explicit
 * providers and key policies), its own provider, the organisation's id, and every principal its
 * providers resolve to, whole (identity policies, boundary, SCP and RCP levels, chain, origin).
 * A role changed in another stack, an SCP changed in the organization stack, or a role that now
 * resolves to a different stack changes a principal, so the key. Undefined without a digest.
 */
function assessmentKey(
    stack: PlannedStack,
    fleet: FleetPrincipals,
    providerOf: DeployabilityOptions["providerOf"],
    stackDigest: string | undefined,
): string | undefined {
    if (!stackDigest) return undefined;
    const own = providerOf(stack);
    const chains = [
        own.assumeRoles,
        ...stack.resources
            .filter((resource) => resource.type.startsWith("pulumi:providers:"))
            .map((provider) => explicitProviderIdentity(provider, own).assumeRoles),
    ];
    return jsonDigest([stackDigest, own, fleet.organizationId, chains.map((chain) => principalDigest(fleet.resolve(chain, own.accountId)))]);
}
