import { memoTable } from "../../lib/memo-table";
import { isUnrestrictedResource } from "./resource-scope";

/**
 * IAM policy documents, parsed into one normalised shape whatever way they were written: a JSON
 * string or an object, `Statement` as one statement or an array, single values or arrays.
 */

export type Effect = "Allow" | "Deny";

export interface Principal {
    /** `"*"` or `{"AWS": "*"}`: anyone. */
    anyone: boolean;
    aws: string[];
    service: string[];
    federated: string[];
    canonicalUser: string[];
}

/** Condition operator → condition key (lower-cased, as IAM compares keys) → values. */
export type Conditions = Record<string, Record<string, string[]>>;

export interface PolicyStatement {
    sid?: string;
    effect: Effect;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principal?: Principal;
    notPrincipal?: Principal;
    conditions: Conditions;
}

export interface PolicyDocument {
    version?: string;
    statements: PolicyStatement[];
}

export class PolicyDocumentError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyDocumentError";
    }
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, where: string): string[] {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item, index) => {
        if (typeof item !== "string") {
            throw new PolicyDocumentError(`${where}${Array.isArray(value) ? `[${index}]` : ""}: expected a string, got ${JSON.stringify(item)}`);
        }
        return item;
    });
}

function parsePrincipal(value: unknown, where: string): Principal {
    const principal: Principal = { anyone: false, aws: [], service: [], federated: [], canonicalUser: [] };
    if (value === "*") {
        principal.anyone = true;
        return principal;
    }
    if (!isRecord(value)) throw new PolicyDocumentError(`${where}: expected "*" or an object of principal types`);
    for (const [kind, entries] of Object.entries(value)) {
        const list = stringList(entries, `${where}.${kind}`);
        switch (kind.toLowerCase()) {
            case "aws":
                principal.aws.push(...list);
                if (list.includes("*")) principal.anyone = true;
                break;
            case "service":
                principal.service.push(...list);
                break;
            case "federated":
                principal.federated.push(...list);
                break;
            case "canonicaluser":
                principal.canonicalUser.push(...list);
                break;
            default:
                throw new PolicyDocumentError(`${where}: unknown principal type "${kind}" (allowed: AWS, Service, Federated, CanonicalUser)`);
        }
    }
    return principal;
}

function parseConditions(value: unknown, where: string): Conditions {
    if (value === undefined) return {};
    if (!isRecord(value)) throw new PolicyDocumentError(`${where}: expected an object of condition operators`);
    const conditions: Conditions = {};
    for (const [operator, block] of Object.entries(value)) {
        if (!isRecord(block)) throw new PolicyDocumentError(`${where}.${operator}: expected an object of condition keys`);
        const keys: Record<string, string[]> = {};
        for (const [key, values] of Object.entries(block)) {
            keys[key.toLowerCase()] = (Array.isArray(values) ? values : [values]).map((item) => String(item));
        }
        conditions[operator] = keys;
    }
    return conditions;
}

function parseStatement(value: unknown, where: string): PolicyStatement {
    if (!isRecord(value)) throw new PolicyDocumentError(`${where}: expected a statement object`);
    const effect = value.Effect;
    if (effect !== "Allow" && effect !== "Deny") {
        throw new PolicyDocumentError(`${where}.Effect: ${JSON.stringify(effect)} is not "Allow" or "Deny"`);
    }
    const statement: PolicyStatement = { effect, conditions: parseConditions(value.Condition, `${where}.Condition`) };
    if (typeof value.Sid === "string") statement.sid = value.Sid;
    if (value.Action !== undefined) statement.actions = stringList(value.Action, `${where}.Action`);
    if (value.NotAction !== undefined) statement.notActions = stringList(value.NotAction, `${where}.NotAction`);
    if (value.Resource !== undefined) statement.resources = stringList(value.Resource, `${where}.Resource`);
    if (value.NotResource !== undefined) statement.notResources = stringList(value.NotResource, `${where}.NotResource`);
    if (value.Principal !== undefined) statement.principal = parsePrincipal(value.Principal, `${where}.Principal`);
    if (value.NotPrincipal !== undefined) statement.notPrincipal = parsePrincipal(value.NotPrincipal, `${where}.NotPrincipal`);
    if (!statement.actions && !statement.notActions) throw new PolicyDocumentError(`${where}: needs Action or NotAction`);
    return statement;
}

