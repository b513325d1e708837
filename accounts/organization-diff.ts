import { flattenOrganizationalUnits } from "./organization-tree";
import type { MemberAccount } from "./organization-schema";
import { ROOT_TARGET, type OrganizationModel } from "./organization-catalog";
import type { OrganizationalUnitInput } from "./organization-schema";
import { isActive, LiveAccount, LiveOrganization, LiveServiceControlPolicy, parentPath, Tags } from "./live-organization";
import type { MemberState } from "./member-probe";

/**
 * What differs between the catalog and the live organisation: a pure function of the two, so every
 * kind of drift is tested on hand-built snapshots. Each drift says what the catalog wants and what
 * AWS has, in the catalog's own terms (account names, OU paths, SCP names).
 */

export type DriftKind =
    | "management-account"
    | "account-missing"
    | "account-extra"
    | "account-wrong-ou"
    | "account-attributes"
    | "ou-missing"
    | "ou-extra"
    | "tags"
    | "scp-missing"
    | "scp-extra"
    | "scp-content"
    | "scp-attachment-missing"
    | "scp-attachment-extra"
    | "access-role"
    | "github-oidc-provider";

export interface Drift {
    kind: DriftKind;
    /** `account orders-prod`, `ou Workloads/Prod`, `scp deny-root-user`. */
    subject: string;
    message: string;
    expected?: unknown;
    actual?: unknown;
}

export interface DiffOptions {
    /** Tags the organization stack's provider adds to every resource (`aws:defaultTags`). */
    defaultTags: Tags;
    /** What the management account found in each member account (by account id), when it looked. */
    members?: ReadonlyMap<string, MemberState>;
}

/** Pairs each catalog account with its live account: by id when the catalog has one, else by email. */
export function matchAccounts(accounts: readonly MemberAccount[], live: LiveOrganization): Map<string, LiveAccount> {
    const matches = new Map<string, LiveAccount>();
    for (const account of accounts) {
        const found = account.id
            ? live.accounts.find((candidate) => candidate.id === account.id)
            : live.accounts.find((candidate) => candidate.email.toLowerCase() === account.email.toLowerCase());
        if (found) matches.set(account.name, found);
    }
    return matches;
}

export function diffOrganization(catalog: OrganizationModel, live: LiveOrganization, options: DiffOptions): Drift[] {
    const drifts: Drift[] = [];
    const organization = catalog.organization;
    if (organization.managementAccount.id !== live.managementAccountId) {
        drifts.push({
            kind: "management-account",
            subject: `organisation of ${live.managementAccountId}`,
            message: `the credentials reach the organisation managed by ${live.managementAccountId}, but the catalog's management account is ${organization.managementAccount.id}`,
            expected: organization.managementAccount.id,
            actual: live.managementAccountId,
        });
    }
    drifts.push(...diffOrganizationalUnits(organization.organizationalUnits, live, options));
    const matches = matchAccounts(organization.accounts, live);
    drifts.push(...diffAccounts(organization.accounts, matches, live, options));
    drifts.push(...diffPolicies(catalog, matches, live));
    if (options.members) drifts.push(...memberDrifts(catalog, live, options.members));
    return drifts;
}

/**
 * What the stacks will need inside each member account: the access role, which wave 1 and the
 * bootstrap assume (an account that joined by invitation has none), and a GitHub OIDC provider the
 * catalog's `githubOidcProvider` agrees with (creating a second one for the same URL fails).
 */
export function memberDrifts(catalog: OrganizationModel, live: LiveOrganization, members: ReadonlyMap<string, MemberState>): Drift[] {
    const drifts: Drift[] = [];
    const matches = matchAccounts(catalog.organization.accounts, live);
    const roleName = catalog.organization.accessRoleName;
    for (const account of catalog.organization.accounts) {
        const found = matches.get(account.name);
        const state = found && members.get(found.id);
        if (!found || !state) continue;
        const subject = `account ${account.name}`;
        if (state.accessRole === "not-assumable") {
            const invited = found.joinedMethod === "INVITED" ? "; the account joined by invitation, so Organizations never created the role" : "";
            drifts.push({
                kind: "access-role",
                subject,
                message: `the management account cannot assume ${roleName} (${state.reason})${invited}. Create it with AdministratorAccess and trust in the management account (docs/guides/adopt-an-existing-organisation.md)`,
                expected: roleName,
                actual: state.reason,
            });
            continue;
        }
        const wanted = account.githubOidcProvider;
        if (state.githubOidcProvider && wanted === "create") {
            drifts.push({
                kind: "github-oidc-provider",
                subject,
                message:
                    "already has the GitHub Actions OIDC provider, and an account holds only one per URL: set githubOidcProvider: import (or reuse, if something else manages it)",
                expected: "create",
                actual: "exists",
            });
        } else if (!state.githubOidcProvider && wanted !== "create") {
            drifts.push({
                kind: "github-oidc-provider",
                subject,
                message: `has no GitHub Actions OIDC provider to ${wanted}: set githubOidcProvider: create`,
                expected: wanted,
                actual: "none",
            });
        }
    }
    return drifts;
}

