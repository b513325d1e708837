import { conditionsHold, RequestContext } from "./condition-evaluation";
import { iamGlobToRegExp } from "../../lib/iam-glob";
import type { LabelledDocument } from "./permissions";
import type { PolicyDocument, PolicyStatement } from "./policy-document";

/**
 * One API request as IAM authorises it: an action, the resource ARN it acts on (`*` for actions
 * that take none) and its condition context.
 */
export interface AuthorizationRequest {
    action: string;
    resource: string;
    context: RequestContext;
}

/** The first statement of a document that applies to a request, and where it is. */
export interface StatementMatch {
    label: string;
    sid?: string;
}

/** A statement with its patterns compiled once: a fleet's plan asks the same few documents thousands of questions. */
interface CompiledStatement {
    statement: PolicyStatement;
    /** Actions compare case-insensitively; ARNs case-sensitively. */
    actions?: RegExp[];
    notActions?: RegExp[];
    resources?: RegExp[];
    notResources?: RegExp[];
}

const compiledStatements = new WeakMap<PolicyStatement, CompiledStatement>();

function compile(statement: PolicyStatement): CompiledStatement {
    let compiled = compiledStatements.get(statement);
    if (!compiled) {
        const patterns = (values: string[] | undefined, caseInsensitive: boolean) => values?.map((value) => iamGlobToRegExp(value, caseInsensitive));
        compiled = {
            statement,
            actions: patterns(statement.actions, true),
            notActions: patterns(statement.notActions, true),
            resources: patterns(statement.resources ?? (statement.notResources ? undefined : ["*"]), false),
            notResources: patterns(statement.notResources, false),
        };
        compiledStatements.set(statement, compiled);
    }
    return compiled;
}

/**
 * A document's statements that can apply to one service's actions: those whose `Action` names the
 * service (or a wildcard over services), and every `NotAction` statement.
 */
const byService = new WeakMap<PolicyDocument, Map<string, CompiledStatement[]>>();

function statementsFor(document: PolicyDocument, action: string): CompiledStatement[] {
    const service = action.slice(0, action.indexOf(":")).toLowerCase();
    let index = byService.get(document);
    if (!index) byService.set(document, (index = new Map()));
    let statements = index.get(service);
    if (!statements) {
        statements = document.statements
            .filter((statement) => !statement.actions || statement.actions.some((pattern) => iamGlobToRegExp(pattern.split(":")[0], true).test(service)))
            .map(compile);
        index.set(service, statements);
    }
    return statements;
}

/**
 * Does a statement apply to the request? A request on `*` (an action with no resource type) is
 * reached only by a pattern that is itself all wildcards: `arn:aws:kms:*:*:key/*` does not grant
 * `kms:CreateKey`.
 */
function applies(compiled: CompiledStatement, request: AuthorizationRequest): boolean {
    const { action, resource } = request;
    if (compiled.actions ? !compiled.actions.some((pattern) => pattern.test(action)) : compiled.notActions?.some((pattern) => pattern.test(action)))
        return false;
    if (
        compiled.notResources ? compiled.notResources.some((pattern) => pattern.test(resource)) : !compiled.resources?.some((pattern) => pattern.test(resource))
    )
        return false;
    return conditionsHold(compiled.statement.conditions, request.context);
}

export function statementApplies(statement: PolicyStatement, request: AuthorizationRequest): boolean {
    return applies(compile(statement), request);
}

/** The first statement with this effect, among the documents, that applies to the request. */
export function findStatement(documents: readonly LabelledDocument[], effect: "Allow" | "Deny", request: AuthorizationRequest): StatementMatch | undefined {
    for (const { label, document } of documents) {
        for (const compiled of statementsFor(document, request.action)) {
            if (compiled.statement.effect === effect && applies(compiled, request)) return { label, sid: compiled.statement.sid };
        }
    }
    return undefined;
}

export function describeMatch(match: StatementMatch): string {
    return match.sid ? `${match.label} (${match.sid})` : match.label;
}
