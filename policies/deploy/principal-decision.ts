import { rcpSupportedServices } from "../iam/action-catalog";
import type { LabelledDocument } from "../iam/permissions";
import { AuthorizationRequest, describeMatch, findStatement, statementApplies } from "../iam/request-decision";
import type { PolicyStatement } from "../iam/policy-document";
import type { ScpLevel } from "./organization-structure";

/**
 * A principal as IAM evaluates its requests: identity policies, an optional permissions boundary,
 * the SCPs of its account's place in the organisation, and the RCPs over the resources of that
 * account, which is where its calls act (neither in the management account).
 */
export interface PrincipalPolicies {
    arn: string;
    accountId: string;
    identity: LabelledDocument[];
    boundary?: LabelledDocument;
    /** Root first; `exempt` in the management account. */
    scps: ScpLevel[] | "exempt";
    /** Root first; `exempt` in the management account. Applied to calls on services RCPs govern. */
    rcps: ScpLevel[] | "exempt";
}

export type Decision = { allowed: true } | { allowed: false; deniedBy?: string; reason: string };

const ALLOWED: Decision = { allowed: true };

/** How a key policy statement names its principals: this principal itself, or the account (delegating to IAM). */
function keyPolicyReach(statement: PolicyStatement, principal: PrincipalPolicies): "direct" | "account" | undefined {
    const named = statement.principal;
    if (!named) return undefined;
    if (named.anyone || named.aws.includes(principal.arn)) return "direct";
    const account = principal.accountId;
    if (named.aws.some((entry) => entry === account || /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(entry)?.[1] === account)) return "account";
    return undefined;
}

function keyPolicyStatement(keyPolicy: LabelledDocument, principal: PrincipalPolicies, effect: "Allow" | "Deny", request: AuthorizationRequest) {
    for (const statement of keyPolicy.document.statements) {
        if (statement.effect !== effect) continue;
        const reach = keyPolicyReach(statement, principal);
        if (reach && statementApplies(statement, request)) return { reach, sid: statement.sid };
    }
    return undefined;
}

/** Every document whose Deny binds the principal, gathered once per principal (and with or without its RCPs): the check asks thousands of times. */
const denyingDocuments = new WeakMap<PrincipalPolicies, { withRcps: LabelledDocument[]; withoutRcps: LabelledDocument[] }>();

function levelsOf(levels: ScpLevel[] | "exempt"): ScpLevel[] {
    return levels === "exempt" ? [] : levels;
}

function documentsThatDeny(principal: PrincipalPolicies, rcpsApply: boolean): LabelledDocument[] {
    let documents = denyingDocuments.get(principal);
    if (!documents) {
        const own = [
            ...levelsOf(principal.scps).flatMap((level) => level.policies),
            ...principal.identity,
            ...(principal.boundary ? [principal.boundary] : []),
        ];
        documents = { withoutRcps: own, withRcps: [...levelsOf(principal.rcps).flatMap((level) => level.policies), ...own] };
        denyingDocuments.set(principal, documents);
    }
    return rcpsApply ? documents.withRcps : documents.withoutRcps;
}

/**
 * IAM's evaluation for a request within one account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny anywhere decides; otherwise every SCP level, and every RCP level for a service
 * RCPs govern, must allow, the identity policies must allow (or, for a KMS key, its key policy may
 * name the principal itself) and the boundary must allow.
 */
export function decide(principal: PrincipalPolicies, request: AuthorizationRequest, keyPolicy?: LabelledDocument): Decision {
    const rcpsApply = rcpSupportedServices().has(request.action.slice(0, request.action.indexOf(":")).toLowerCase());
    const deny = findStatement(documentsThatDeny(principal, rcpsApply), "Deny", request);
    if (deny) return { allowed: false, deniedBy: deny.label, reason: `explicit Deny in ${describeMatch(deny)}` };
    const keyDeny = keyPolicy && keyPolicyStatement(keyPolicy, principal, "Deny", request);
    if (keyPolicy && keyDeny)
        return { allowed: false, deniedBy: keyPolicy.label, reason: `explicit Deny in ${describeMatch({ label: keyPolicy.label, sid: keyDeny.sid })}` };

    for (const level of levelsOf(principal.scps)) {
        if (!findStatement(level.policies, "Allow", request)) return { allowed: false, reason: `no SCP attached to ${level.target} allows it` };
    }
    for (const level of rcpsApply ? levelsOf(principal.rcps) : []) {
        if (!findStatement(level.policies, "Allow", request)) return { allowed: false, reason: `no RCP attached to ${level.target} allows it` };
    }
    const keyAllow = keyPolicy && keyPolicyStatement(keyPolicy, principal, "Allow", request);
    if (keyPolicy && !keyAllow)
        return { allowed: false, reason: `${keyPolicy.label} neither allows it to ${principal.arn} nor lets the account's IAM policies decide` };
    if (keyAllow?.reach !== "direct" && !findStatement(principal.identity, "Allow", request)) {
        return { allowed: false, reason: `no identity policy of ${principal.arn} allows it` };
    }
    if (principal.boundary && !findStatement([principal.boundary], "Allow", request)) {
        return { allowed: false, reason: `the permissions boundary (${principal.boundary.label}) does not allow it` };
    }
    return ALLOWED;
}
