import { PrincipalPolicies, reachThroughAll, Target } from "./authorization";
import { conditionKeySource } from "./condition-keys";
import { judgeConditions, KeyLookup, KeyState } from "./conditions";
import { ESCALATION_METHODS, EscalationMethod } from "./escalation-methods";
import { iamGlobToRegExp } from "../../lib/iam-glob";
import { expandActionPattern } from "./action-catalog";
import type { PolicyDocument, PolicyStatement } from "./policy-document";
import type { StackGroup, StackPrincipals, StackRole } from "./stack-roles";

/**
 * Which published escalation methods each principal of a stack can use. An action of a method is
 * reachable when the principal's effective permissions (identity policies, its groups' included,
 * less denies, within its boundary) certainly allow it either on every resource of its type or on
 * one of the principal's own resources: a pattern that matches its own role, user, groups or
 * policies is no restriction. Conditions are judged with their values, against what is known of
 * the request: the principal's own ARN, account and tags, its own resources' tags and boundary,
 * the service a role is passed to, the time. A principal that can assume another role of the stack
 * (its identity policy allows sts:AssumeRole and the role's trust admits it) has that role's paths too.
 */

export interface EscalationOptions {
    /** Condition keys that, matched positively against named values, confine a grant (`*` at the end covers tag keys). */
    restrictingConditionKeys: readonly string[];
    accountId?: string;
    now?: Date;
}

export interface EscalationPath {
    method: EscalationMethod;
    /** The policies whose grants combine into the path. */
    sources: string[];
    /** Actions reachable only on the principal's own resources. */
    onItself: string[];
    /** The roles assumed on the way, for a path reached through sts:AssumeRole. */
    through: string[];
}

export interface PrincipalEscalation {
    principal: StackRole;
    paths: EscalationPath[];
}

/** Actions that act on the principal itself when aimed at its own role, user, groups or policies. */
const SELF_TARGET_KINDS: Record<string, "principal" | "group" | "policy"> = {
    "iam:putrolepolicy": "principal",
    "iam:attachrolepolicy": "principal",
    "iam:updateassumerolepolicy": "principal",
    "iam:putrolepermissionsboundary": "principal",
    "iam:deleterolepermissionsboundary": "principal",
    "iam:putuserpolicy": "principal",
    "iam:attachuserpolicy": "principal",
    "iam:putuserpermissionsboundary": "principal",
    "iam:deleteuserpermissionsboundary": "principal",
    "iam:putgrouppolicy": "group",
    "iam:attachgrouppolicy": "group",
    "iam:createpolicyversion": "policy",
    "iam:setdefaultpolicyversion": "policy",
};

interface OwnResource {
    arn: string;
    tags: Record<string, string>;
    boundaryArn?: string;
}

const restrictingByKeys = new WeakMap<readonly string[], (key: string) => boolean>();

/** Is a (lower-cased) key one of the restricting keys (`*` at the end covers tag keys)? Compiled once per list. */
function restricting(keys: readonly string[]): (key: string) => boolean {
    let test = restrictingByKeys.get(keys);
    if (!test) {
        const patterns = keys.map((key) => iamGlobToRegExp(key, true));
        restrictingByKeys.set(keys, (test = (key) => patterns.some((pattern) => pattern.test(key))));
    }
    return test;
}