function diffOrganizationalUnits(units: readonly OrganizationalUnitInput[], live: LiveOrganization, options: DiffOptions): Drift[] {
    const drifts: Drift[] = [];
    const wanted = new Map(flattenOrganizationalUnits(units).map((unit) => [unit.path, unit.tags]));
    for (const [path, tags] of wanted) {
        const found = live.organizationalUnits.find((unit) => unit.path === path);
        if (!found) {
            drifts.push({ kind: "ou-missing", subject: `ou ${path}`, message: "is in the catalog but not in the organisation" });
            continue;
        }
        drifts.push(...diffTags(`ou ${path}`, { ...options.defaultTags, ...tags }, found.tags));
    }
    for (const unit of live.organizationalUnits) {
        if (!wanted.has(unit.path))
            drifts.push({
                kind: "ou-extra",
                subject: `ou ${unit.path}`,
                message: `exists in the organisation (${unit.id}) but not in the catalog`,
                actual: unit.id,
            });
    }
    return drifts;
}

function diffAccounts(accounts: readonly MemberAccount[], matches: Map<string, LiveAccount>, live: LiveOrganization, options: DiffOptions): Drift[] {
    const drifts: Drift[] = [];
    for (const account of accounts) {
        const subject = `account ${account.name}`;
        const found = matches.get(account.name);
        if (!found || !isActive(found)) {
            const why = found
                ? `is ${found.state} in the organisation`
                : account.id
                  ? `has no account ${account.id} in the organisation`
                  : "does not exist yet (no id in the catalog, no account with its email)";
            drifts.push({ kind: "account-missing", subject, message: why, expected: account.id ?? account.email, actual: found?.state });
            continue;
        }
        const fields: Array<{ field: string; expected: string | undefined; actual: string }> = [];
        if (found.name !== account.name) fields.push({ field: "name", expected: account.name, actual: found.name });
        if (found.email.toLowerCase() !== account.email.toLowerCase()) fields.push({ field: "email", expected: account.email, actual: found.email });
        if (!account.id) fields.push({ field: "id", expected: undefined, actual: found.id });
        if (fields.length > 0) {
            drifts.push({
                kind: "account-attributes",
                subject,
                message: fields
                    .map(({ field, expected, actual }) =>
                        expected === undefined ? `${field} is ${actual} (not recorded in the catalog)` : `${field} is "${actual}", catalog says "${expected}"`,
                    )
                    .join("; "),
                expected: Object.fromEntries(fields.map(({ field, expected }) => [field, expected ?? null])),
                actual: Object.fromEntries(fields.map(({ field, actual }) => [field, actual])),
            });
        }
        const actualOu = parentPath(live, found.parentId);
        if (actualOu !== account.ou) {
            drifts.push({
                kind: "account-wrong-ou",
                subject,
                message: `is in ${actualOu}, catalog says ${account.ou}`,
                expected: account.ou,
                actual: actualOu,
            });
        }
        drifts.push(...diffTags(subject, { ...options.defaultTags, ...account.tags }, found.tags));
    }
    const matchedIds = new Set([...matches.values()].map((account) => account.id));
    for (const account of live.accounts) {
        if (matchedIds.has(account.id) || account.id === live.managementAccountId || !isActive(account)) continue;
        drifts.push({
            kind: "account-extra",
            subject: `account ${account.name}`,
            message: `exists in the organisation (${account.id}, ${account.email}, in ${parentPath(live, account.parentId)}) but not in the catalog`,
            actual: account.id,
        });
    }
    return drifts;
}

function diffTags(subject: string, expected: Tags, actual: Tags): Drift[] {
    const changes: string[] = [];
    for (const [key, value] of Object.entries(expected)) {
        if (!(key in actual)) changes.push(`missing ${key}=${value}`);
        else if (actual[key] !== value) changes.push(`${key} is "${actual[key]}", catalog says "${value}"`);
    }
    for (const key of Object.keys(actual)) if (!(key in expected)) changes.push(`unexpected ${key}=${actual[key]}`);
    return changes.length === 0 ? [] : [{ kind: "tags", subject, message: `tags differ: ${changes.join("; ")}`, expected, actual }];
}

