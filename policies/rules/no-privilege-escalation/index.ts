import type { StackValidationArgs } from "@pulumi/policy";
import { EscalationPath, stackEscalations } from "../../iam/escalation";
import { StackResourceView, stackPrincipals } from "../../iam/stack-roles";
import { MeridianStackRule } from "../../rule-kit";

export const RESTRICTING_CONDITION_KEYS_SCHEMA = {
    type: "array",
    items: { type: "string" },
    default: ["iam:PermissionsBoundary", "aws:ResourceTag/*", "iam:ResourceTag/*"],
    description: "Condition keys that, on a grant, confine it enough that it is not an escalation path (`*` at the end matches tag keys).",
} as const;

/** `on unrestricted resources`, `on itself`, or both, for the actions of a path. */
function where(path: EscalationPath): string {
    if (!path.onItself.length) return "on unrestricted resources";
    if (path.onItself.length === path.method.actions.length) return "on itself";
    return `on unrestricted resources and on itself (${path.onItself.join(", ")})`;
}

export function describePath(path: EscalationPath): string {
    const { method } = path;
    const via = `via ${method.id} (${method.actions.join(" + ")}: ${method.description}), granted ${where(path)} by ${path.sources.join(" and ")}`;
    return path.through.length ? `through ${path.through.join(" then ")} (sts:AssumeRole) ${via}` : via;
}

export const noPrivilegeEscalation: MeridianStackRule = {
    name: "no-privilege-escalation",
    description:
        "No role or user may reach a published privilege-escalation method: through its own effective permissions (identity and group policies, less denies, within its boundary, conditions judged with their values), on unrestricted resources or on itself, or through a role it can assume.",
    remediationSteps:
        "Scope the listed actions to the subsystem's own ARNs (name prefix) and keep them off the principal's own role, policies and groups (deny them there), require `iam:PermissionsBoundary` on IAM writes, pass roles only by ARN with `iam:PassedToService`, and trust roles by principal ARN, not by account.",
    enforcementLevel: "mandatory",
    context: ["knownPolicyDocuments", "accountId"],
    configSchema: {
        properties: {
            restrictingConditionKeys: RESTRICTING_CONDITION_KEYS_SCHEMA,
            knownPolicyDocuments: {
                type: "object",
                default: {},
                description:
                    "Policy ARN → policy document, for managed policies and boundaries defined outside the stack. `meridian plan` fills it with the customer-managed policies of the same account's other stacks.",
            },
            accountId: {
                type: "string",
                default: "",
                description: "The stack's own account (stack context): the ARNs of principals not created yet, and own-account trust.",
            },
        },
    },
    validateStack: (args: StackValidationArgs, report) => {
        const { restrictingConditionKeys, knownPolicyDocuments, accountId } = args.getConfig<{
            restrictingConditionKeys: string[];
            knownPolicyDocuments: Record<string, unknown>;
            accountId: string;
        }>();
        const stack = stackPrincipals(args.resources as StackResourceView[], knownPolicyDocuments, accountId || undefined);
        if (!stack.principals.length) args.notApplicable("the stack defines no IAM roles or users");
        for (const { principal, paths } of stackEscalations(stack, { restrictingConditionKeys, accountId: accountId || undefined })) {
            for (const path of paths) report(`${principal.kind} ${principal.name} can escalate privileges ${describePath(path)}`, principal.urn);
        }
    },
};
