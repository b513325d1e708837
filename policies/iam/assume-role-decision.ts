import { matchesIamGlob } from "../../lib/iam-glob";
import { conditionsHold, type RequestContext, UnknownConditionOperatorError } from "./condition-evaluation";
import type { LabelledDocument } from "./permissions";
import { type PolicyDocument, type PolicyStatement, parsePolicyDocumentOrUndefined } from "./policy-document";

/**
 * Whether one principal may assume one role: the role's trust policy must allow the caller, and,
 * for a role caller, the caller's identity policies (inside its boundary, if it has one) must allow
 * `sts:AssumeRole` on the role, with no explicit deny on either side. Only what trust policies use
 * is modelled: AWS and Federated principals, Action, Resource, and conditions, which the pack's
 * evaluator judges (a statement with an operator it does not know is taken not to apply, so
 * nothing is allowed by guesswork). Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */

export type AssumeAction = "sts:AssumeRole" | "sts:AssumeRoleWithWebIdentity";

export interface AssumeRequest {
    action: AssumeAction;
    /**
     * The caller: a role ARN, or a service principal (`events.amazonaws.com`) for a service assuming
     * a service role, for AssumeRole; the OIDC provider's ARN for AssumeRoleWithWebIdentity.
     */
    caller: string;
    /** The role being assumed. */
    role: string;
    /** Condition keys (any case) → the request's values: `aws:PrincipalOrgID`, `<oidc host>:sub`, ... */
    context: Readonly<Record<string, string>>;
}

export interface Decision {
    allowed: boolean;
    /** Which statement decided, or why nothing did. */
    reason: string;
}

/** The pack's condition evaluator on the request's context; an operator it does not know makes the statement not apply. */
function conditionsApply(statement: PolicyStatement, context: Readonly<Record<string, string>>): boolean {
    const requestContext: RequestContext = new Map(Object.entries(context).map(([key, value]) => [key.toLowerCase(), [value]]));
    try {
        return conditionsHold(statement.conditions, requestContext);
    } catch (error) {
        if (error instanceof UnknownConditionOperatorError) return false;
        throw error;
    }
}

function matchesAction(statement: PolicyStatement, action: string): boolean {
    if (statement.actions) return statement.actions.some((pattern) => matchesIamGlob(pattern, action, true));
    return !statement.notActions!.some((pattern) => matchesIamGlob(pattern, action, true));
}

function matchesResource(statement: PolicyStatement, resource: string): boolean {
    if (statement.resources) return statement.resources.some((pattern) => matchesIamGlob(pattern, resource));
    if (statement.notResources) return !statement.notResources.some((pattern) => matchesIamGlob(pattern, resource));
    return true;
}

/**
 * A role caller is named by its ARN, its account's root ARN or its account id; a service caller by
 * its service principal; an OIDC caller by its provider ARN.
 */
function matchesPrincipal(statement: PolicyStatement, request: AssumeRequest): boolean {
    const principal = statement.principal;
    if (!principal) return false;
    if (request.action === "sts:AssumeRoleWithWebIdentity") return principal.federated.includes(request.caller);
    if (!request.caller.startsWith("arn:")) return principal.service.includes(request.caller);
    const account = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(request.caller)?.[1];
    const partition = request.caller.split(":")[1];
    return (
        principal.anyone || principal.aws.some((entry) => entry === request.caller || entry === account || entry === `arn:${partition}:iam::${account}:root`)
    );
}

function parse(document: unknown): PolicyDocument | undefined {
    return parsePolicyDocumentOrUndefined(document);
}

function describe(statement: PolicyStatement, index: number): string {
    return statement.sid ? `statement ${statement.sid}` : `Statement[${index}]`;
}

/** The role's trust policy (a resource policy): does it let the caller in? */
export function trustAllows(trust: unknown, request: AssumeRequest): Decision {
    const document = parse(trust);
    if (!document) return { allowed: false, reason: `the trust policy of ${request.role} is missing or malformed` };
    const applies = (statement: PolicyStatement) =>
        matchesAction(statement, request.action) && matchesPrincipal(statement, request) && conditionsApply(statement, request.context);
    const deny = document.statements.findIndex((statement) => statement.effect === "Deny" && applies(statement));
    if (deny >= 0) return { allowed: false, reason: `the trust policy of ${request.role} denies it (${describe(document.statements[deny], deny)})` };
    const allow = document.statements.findIndex((statement) => statement.effect === "Allow" && applies(statement));
    return allow >= 0
        ? { allowed: true, reason: `trusted by ${describe(document.statements[allow], allow)}` }
        : { allowed: false, reason: `the trust policy of ${request.role} does not trust ${request.caller} for ${request.action}` };
}

/** The caller's identity side: an allow in its policies, inside its boundary, and no deny in either. */
export function identityAllows(identity: readonly LabelledDocument[], boundary: LabelledDocument | undefined, request: AssumeRequest): Decision {
    const applies = (statement: PolicyStatement) =>
        matchesAction(statement, request.action) && matchesResource(statement, request.role) && conditionsApply(statement, request.context);
    const find = (documents: readonly LabelledDocument[], effect: "Allow" | "Deny") =>
        documents.find((labelled) => labelled.document.statements.some((statement) => statement.effect === effect && applies(statement)));
    const all = boundary ? [...identity, boundary] : identity;
    const denied = find(all, "Deny");
    if (denied) return { allowed: false, reason: `${denied.label} denies ${request.action} on ${request.role}` };
    if (!find(identity, "Allow")) return { allowed: false, reason: `no policy of ${request.caller} allows ${request.action} on ${request.role}` };
    if (boundary && !find([boundary], "Allow")) return { allowed: false, reason: `the boundary of ${request.caller} (${boundary.label}) does not allow it` };
    return { allowed: true, reason: `allowed by ${find(identity, "Allow")!.label}` };
}