/** Parses a policy document given as a JSON string or an object; throws PolicyDocumentError naming the bad part. */
export function parsePolicyDocument(input: unknown): PolicyDocument {
    let value = input;
    if (typeof input === "string") {
        try {
            value = JSON.parse(input);
        } catch (error) {
            throw new PolicyDocumentError(`not valid JSON: ${(error as Error).message}`);
        }
    }
    if (!isRecord(value)) throw new PolicyDocumentError("expected a policy document object");
    const raw = value.Statement;
    if (raw === undefined) throw new PolicyDocumentError("Statement: missing");
    const statements = Array.isArray(raw) ? raw.map((item, index) => parseStatement(item, `Statement[${index}]`)) : [parseStatement(raw, "Statement")];
    return { version: typeof value.Version === "string" ? value.Version : undefined, statements };
}

/**
 * Parses a document, or undefined when it is malformed: the analysis skips those, and
 * `real-action-names` reports them. Results for JSON text are shared, so callers must not mutate them.
 */
export function parsePolicyDocumentOrUndefined(input: unknown): PolicyDocument | undefined {
    if (typeof input === "string" && parsedText.has(input)) return parsedText.get(input);
    let document: PolicyDocument | undefined;
    try {
        document = parsePolicyDocument(input);
    } catch (error) {
        if (!(error instanceof PolicyDocumentError)) throw error;
    }
    if (typeof input === "string") {
        // The same boundary or shared policy text recurs in every stack of an account.
        if (parsedText.size >= PARSED_TEXT_LIMIT) parsedText.clear();
        parsedText.set(input, document);
    }
    return document;
}

const PARSED_TEXT_LIMIT = 5000;
const parsedText = memoTable<string, PolicyDocument | undefined>();

/** Every condition key the statement tests, lower-cased. */
export function conditionKeys(statement: PolicyStatement): string[] {
    return Object.values(statement.conditions).flatMap((block) => Object.keys(block));
}

/** Operators under which a key's values do not confine the statement to them (see confiningConditionKeys). */
function confines(operator: string): boolean {
    return !/Not|IfExists$|^(ForAnyValue:)?Null$|^ForAllValues:/i.test(operator);
}

/**
 * The condition keys a statement confines itself with. Only a positive match on a value that
 * names something confines: a negated operator, `...IfExists` and `Null` pass requests the value
 * does not name (IfExists every request without the key), `ForAllValues:` passes an empty set, and
 * a `Like` on `*` or a type-wide ARN (`iam:PermissionsBoundary` like `arn:aws:iam::*:policy/*`) passes anything.
 */
export function confiningConditionKeys(statement: PolicyStatement): string[] {
    return Object.entries(statement.conditions).flatMap(([operator, block]) => {
        if (!confines(operator)) return [];
        const like = /Like$/i.test(operator);
        return Object.entries(block)
            .filter(([, values]) => !(like && values.every(isUnrestrictedResource)))
            .map(([key]) => key);
    });
}

/** Values a key is confined to, across the operators that confine (a StringNotLike on `sub` pins nothing). */
export function conditionValues(statement: PolicyStatement, key: string): string[] {
    const wanted = key.toLowerCase();
    return Object.entries(statement.conditions).flatMap(([operator, block]) => (confines(operator) ? (block[wanted] ?? []) : []));
}

/** Does the statement confine itself with any of these keys? Keys may end in `*` to cover tag keys (`aws:ResourceTag/*`). */
export function confinesWith(statement: PolicyStatement, keys: readonly string[]): boolean {
    const present = confiningConditionKeys(statement);
    return keys.some((key) => {
        const wanted = key.toLowerCase();
        return wanted.endsWith("*") ? present.some((k) => k.startsWith(wanted.slice(0, -1))) : present.includes(wanted);
    });
}
