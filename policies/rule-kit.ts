import type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { PolicyContextKey } from "../lib/contracts/policy-context";
import { matchesIamGlob } from "../lib/iam-glob";
import { readIfKnown } from "./iam/unknown-values";

/**
 * What every Meridian rule carries beyond CrossGuard's minimum: remediation text, a config schema
 * whose every property has a default, an explicit default enforcement level, and the stack context
 * it reads.
 */
interface RuleMetadata {
    remediationSteps: string;
    configSchema: PolicyConfigSchema;
    enforcementLevel: "advisory" | "mandatory";
    /**
     * The stack context the rule reads, each key also a property of its config schema: every
     * runner supplies these from the stack's context (plan.json, or the stack's configuration
     * under the CrossGuard server), and the user's config can still override them.
     */
    context: readonly PolicyContextKey[];
}

export type MeridianResourceRule = ResourceValidationPolicy &
    RuleMetadata & { validateResource: (args: ResourceValidationArgs, report: ReportViolation) => void };
export type MeridianStackRule = StackValidationPolicy & RuleMetadata;
export type MeridianRule = MeridianResourceRule | MeridianStackRule;

export function isResourceRule(rule: MeridianRule): rule is MeridianResourceRule {
    return "validateResource" in rule;
}

/**
 * Is a property set to something? A value unknown during a preview is set, only not known yet, so a
 * rule that asks whether a property is present can answer at the first preview.
 */
export function isSet(props: Record<string, unknown>, key: string): boolean {
    if (!(key in props)) return false;
    const value = readIfKnown(() => props[key]);
    return value !== "" && value !== null;
}

/** Skips resources of other types the way CrossGuard's typed helpers do: a not-applicable result. */
export function requireType(args: ResourceValidationArgs, types: readonly string[]): void {
    if (!types.includes(args.type)) args.notApplicable(`applies only to ${types.join(", ")}`);
}

/** Where a policy document sits inside a resource's properties, for messages: `policy`, `inlinePolicies[0].policy`. */
export interface DocumentAt {
    where: string;
    raw: unknown;
}

const IDENTITY_DOCUMENT_TYPES = ["aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"];

export const RESOURCE_POLICY_TYPES = [
    "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
    "aws:sqs/queuePolicy:QueuePolicy",
    "aws:sqs/queue:Queue",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:sns/topic:Topic",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:kms/key:Key",
    "aws:kms/keyPolicy:KeyPolicy",
];

export const IDENTITY_POLICY_TYPES = [...IDENTITY_DOCUMENT_TYPES, "aws:iam/role:Role"];

/** The identity policy documents a resource defines (its inline policies, for a role). */
export function identityDocuments(type: string, props: Record<string, unknown>): DocumentAt[] {
    if (IDENTITY_DOCUMENT_TYPES.includes(type)) return props.policy === undefined ? [] : [{ where: "policy", raw: props.policy }];
    if (type !== "aws:iam/role:Role" || !Array.isArray(props.inlinePolicies)) return [];
    return props.inlinePolicies.flatMap((entry: unknown, index: number) => {
        const policy = (entry as Record<string, unknown>).policy;
        return policy ? [{ where: `inlinePolicies[${index}].policy`, raw: policy }] : [];
    });
}

/** Resource-based policies: event bus, queue, topic, bucket and key policies. */
export function resourcePolicyDocuments(type: string, props: Record<string, unknown>): DocumentAt[] {
    return RESOURCE_POLICY_TYPES.includes(type) && props.policy ? [{ where: "policy", raw: props.policy }] : [];
}

export function trustDocuments(type: string, props: Record<string, unknown>): DocumentAt[] {
    return type === "aws:iam/role:Role" && props.assumeRolePolicy ? [{ where: "assumeRolePolicy", raw: props.assumeRolePolicy }] : [];
}

export const BOUNDARY_NAME_PATTERN_SCHEMA = {
    type: "string",
    default: "*boundary*",
    description: "Managed policies whose name matches this IAM-style glob are permissions boundaries: ceilings, not grants.",
} as const;

/** A managed policy counts as a permissions boundary when its name matches the configured boundary pattern. */
export function isBoundaryPolicy(type: string, props: Record<string, unknown>, namePattern: string): boolean {
    return type === "aws:iam/policy:Policy" && typeof props.name === "string" && matchesIamGlob(namePattern, props.name);
}
