import { matchesIamGlob } from "../../lib/iam-glob";
import type { Conditions } from "./policy-document";

/**
 * IAM's condition operators evaluated against one request's context, as the IAM user guide's
 * "Condition element" pages define them
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html,
 * .../reference_policies_condition-single-vs-multi-valued-context-keys.html):
 * - the operators of one block, and the keys of one operator, must all hold; the values of one key are alternatives;
 * - a key absent from the request fails a positive operator and satisfies a negated one
 *   (`StringNotEquals`, `ArnNotLike`, ...); `...IfExists` satisfies any operator when the key is absent;
 * - `ForAnyValue:` holds when some request value matches (false for an absent key), `ForAllValues:`
 *   when every request value matches (true for an absent key);
 * - `Null: true` holds when the key is absent.
 * Policy variables (`${aws:PrincipalAccount}`) in values are replaced from the context.
 */

/** Lower-cased condition key → the request's values for it (one for a single-valued key). */
export type RequestContext = ReadonlyMap<string, readonly string[]>;

type Comparison = (requestValue: string, policyValue: string) => boolean;

interface Operator {
    compare: Comparison;
    negated: boolean;
}

const stringEquals: Comparison = (value, pattern) => value === pattern;
const stringEqualsIgnoreCase: Comparison = (value, pattern) => value.toLowerCase() === pattern.toLowerCase();
const like: Comparison = (value, pattern) => matchesIamGlob(pattern, value);
const numeric =
    (test: (a: number, b: number) => boolean): Comparison =>
    (value, pattern) =>
        test(Number(value), Number(pattern));
const date =
    (test: (a: number, b: number) => boolean): Comparison =>
    (value, pattern) =>
        test(Date.parse(value), Date.parse(pattern));
const bool: Comparison = (value, pattern) => value.toLowerCase() === pattern.toLowerCase();

const OPERATORS: Record<string, Operator> = {
    stringequals: { compare: stringEquals, negated: false },
    stringnotequals: { compare: stringEquals, negated: true },
    stringequalsignorecase: { compare: stringEqualsIgnoreCase, negated: false },
    stringnotequalsignorecase: { compare: stringEqualsIgnoreCase, negated: true },
    stringlike: { compare: like, negated: false },
    stringnotlike: { compare: like, negated: true },
    arnequals: { compare: like, negated: false },
    arnlike: { compare: like, negated: false },
    arnnotequals: { compare: like, negated: true },
    arnnotlike: { compare: like, negated: true },
    numericequals: { compare: numeric((a, b) => a === b), negated: false },
    numericnotequals: { compare: numeric((a, b) => a === b), negated: true },
    numericlessthan: { compare: numeric((a, b) => a < b), negated: false },
    numericlessthanequals: { compare: numeric((a, b) => a <= b), negated: false },
    numericgreaterthan: { compare: numeric((a, b) => a > b), negated: false },
    numericgreaterthanequals: { compare: numeric((a, b) => a >= b), negated: false },
    dateequals: { compare: date((a, b) => a === b), negated: false },
    datenotequals: { compare: date((a, b) => a === b), negated: true },
    datelessthan: { compare: date((a, b) => a < b), negated: false },
    datelessthanequals: { compare: date((a, b) => a <= b), negated: false },
    dategreaterthan: { compare: date((a, b) => a > b), negated: false },
    dategreaterthanequals: { compare: date((a, b) => a >= b), negated: false },
    bool: { compare: bool, negated: false },
    binaryequals: { compare: stringEquals, negated: false },
    // Source addresses are never part of a modelled request: a positive test fails, a negated one holds.
    ipaddress: { compare: () => false, negated: false },
    notipaddress: { compare: () => false, negated: true },
};

export class UnknownConditionOperatorError extends Error {
    constructor(operator: string) {
        super(`unknown condition operator ${operator}`);
        this.name = "UnknownConditionOperatorError";
    }
}

function substituteVariables(value: string, context: RequestContext): string {
    if (!value.includes("${")) return value;
    return value.replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
        const values = context.get(key.toLowerCase());
        return values && values.length === 1 ? values[0] : whole;
    });
}

function keyHolds(operatorName: string, policyValues: readonly string[], requestValues: readonly string[] | undefined, context: RequestContext): boolean {
    let name = operatorName.toLowerCase();
    let set: "any" | "all" | undefined;
    if (name.startsWith("foranyvalue:")) [set, name] = ["any", name.slice("foranyvalue:".length)];
    else if (name.startsWith("forallvalues:")) [set, name] = ["all", name.slice("forallvalues:".length)];
    const present = requestValues !== undefined && requestValues.length > 0;
    if (name === "null") return policyValues.some((value) => (value.toLowerCase() === "true") === !present);
    const ifExists = name.endsWith("ifexists");
    if (ifExists) name = name.slice(0, -"ifexists".length);
    const operator = OPERATORS[name];
    if (!operator) throw new UnknownConditionOperatorError(operatorName);
    if (!present) {
        if (set === "all" || ifExists) return true;
        if (set === "any") return false;
        return operator.negated;
    }
    const expected = policyValues.map((value) => substituteVariables(value, context));
    const matches = (value: string) => expected.some((pattern) => operator.compare(value, pattern));
    if (set === "all") return requestValues.every((value) => (operator.negated ? !matches(value) : matches(value)));
    if (set === "any") return requestValues.some((value) => (operator.negated ? !matches(value) : matches(value)));
    return operator.negated ? !requestValues.some(matches) : requestValues.some(matches);
}

/** Does a statement's `Condition` block hold for a request with this context? */
export function conditionsHold(conditions: Conditions, context: RequestContext): boolean {
    for (const [operator, keys] of Object.entries(conditions)) {
        for (const [key, values] of Object.entries(keys)) {
            if (!keyHolds(operator, values, context.get(key), context)) return false;
        }
    }
    return true;
}
