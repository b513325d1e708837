import { conditionsCertain, judgeConditions, KeyLookup, lookupIn, RequestContext } from "./conditions";
import { iamGlobToRegExp, matchesIamGlob } from "../../lib/iam-glob";
import { LabelledDocument, resourcesLeftByDeny } from "./permissions";
import type { PolicyDocument, PolicyStatement } from "./policy-document";
import { reachesEveryResourceOf } from "./resource-types";

/**
 * May principal P call action A on resource R? IAM's evaluation logic within one account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny in any policy wins; otherwise the identity policies must allow the request, and
 * so must the permissions boundary when there is one, and every level of service control
 * policies on the account's path in the organisation. Resource policies, session policies and
 * cross-account access are out of scope.
 *
 * Two forms of the question: `authorize` judges one concrete request (every condition key known
 * or absent), for a deployability check that asks whether a pipeline can make a call; `reach`
 * judges a request whose target or context is partly unknown (any role, a tag not yet set), for
 * the escalation analysis, and says whether the grant is certain, confined by a condition, or absent.
 */

export interface PrincipalPolicies {
    /** Every identity policy that applies: inline, attached, and those of the principal's groups. */
    identity: readonly LabelledDocument[];
    boundary?: LabelledDocument;
    /** Service control policies, one list per level of the account's path (root first); each level must allow. */
    serviceControlPolicies?: ReadonlyArray<readonly LabelledDocument[]>;
}

export interface AccessRequest {
    /** `service:Action`, compared case-insensitively. */
    action: string;
    /** The ARN acted on; `*` for an action that takes no resource. */
    resource: string;
    /** Lower-cased condition key → values; absent keys are absent from the request. */
    context?: RequestContext;
}

export type AccessOutcome = "allowed" | "explicit-deny" | "not-allowed-by-identity" | "not-allowed-by-boundary" | "not-allowed-by-scp";

export interface AccessDecision {
    outcome: AccessOutcome;
    allowed: boolean;
    /** The policy that decided: the Deny that matched, or the allowing identity policies. */
    by: string[];
}

/** The target of a request the analysis judges: one resource, or every resource of the action's type. */
export type Target = { arn: string } | "any";

/** How certainly a set of policies lets a request through. */
export interface Reach {
    grant: "certain" | "confined" | "none";
    /** Labels of the allowing policies (for certain or confined grants), or of the denying one. */
    sources: string[];
    /** Condition keys that confine the grant. */
    confinedBy: string[];
    deniedBy?: string;
}

interface LabelledStatement {
    label: string;
    statement: PolicyStatement;
}

const relevant = new WeakMap<PolicyDocument, Map<string, PolicyStatement[]>>();

/** The statements of a document whose Action or NotAction covers the action, computed once per document and action. */
function statementsFor(document: PolicyDocument, action: string): PolicyStatement[] {
    const key = action.toLowerCase();
    let byAction = relevant.get(document);
    if (!byAction) relevant.set(document, (byAction = new Map()));
    let statements = byAction.get(key);
    if (!statements) {
        const covers = (patterns: readonly string[]) => patterns.some((pattern) => iamGlobToRegExp(pattern, true).test(key));
        statements = document.statements.filter((statement) => (statement.actions ? covers(statement.actions) : !covers(statement.notActions ?? [])));
        byAction.set(key, statements);
    }
    return statements;
}

interface Relevant {
    allows: LabelledStatement[];
    denies: LabelledStatement[];
}

const relevantByDocuments = new WeakMap<readonly LabelledDocument[], Map<string, Relevant>>();

/** The Allow and Deny statements of a set of documents that cover an action, once per set and action. */
function relevantFor(documents: readonly LabelledDocument[], action: string): Relevant {
    const key = action.toLowerCase();
    let byAction = relevantByDocuments.get(documents);
    if (!byAction) relevantByDocuments.set(documents, (byAction = new Map()));
    let found = byAction.get(key);
    if (!found) {
        found = { allows: [], denies: [] };
        for (const { label, document } of documents)
            for (const statement of statementsFor(document, key)) (statement.effect === "Allow" ? found.allows : found.denies).push({ label, statement });
        byAction.set(key, found);
    }
    return found;
}

const ceilingsOf = new WeakMap<PrincipalPolicies, ReadonlyArray<readonly LabelledDocument[]>>();

/** The boundary (when there is one) and the SCP levels: each a ceiling the request must also pass. */
function ceilings(principal: PrincipalPolicies): ReadonlyArray<readonly LabelledDocument[]> {
    let found = ceilingsOf.get(principal);
    if (!found) ceilingsOf.set(principal, (found = [...(principal.boundary ? [[principal.boundary]] : []), ...(principal.serviceControlPolicies ?? [])]));
    return found;
}

