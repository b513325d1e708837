import { allActions, CatalogAction, expandActionPattern } from "./action-catalog";
import { matchesIamGlob } from "../../lib/iam-glob";
import { conditionKeys, confiningConditionKeys, PolicyDocument, PolicyStatement } from "./policy-document";
import { isUnrestrictedResource } from "./resource-scope";

/** A policy document and where it came from, so findings can say which policies combine. */
export interface LabelledDocument {
    label: string;
    document: PolicyDocument;
}

export interface Grant {
    /** Resource patterns the action is allowed on (`NotResource` counts as `*`: it reaches everything else). */
    resources: string[];
    /** Condition keys with which the granting statement (or the boundary) confines the grant, lower-cased. */
    conditionKeys: string[];
    sources: string[];
}

/** Lower-cased action key → the grants that allow it. */
export type PermissionSet = Map<string, Grant[]>;

/** The catalog actions a statement's `Action` or `NotAction` covers. */
export function statementActions(statement: PolicyStatement): CatalogAction[] {
    if (statement.actions) {
        const seen = new Map<string, CatalogAction>();
        for (const pattern of statement.actions) for (const action of expandActionPattern(pattern)) seen.set(action.key, action);
        return [...seen.values()];
    }
    const excluded = new Set((statement.notActions ?? []).flatMap((pattern) => expandActionPattern(pattern).map((a) => a.key)));
    return allActions().filter((action) => !excluded.has(action.key));
}

function statementResources(statement: PolicyStatement): string[] {
    return statement.resources ?? ["*"];
}

function addGrant(set: PermissionSet, action: string, grant: Grant): void {
    const grants = set.get(action);
    if (grants) grants.push(grant);
    else set.set(action, [grant]);
}

function allowsOf(documents: readonly LabelledDocument[]): PermissionSet {
    const set: PermissionSet = new Map();
    for (const { label, document } of documents) {
        for (const statement of document.statements) {
            if (statement.effect !== "Allow") continue;
            const grant: Grant = { resources: statementResources(statement), conditionKeys: confiningConditionKeys(statement), sources: [label] };
            for (const action of statementActions(statement)) addGrant(set, action.key, grant);
        }
    }
    return set;
}

/**
 * What an unconditional Deny leaves of a grant. A Deny on `Resource` removes the grant's resource
 * patterns it covers. A Deny on `NotResource` denies everything but the listed resources, so the
 * grant keeps only those: a pattern inside the list survives whole, a wider one (`*`) narrows to
 * the listed patterns it covers.
 */
export function resourcesLeftByDeny(resources: readonly string[], deny: PolicyStatement): string[] {
    const spared = deny.notResources;
    if (spared)
        return resources.flatMap((resource) =>
            spared.some((keep) => matchesIamGlob(keep, resource)) ? [resource] : spared.filter((keep) => matchesIamGlob(resource, keep)),
        );
    const denied = statementResources(deny);
    return resources.filter((resource) => !denied.some((pattern) => matchesIamGlob(pattern, resource)));
}

function applyDenies(set: PermissionSet, documents: readonly LabelledDocument[]): void {
    for (const { document } of documents) {
        for (const statement of document.statements) {
            if (statement.effect !== "Deny" || conditionKeys(statement).length > 0) continue;
            for (const action of statementActions(statement)) {
                const grants = set.get(action.key);
                if (!grants) continue;
                const kept = grants
                    .map((grant) => ({ ...grant, resources: resourcesLeftByDeny(grant.resources, statement) }))
                    .filter((grant) => grant.resources.length > 0);
                if (kept.length) set.set(action.key, kept);
                else set.delete(action.key);
            }
        }
    }
}

/**
 * A permissions boundary caps what identity policies grant: an action survives only if the
 * boundary allows it too, and where the boundary allows it only on narrower resources or under a
 * condition, the effective grant inherits those limits.
 */
const ceilings = new WeakMap<PolicyDocument, PermissionSet>();

function intersectWithBoundary(set: PermissionSet, boundary: LabelledDocument): void {
    let ceiling = ceilings.get(boundary.document);
    if (!ceiling) {
        ceiling = allowsOf([boundary]);
        ceilings.set(boundary.document, ceiling);
    }
    for (const [action, grants] of [...set]) {
        const limits = ceiling.get(action);
        if (!limits) {
            set.delete(action);
            continue;
        }
        const boundaryUnlimited = limits.some((limit) => limit.conditionKeys.length === 0 && limit.resources.some(isUnrestrictedResource));
        if (boundaryUnlimited) continue;
        // One effective grant per boundary statement: each is a separate way through the ceiling,
        // so one statement's condition must not be credited to another's.
        set.set(
            action,
            grants.flatMap((grant) =>
                limits.map((limit) => ({
                    resources: grant.resources.some(isUnrestrictedResource) ? limit.resources : grant.resources,
                    conditionKeys: [...grant.conditionKeys, ...limit.conditionKeys],
                    sources: [...grant.sources, boundary.label],
                })),
            ),
        );
    }
    applyDenies(set, [boundary]);
}

/**
 * A principal's effective permissions: the union of its identity policies, less explicit denies,
 * intersected with its permissions boundary when one is attached and its document is known.
 */
export function effectivePermissions(identity: readonly LabelledDocument[], boundary?: LabelledDocument): PermissionSet {
    const set = allowsOf(identity);
    applyDenies(set, identity);
    if (boundary) intersectWithBoundary(set, boundary);
    return set;
}

/**
 * The grants through which `action` reaches every resource of its kind with no condition among
 * `restrictingKeys` (keys may end in `*`). Empty when the action is scoped or absent.
 */
export function unrestrictedGrants(set: PermissionSet, action: string, restrictingKeys: readonly string[]): Grant[] {
    const restricting = restrictingKeys.map((key) => key.toLowerCase());
    const isRestricting = (key: string): boolean => restricting.some((r) => (r.endsWith("*") ? key.startsWith(r.slice(0, -1)) : key === r));
    return (set.get(action.toLowerCase()) ?? []).filter((grant) => grant.resources.some(isUnrestrictedResource) && !grant.conditionKeys.some(isRestricting));
}
