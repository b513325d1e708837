/**
 * What a policy rule may know about a stack beyond its own resources. Each rule declares the keys
 * it reads (`context` in its metadata); every runner supplies those keys the same way, as config
 * properties of the same name: `meridian plan` and `meridian policy check` from the `policyContext`
 * that plan.json records per stack (`--context plan.json` for exports and previews), the CrossGuard
 * server from the `--policy-pack-config` document `meridian policy context` prints for the stack.
 * The planner is the one producer, so two runners can never disagree about a stack's context.
 */
export interface PolicyContext {
    /** The stack's own 12-digit account id (planned, for an account still to be created). */
    accountId?: string;
    /** Customer-managed policy ARN → document, for every managed policy the fleet defines in the stack's account (boundaries included). */
    knownPolicyDocuments?: Record<string, unknown>;
    /** Every region the stack's subsystem runs in, in this account, its own included, sorted. */
    subsystemRegions?: string[];
    /** The region catalog's failoverTargetSeconds: the longest acceptable detection plus DNS shift. */
    failoverTargetSeconds?: number;
    /** The organisation's id (`o-...`), as the organization stack reads it. */
    organizationId?: string;
    /** Every account id of the organisation: the management account and every member (planned ids included), sorted. */
    organizationAccountIds?: string[];
    /** The bucket holding every stack's Pulumi state. */
    stateBucket?: string;
}

export type PolicyContextKey = keyof PolicyContext;

/** Every key, with what it means; the rule catalog and the architecture tests read this list. */
export const POLICY_CONTEXT_KEYS: Readonly<Record<PolicyContextKey, string>> = {
    accountId: "the stack's own account id",
    knownPolicyDocuments: "the documents of the managed policies (boundaries included) that the fleet defines in the stack's account",
    subsystemRegions: "every region the stack's subsystem runs in",
    failoverTargetSeconds: "the region catalog's failover target",
    organizationId: "the organisation's id",
    organizationAccountIds: "every account id of the organisation, the management account's included",
    stateBucket: "the bucket holding every stack's Pulumi state",
};

/** The keys a rule declared, taken from a stack's context; absent keys stay absent so defaults apply. */
export function contextFor(keys: readonly PolicyContextKey[], context: PolicyContext | undefined): Partial<PolicyContext> {
    const picked: Record<string, unknown> = {};
    for (const key of keys) if (context?.[key] !== undefined) picked[key] = context[key];
    return picked as Partial<PolicyContext>;
}
