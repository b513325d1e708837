/**
 * A plain, read-once snapshot of an AWS organisation: what `meridian accounts diff` and `import`
 * compare against the catalog. Produced by `organization-reader.ts`; everything downstream is a
 * pure function of (catalog, snapshot) and is tested without the SDK.
 */

export type Tags = Record<string, string>;

export interface LiveOrganizationalUnit {
    id: string;
    name: string;
    /** Names from the root, as the catalog writes them: `Workloads/Prod`. */
    path: string;
    parentId: string;
    tags: Tags;
}

export interface LiveAccount {
    id: string;
    name: string;
    email: string;
    /** ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, ... */
    state: string;
    /** CREATED by Organizations (which gave it the access role) or INVITED (which did not). */
    joinedMethod?: string;
    parentId: string;
    tags: Tags;
}

export type PolicyTargetType = "ROOT" | "ORGANIZATIONAL_UNIT" | "ACCOUNT";

export interface LivePolicyTarget {
    targetId: string;
    type: PolicyTargetType;
    name: string;
}

export interface LiveServiceControlPolicy {
    id: string;
    name: string;
    description: string;
    /** AWS-managed policies (FullAWSAccess) are not the catalog's to manage. */
    awsManaged: boolean;
    /** The policy document parsed as JSON; the raw text if it does not parse. */
    document: unknown;
    targets: LivePolicyTarget[];
}

export interface LiveOrganization {
    managementAccountId: string;
    rootId: string;
    organizationalUnits: LiveOrganizationalUnit[];
    accounts: LiveAccount[];
    serviceControlPolicies: LiveServiceControlPolicy[];
}

export const ROOT_PATH = "Root";

/** Suspended or closing accounts are gone or going: no longer part of the organisation. */
export function isActive(account: LiveAccount): boolean {
    return !["SUSPENDED", "PENDING_CLOSURE", "CLOSED"].includes(account.state);
}

/** `Root` or the OU path of a parent id. */
export function parentPath(organization: LiveOrganization, parentId: string): string {
    if (parentId === organization.rootId) return ROOT_PATH;
    return organization.organizationalUnits.find((unit) => unit.id === parentId)?.path ?? parentId;
}