/** What the analysis knows of a request `principal` makes on `target` (one of its own resources, or unknown), passing a role to `passedToService`. */
function requestLookup(principal: StackRole, target: OwnResource | undefined, passedToService: string | undefined, options: EscalationOptions): KeyLookup {
    const confines = restricting(options.restrictingConditionKeys);
    const now = options.now ?? new Date();
    const known = (values: readonly string[]): KeyState => ({ kind: "known", values });
    const unknown = (key: string): KeyState => ({ kind: "unknown", confining: confines(key) });
    const tag = (tags: Record<string, string>, key: string): KeyState => {
        const wanted = key.slice(key.indexOf("/") + 1);
        const found = Object.entries(tags).find(([name]) => name.toLowerCase() === wanted);
        return found ? known([found[1]]) : { kind: "absent" };
    };
    return (key) => {
        switch (conditionKeySource(key)) {
            case "principal":
                if (key === "aws:principalarn") return principal.arn ? known([principal.arn]) : unknown(key);
                if (key === "aws:principalaccount") return options.accountId ? known([options.accountId]) : unknown(key);
                if (key.startsWith("aws:principaltag/")) return tag(principal.tags, key);
                if (key === "aws:username") return principal.kind === "user" ? known([principal.name]) : { kind: "absent" };
                if (key === "aws:principaltype") return known([principal.kind === "user" ? "User" : "AssumedRole"]);
                if (key === "aws:principalisawsservice") return known(["false"]);
                return { kind: "unknown", confining: false };
            case "resource":
                if (!target) return unknown(key);
                if (key.startsWith("aws:resourcetag/") || key.startsWith("iam:resourcetag/")) return tag(target.tags, key);
                if (key === "iam:permissionsboundary") return target.boundaryArn ? known([target.boundaryArn]) : { kind: "absent" };
                if (key === "aws:resourceaccount" && options.accountId) return known([options.accountId]);
                return unknown(key);
            case "request":
                if (key === "iam:passedtoservice" && passedToService) return known([passedToService]);
                return { kind: "unknown", confining: false };
            case "environment":
                if (key === "aws:currenttime") return known([now.toISOString()]);
                if (key === "aws:epochtime") return known([String(Math.floor(now.getTime() / 1000))]);
                return unknown(key);
        }
    };
}

function ownResources(principal: StackRole, kind: "principal" | "group" | "policy", groups: readonly StackGroup[]): OwnResource[] {
    switch (kind) {
        case "principal":
            return principal.arn ? [{ arn: principal.arn, tags: principal.tags, boundaryArn: principal.boundaryArn }] : [];
        case "group":
            return groups.filter((group) => principal.groups.includes(group.name) && group.arn).map((group) => ({ arn: group.arn as string, tags: {} }));
        case "policy":
            return [...principal.policyArns, ...(principal.boundaryArn && !principal.boundaryArn.includes(":iam::aws:") ? [principal.boundaryArn] : [])].map(
                (arn) => ({
                    arn,
                    tags: {},
                }),
            );
    }
}

interface ActionReach {
    sources: string[];
    onItself: boolean;
}

const allowedByDocument = new WeakMap<PolicyDocument, ReadonlySet<string> | "any">();

/** The actions some Allow of the document names (`any` for a NotAction allow): an action outside them cannot be reached. */
function actionsAllowedBy(document: PolicyDocument): ReadonlySet<string> | "any" {
    let allowed = allowedByDocument.get(document);
    if (!allowed) {
        const allows = document.statements.filter((statement) => statement.effect === "Allow");
        allowed = allows.some((statement) => !statement.actions)
            ? "any"
            : new Set(allows.flatMap((statement) => (statement.actions ?? []).flatMap((pattern) => expandActionPattern(pattern).map((action) => action.key))));
        allowedByDocument.set(document, allowed);
    }
    return allowed;
}

/** The paths a principal's own permissions open, each action judged on any resource and on its own. */
function directPaths(principal: StackRole, groups: readonly StackGroup[], options: EscalationOptions): EscalationPath[] {
    const policies: PrincipalPolicies = { identity: principal.identity, boundary: principal.boundary };
    const allowed = principal.identity.map(({ document }) => actionsAllowedBy(document));
    const mayBeAllowed = (action: string) => allowed.some((actions) => actions === "any" || actions.has(action.toLowerCase()));
    const cache = new Map<string, ActionReach | undefined>();
    const reachable = (action: string, method: EscalationMethod): ActionReach | undefined => {
        const cacheKey = `${action}|${method.passedToService ?? ""}`;
        if (cache.has(cacheKey)) return cache.get(cacheKey);
        const selfKind = SELF_TARGET_KINDS[action.toLowerCase()];
        const targets: Array<{ target: Target; own?: OwnResource }> = [
            { target: "any" },
            ...(selfKind ? ownResources(principal, selfKind, groups) : []).map((own) => ({ target: { arn: own.arn }, own })),
        ];
        let found: ActionReach | undefined;
        for (const { target, own } of targets) {
            const result = reachThroughAll(policies, action, target, requestLookup(principal, own, method.passedToService, options));
            if (result.grant === "certain") {
                found = { sources: result.sources, onItself: target !== "any" };
                break;
            }
        }
        cache.set(cacheKey, found);
        return found;
    };
    const paths: EscalationPath[] = [];
    for (const method of ESCALATION_METHODS) {
        if (!method.actions.every(mayBeAllowed)) continue;
        const reaches: Array<{ action: string; reach: ActionReach }> = [];
        for (const action of method.actions) {
            const reach = reachable(action, method);
            if (!reach) break;
            reaches.push({ action, reach });
        }
        if (reaches.length < method.actions.length) continue;
        paths.push({
            method,
            sources: [...new Set(reaches.flatMap(({ reach }) => reach.sources))].sort(),
            onItself: reaches.filter(({ reach }) => reach.onItself).map(({ action }) => action),
            through: [],
        });
    }
    return paths;
}