function matchesResource(statement: PolicyStatement, arn: string): boolean {
    if (statement.notResources) return !statement.notResources.some((pattern) => matchesIamGlob(pattern, arn));
    return (statement.resources ?? ["*"]).some((pattern) => matchesIamGlob(pattern, arn));
}

/** The resource patterns through which a statement reaches every resource of a type the action acts on (`NotResource` counts as `*`). */
function unrestrictedPatterns(statement: PolicyStatement, action: string): string[] {
    if (statement.notResources) return ["*"];
    return (statement.resources ?? ["*"]).filter((pattern) => reachesEveryResourceOf(pattern, action));
}

/**
 * How one set of policies (the identity policies, a boundary, one SCP level) treats a request:
 * the grant is certain when an Allow's condition always holds, confined when every Allow depends
 * on a confining key, none when nothing allows it or a Deny certainly applies. For `any` target, a
 * Deny removes the resource patterns it covers, and what is left must still reach every resource.
 */
export function reach(documents: readonly LabelledDocument[], action: string, target: Target, lookup: KeyLookup): Reach {
    const relevant = relevantFor(documents, action);
    const denies = relevant.denies.filter(({ statement }) => conditionsCertain(statement.conditions, lookup));
    // A Deny on the target is named even when nothing allows it: IAM checks explicit denies first.
    if (target !== "any") {
        const deny = denies.find(({ statement }) => matchesResource(statement, target.arn));
        if (deny) return { grant: "none", sources: [], confinedBy: [], deniedBy: deny.label };
    }
    if (!relevant.allows.length) return { grant: "none", sources: [], confinedBy: [] };
    const certain: string[] = [];
    const confined: string[] = [];
    const confinedBy = new Set<string>();
    let deniedBy: string | undefined;
    for (const { label, statement } of relevant.allows) {
        if (target === "any") {
            let patterns = unrestrictedPatterns(statement, action);
            for (const deny of denies) {
                const left = resourcesLeftByDeny(patterns, deny.statement).filter((pattern) => reachesEveryResourceOf(pattern, action));
                if (patterns.length && !left.length) deniedBy = deny.label;
                patterns = left;
            }
            if (!patterns.length) continue;
        } else if (!matchesResource(statement, target.arn)) continue;
        const verdict = judgeConditions(statement.conditions, lookup);
        if (verdict.holds === "always") certain.push(label);
        else if (verdict.holds === "depends") {
            confined.push(label);
            for (const key of verdict.on) confinedBy.add(key);
        }
    }
    if (certain.length) return { grant: "certain", sources: [...new Set(certain)], confinedBy: [] };
    if (confined.length) return { grant: "confined", sources: [...new Set(confined)], confinedBy: [...confinedBy] };
    return { grant: "none", sources: [], confinedBy: [], deniedBy };
}

/** The identity policies, the boundary and every SCP level together: each must let the request through. */
export function reachThroughAll(principal: PrincipalPolicies, action: string, target: Target, lookup: KeyLookup): Reach {
    const identity = reach(principal.identity, action, target, lookup);
    if (identity.grant === "none") return identity;
    let grant = identity.grant;
    const confinedBy = new Set(identity.confinedBy);
    for (const level of ceilings(principal)) {
        const ceiling = reach(level, action, target, lookup);
        if (ceiling.grant === "none") return { grant: "none", sources: [], confinedBy: [], deniedBy: ceiling.deniedBy };
        if (ceiling.grant === "confined") {
            grant = "confined";
            for (const key of ceiling.confinedBy) confinedBy.add(key);
        }
    }
    return { grant, sources: identity.sources, confinedBy: [...confinedBy] };
}

/** One concrete request through IAM's evaluation logic. */
export function authorize(principal: PrincipalPolicies, request: AccessRequest): AccessDecision {
    const lookup = lookupIn(request.context ?? new Map());
    const target = { arn: request.resource };
    const all = [...principal.identity, ...(principal.boundary ? [principal.boundary] : []), ...(principal.serviceControlPolicies ?? []).flat()];
    const denied = reach(all, request.action, target, lookup);
    if (denied.deniedBy) return { outcome: "explicit-deny", allowed: false, by: [denied.deniedBy] };
    const identity = reach(principal.identity, request.action, target, lookup);
    if (identity.grant !== "certain") return { outcome: "not-allowed-by-identity", allowed: false, by: [] };
    if (principal.boundary && reach([principal.boundary], request.action, target, lookup).grant !== "certain")
        return { outcome: "not-allowed-by-boundary", allowed: false, by: [principal.boundary.label] };
    for (const level of principal.serviceControlPolicies ?? []) {
        if (reach(level, request.action, target, lookup).grant !== "certain")
            return { outcome: "not-allowed-by-scp", allowed: false, by: level.map((scp) => scp.label) };
    }
    return { outcome: "allowed", allowed: true, by: identity.sources };
}
