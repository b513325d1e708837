import { matchesIamGlob } from "../../lib/iam-glob";
import { parsePolicyDocument, type PolicyStatement } from "../../policies/iam/policy-document";

/**
 * One request against one policy document, as IAM evaluates it, for the operators Meridian's
 * guard rails use. Tests put concrete requests (who, what, on which ARN, with which context)
 * to the SCPs, RCPs and resource policies and read whether a statement allows or denies them.
 */
export interface PolicyRequest {
    action: string;
    resource: string;
    /** Condition keys present in the request (lower-cased as IAM compares them); an absent key is missing. */
    context: Record<string, string | string[]>;
}

function valuesOf(request: PolicyRequest, key: string): string[] | undefined {
    const value = request.context[key.toLowerCase()];
    return value === undefined ? undefined : Array.isArray(value) ? value : [value];
}

/** `${aws:PrincipalTag/x}` and other variables take the request's value (no match when the key is missing). */
function resolveVariables(pattern: string, request: PolicyRequest): string | undefined {
    let missing = false;
    const resolved = pattern.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
        const values = valuesOf(request, key);
        if (!values) missing = true;
        return values?.[0] ?? "";
    });
    return missing ? undefined : resolved;
}

function matchesValue(operator: string, expected: string, actual: string, request: PolicyRequest): boolean {
    const pattern = resolveVariables(expected, request);
    if (pattern === undefined) return false;
    if (/Like$/.test(operator)) return matchesIamGlob(pattern, actual);
    if (/^Bool/.test(operator)) return pattern.toLowerCase() === actual.toLowerCase();
    return pattern === actual;
}

function conditionHolds(operator: string, key: string, expected: string[], request: PolicyRequest): boolean {
    const actual = valuesOf(request, key);
    if (operator === "Null") return expected.includes(actual === undefined ? "true" : "false");
    const ifExists = operator.endsWith("IfExists");
    const base = operator.replace(/IfExists$/, "").replace(/^For(Any|All)Value:/, "");
    if (actual === undefined) return ifExists || /Not/.test(base);
    const negated = /Not/.test(base);
    const positive = base.replace("Not", "");
    const anyMatch = actual.some((value) => expected.some((candidate) => matchesValue(positive, candidate, value, request)));
    return negated ? !anyMatch : anyMatch;
}

export function statementApplies(statement: PolicyStatement, request: PolicyRequest): boolean {
    const actionMatch = (patterns: string[]) => patterns.some((pattern) => matchesIamGlob(pattern, request.action, true));
    if (statement.actions && !actionMatch(statement.actions)) return false;
    if (statement.notActions && actionMatch(statement.notActions)) return false;
    const resourceMatch = (patterns: string[]) =>
        patterns.some((pattern) => {
            const resolved = resolveVariables(pattern, request);
            return resolved !== undefined && matchesIamGlob(resolved, request.resource);
        });
    if (statement.resources && !resourceMatch(statement.resources)) return false;
    if (statement.notResources && resourceMatch(statement.notResources)) return false;
    return Object.entries(statement.conditions).every(([operator, block]) =>
        Object.entries(block).every(([key, expected]) => conditionHolds(operator, key, expected, request)),
    );
}

/** The Sids of the document's Deny statements that deny the request. */
export function denyingStatements(document: unknown, request: PolicyRequest): string[] {
    return parsePolicyDocument(document)
        .statements.filter((statement) => statement.effect === "Deny" && statementApplies(statement, request))
        .map((statement) => statement.sid ?? "(no Sid)");
}

/** Allowed by the document alone: some Allow applies and no Deny does. */
export function allowedBy(document: unknown, request: PolicyRequest): boolean {
    const statements = parsePolicyDocument(document).statements;
    return (
        statements.some((statement) => statement.effect === "Allow" && statementApplies(statement, request)) &&
        !statements.some((statement) => statement.effect === "Deny" && statementApplies(statement, request))
    );
}