function diffPolicies(catalog: OrganizationModel, matches: Map<string, LiveAccount>, live: LiveOrganization): Drift[] {
    const drifts: Drift[] = [];
    const customerManaged = live.serviceControlPolicies.filter((policy) => !policy.awsManaged);
    for (const scp of catalog.organization.serviceControlPolicies) {
        const subject = `scp ${scp.name}`;
        const found = customerManaged.find((policy) => policy.name === scp.name);
        if (!found) {
            drifts.push({ kind: "scp-missing", subject, message: "is in the catalog but not in the organisation" });
            continue;
        }
        const expectedDocument = catalog.scpDocuments[scp.name];
        if (!jsonEqual(expectedDocument, found.document)) {
            drifts.push({
                kind: "scp-content",
                subject,
                message: `document differs from ${scp.file}${statementHint(expectedDocument, found.document)}`,
                expected: expectedDocument,
                actual: found.document,
            });
        }
        const wanted = new Set(scp.targets);
        const attached = new Set(found.targets.map((target) => targetName(target.targetId, matches, live)));
        for (const target of wanted) {
            if (!attached.has(target)) drifts.push({ kind: "scp-attachment-missing", subject, message: `is not attached to ${target}`, expected: target });
        }
        for (const target of attached) {
            if (!wanted.has(target))
                drifts.push({ kind: "scp-attachment-extra", subject, message: `is attached to ${target}, which the catalog does not list`, actual: target });
        }
    }
    const names = new Set(catalog.organization.serviceControlPolicies.map((scp) => scp.name));
    for (const policy of customerManaged) {
        if (!names.has(policy.name)) drifts.push(extraPolicy(policy, matches, live));
    }
    return drifts;
}

function extraPolicy(policy: LiveServiceControlPolicy, matches: Map<string, LiveAccount>, live: LiveOrganization): Drift {
    const targets = policy.targets.map((target) => targetName(target.targetId, matches, live));
    return {
        kind: "scp-extra",
        subject: `scp ${policy.name}`,
        message: `exists in the organisation (${policy.id}${targets.length > 0 ? `, attached to ${targets.join(", ")}` : ", not attached"}) but not in the catalog`,
        actual: policy.id,
    };
}

/** A live target in the catalog's terms: Root, an OU path, or an account's catalog name. */
function targetName(targetId: string, matches: Map<string, LiveAccount>, live: LiveOrganization): string {
    if (targetId === live.rootId) return ROOT_TARGET;
    const unit = live.organizationalUnits.find((candidate) => candidate.id === targetId);
    if (unit) return unit.path;
    for (const [name, account] of matches) if (account.id === targetId) return name;
    return live.accounts.find((account) => account.id === targetId)?.name ?? targetId;
}

/** Structural equality of parsed JSON: key order is irrelevant, array order is not (IAM keeps it). */
export function jsonEqual(left: unknown, right: unknown): boolean {
    if (left === right) return true;
    if (Array.isArray(left) || Array.isArray(right)) {
        return Array.isArray(left) && Array.isArray(right) && left.length === right.length && left.every((item, index) => jsonEqual(item, right[index]));
    }
    if (typeof left === "object" && left !== null && typeof right === "object" && right !== null) {
        const leftKeys = Object.keys(left);
        const rightRecord = right as Record<string, unknown>;
        return (
            leftKeys.length === Object.keys(right).length &&
            leftKeys.every((key) => key in rightRecord && jsonEqual((left as Record<string, unknown>)[key], rightRecord[key]))
        );
    }
    return false;
}

/** Names the statements that differ, when both documents have Sids: enough to find the edit. */
function statementHint(expected: unknown, actual: unknown): string {
    const bySid = (document: unknown) =>
        new Map(
            statements(document)
                .filter((statement) => typeof statement.Sid === "string")
                .map((statement) => [statement.Sid as string, statement]),
        );
    const wanted = bySid(expected);
    const found = bySid(actual);
    const sids = [...new Set([...wanted.keys(), ...found.keys()])].filter((sid) => !jsonEqual(wanted.get(sid), found.get(sid)));
    return sids.length > 0 ? ` (statements ${sids.join(", ")})` : "";
}

function statements(document: unknown): Array<Record<string, unknown>> {
    if (typeof document !== "object" || document === null) return [];
    const statement = (document as { Statement?: unknown }).Statement;
    const list = Array.isArray(statement) ? statement : statement ? [statement] : [];
    return list.filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null);
}
