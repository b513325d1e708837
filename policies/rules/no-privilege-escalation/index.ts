import type { StackValidationArgs } from "@pulumi/policy";
import { findEscalationPaths } from "../../iam/escalation";
import { effectivePermissions } from "../../iam/permissions";
import { StackResourceView, stackRoles } from "../../iam/stack-roles";
import { MeridianStackRule } from "../../rule-kit";

export const RESTRICTING_CONDITION_KEYS_SCHEMA = {
    type: "array",
    items: { type: "string" },
    default: ["iam:PermissionsBoundary", "aws:ResourceTag/*", "iam:ResourceTag/*"],
    description: "Condition keys that, on a grant, confine it enough that it is not an escalation path (`*` at the end matches tag keys).",
} as const;

export const noPrivilegeEscalation: MeridianStackRule = {
    name: "no-privilege-escalation",
    description:
        "No role's effective permissions (all its identity policies together, less explicit denies, within its boundary) may contain a known privilege-escalation method on unrestricted resources.",
    remediationSteps:
        "Scope the listed actions to the subsystem's own ARNs (name prefix), require `iam:PermissionsBoundary` on IAM writes, and pass roles only by ARN with `iam:PassedToService`.",
    enforcementLevel: "mandatory",
    context: ["knownPolicyDocuments"],
    configSchema: {
        properties: {
            restrictingConditionKeys: RESTRICTING_CONDITION_KEYS_SCHEMA,
            knownPolicyDocuments: {
                type: "object",
                default: {},
                description:
                    "Policy ARN → policy document, for managed policies and boundaries defined outside the stack. `meridian plan` fills it with the customer-managed policies of the same account's other stacks.",
            },
        },
    },
    validateStack: (args: StackValidationArgs, report) => {
        const { restrictingConditionKeys, knownPolicyDocuments } = args.getConfig<{
            restrictingConditionKeys: string[];
            knownPolicyDocuments: Record<string, unknown>;
        }>();
        const roles = stackRoles(args.resources as StackResourceView[], knownPolicyDocuments);
        if (!roles.length) args.notApplicable("the stack defines no IAM roles");
        for (const role of roles) {
            const permissions = effectivePermissions(role.identity, role.boundary);
            for (const path of findEscalationPaths(permissions, restrictingConditionKeys)) {
                report(
                    `role ${role.name} can escalate privileges via ${path.method.id} (${path.method.actions.join(" + ")}: ${path.method.description}), granted on unrestricted resources by ${path.sources.join(" and ")}`,
                    role.urn,
                );
            }
        }
    },
};
