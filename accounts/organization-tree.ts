/**
 * Pure decisions behind the Organization component: the OU tree flattened parents-first with
 * paths, and what an SCP target names.
 */

export interface OrganizationalUnitSpec {
    name: string;
    tags?: Record<string, string>;
    children?: OrganizationalUnitSpec[];
}

export interface FlatOrganizationalUnit {
    /** `Workloads/Prod`: names from the root, joined with `/`. */
    path: string;
    name: string;
    /** Undefined for a top-level OU, whose parent is the root. */
    parentPath?: string;
    tags: Record<string, string>;
}

export const ROOT_TARGET = "Root";

/** Parents come before their children, so each OU can take its parent's id. */
export function flattenOrganizationalUnits(units: readonly OrganizationalUnitSpec[], parentPath?: string): FlatOrganizationalUnit[] {
    return units.flatMap((unit) => {
        const path = parentPath ? `${parentPath}/${unit.name}` : unit.name;
        const node: FlatOrganizationalUnit = { path, name: unit.name, tags: unit.tags ?? {}, ...(parentPath ? { parentPath } : {}) };
        return [node, ...flattenOrganizationalUnits(unit.children ?? [], path)];
    });
}

export type ScpTarget = { kind: "root" } | { kind: "ou"; path: string } | { kind: "account"; name: string };

/**
 * "Root", an OU path, or an account name, exactly as written in the catalog. The catalog loader
 * reports unknown targets as input errors first; this guards the component when used directly.
 */
export function resolveScpTarget(scpName: string, target: string, ouPaths: ReadonlySet<string>, accountNames: ReadonlySet<string>): ScpTarget {
    if (target === ROOT_TARGET) {
        return { kind: "root" };
    }
    if (ouPaths.has(target)) {
        return { kind: "ou", path: target };
    }
    if (accountNames.has(target)) {
        return { kind: "account", name: target };
    }
    throw new Error(`service control policy ${scpName}: target ${JSON.stringify(target)} is not "${ROOT_TARGET}", an OU path or an account name`);
}

/** Where an account sits: "Root" or an OU path. */
export function resolveAccountParent(accountName: string, ou: string, ouPaths: ReadonlySet<string>): ScpTarget {
    if (ou === ROOT_TARGET) {
        return { kind: "root" };
    }
    if (ouPaths.has(ou)) {
        return { kind: "ou", path: ou };
    }
    throw new Error(`account ${accountName}: ou ${JSON.stringify(ou)} is not "${ROOT_TARGET}" or an OU path in the catalog`);
}

/** The ids that place an account in the organisation, as the organization stack exports them. */
export interface OrganizationIds {
    organizationId: string;
    rootId: string;
    /** OU path → OU id. */
    organizationalUnitIds: Record<string, string>;
}

/**
 * An OU's organisation path, the value `aws:PrincipalOrgPaths` takes for its principals:
 * `o-a1b2c3/r-ab12/ou-ab12-1111/ou-ab12-2222/` for `Workloads/Prod`, `o-a1b2c3/r-ab12/` for the root.
 * Source: IAM User Guide, "AWS global condition context keys", aws:PrincipalOrgPaths
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths).
 */
export function organizationPath(ids: OrganizationIds, ou: string): string {
    const names = ou === ROOT_TARGET ? [] : ou.split("/");
    const ouIds = names.map((_, index) => {
        const path = names.slice(0, index + 1).join("/");
        const id = ids.organizationalUnitIds[path];
        if (!id) throw new Error(`the organization stack exports no id for OU ${path}`);
        return id;
    });
    return [ids.organizationId, ids.rootId, ...ouIds].join("/") + "/";
}
