import type { LabelledDocument } from "../iam/permissions";
import { AuthorizationRequest, describeMatch, findStatement, statementApplies } from "../iam/request-decision";
import type { PolicyStatement } from "../iam/policy-document";
import type { ScpLevel } from "./organization-structure";

/**
 * A principal as IAM evaluates its requests: identity policies, an optional permissions boundary,
 * and the SCPs of its account's place in the organisation (none in the management account).
 */
export interface PrincipalPolicies {
    arn: string;
    accountId: string;
    identity: LabelledDocument[];
    boundary?: LabelledDocument;
    /** Root first; `exempt` in the management account. */
    scps: ScpLevel[] | "exempt";
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

/**
 * IAM's evaluation for a request within one account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny anywhere decides; otherwise every SCP level must allow, the identity policies
 * must allow (or, for a KMS key, its key policy may name the principal itself) and the boundary
 * must allow.
 */
/** Every document whose Deny binds the principal, gathered once per principal: the check asks thousands of times. */
const denyingDocuments = new WeakMap<PrincipalPolicies, LabelledDocument[]>();

function documentsThatDeny(principal: PrincipalPolicies): LabelledDocument[] {
    let documents = denyingDocuments.get(principal);
    if (!documents) {
        const scps = principal.scps === "exempt" ? [] : principal.scps.flatMap((level) => level.policies);
        documents = [...scps, ...principal.identity, ...(principal.boundary ? [principal.boundary] : [])];
        denyingDocuments.set(principal, documents);
    }
    return documents;
}

export function decide(principal: PrincipalPolicies, request: AuthorizationRequest, keyPolicy?: LabelledDocument): Decision {
    const deny = findStatement(documentsThatDeny(principal), "Deny", request);
    if (deny) return { allowed: false, deniedBy: deny.label, reason: `explicit Deny in ${describeMatch(deny)}` };
    const keyDeny = keyPolicy && keyPolicyStatement(keyPolicy, principal, "Deny", request);
    if (keyPolicy && keyDeny)
        return { allowed: false, deniedBy: keyPolicy.label, reason: `explicit Deny in ${describeMatch({ label: keyPolicy.label, sid: keyDeny.sid })}` };

    if (principal.scps !== "exempt") {
        for (const level of principal.scps) {
            if (!findStatement(level.policies, "Allow", request)) return { allowed: false, reason: `no SCP attached to ${level.target} allows it` };
        }
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