function coversAssumeRole(statement: PolicyStatement): boolean {
    const covers = (patterns: readonly string[]) => patterns.some((pattern) => iamGlobToRegExp(pattern, true).test("sts:assumerole"));
    return statement.actions ? covers(statement.actions) : !covers(statement.notActions ?? []);
}

/**
 * Can `caller` assume `role`? The role's trust policy must admit it: by its own ARN (which, within
 * the account, suffices on its own), or by its account (then the caller's identity policies must
 * also allow sts:AssumeRole on the role), or by `*`; and the statement's condition must be
 * satisfiable for this caller.
 */
export function canAssume(caller: StackRole, role: StackRole, options: EscalationOptions): boolean {
    if (!role.trust || !role.arn || caller.urn === role.urn) return false;
    // Most roles trust a service alone: no AWS principal can assume them.
    if (!role.trust.statements.some((statement) => statement.principal?.anyone || statement.principal?.aws.length)) return false;
    const account = options.accountId;
    const lookup = requestLookup(caller, { arn: role.arn, tags: role.tags }, undefined, options);
    const admitted = role.trust.statements.filter(
        (statement) => statement.effect === "Allow" && coversAssumeRole(statement) && judgeConditions(statement.conditions, lookup).holds !== "never",
    );
    // A caller with no ARN yet is named by no entry (not even an empty one).
    const byArn = admitted.some((statement) => statement.principal?.aws.some((entry) => entry === caller.arn));
    if (byArn) return true;
    const byAccount = admitted.some(
        (statement) =>
            statement.principal?.anyone ||
            (account !== undefined && statement.principal?.aws.some((entry) => entry === account || entry === `arn:aws:iam::${account}:root`)),
    );
    if (!byAccount) return false;
    return reachThroughAll({ identity: caller.identity, boundary: caller.boundary }, "sts:AssumeRole", { arn: role.arn }, lookup).grant === "certain";
}

/**
 * Every principal of the stack with the escalation paths it can take: its own, then those of the
 * roles it can reach through sts:AssumeRole chains (the shortest chain to each role), each method
 * reported once.
 */
export function stackEscalations(stack: StackPrincipals, options: EscalationOptions): PrincipalEscalation[] {
    const direct = new Map(stack.principals.map((principal) => [principal.urn, directPaths(principal, stack.groups, options)]));
    const roles = stack.principals.filter((principal) => principal.kind === "role");
    return stack.principals.map((principal) => {
        const paths = [...(direct.get(principal.urn) ?? [])];
        const seenMethods = new Set(paths.map((path) => path.method.id));
        const visited = new Set([principal.urn]);
        let frontier: Array<{ role: StackRole; chain: string[] }> = [{ role: principal, chain: [] }];
        while (frontier.length) {
            const next: typeof frontier = [];
            for (const { role: from, chain } of frontier) {
                for (const role of roles) {
                    if (visited.has(role.urn) || !canAssume(from, role, options)) continue;
                    visited.add(role.urn);
                    const through = [...chain, role.name];
                    for (const path of direct.get(role.urn) ?? []) {
                        if (seenMethods.has(path.method.id)) continue;
                        seenMethods.add(path.method.id);
                        paths.push({ ...path, through });
                    }
                    next.push({ role, chain: through });
                }
            }
            frontier = next;
        }
        return { principal, paths };
    });
}
