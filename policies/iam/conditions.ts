import { memoTable } from "../../lib/memo-table";
import { matchesIamGlob } from "../../lib/iam-glob";
import type { Conditions } from "./policy-document";
import { isUnrestrictedResource } from "./resource-scope";

/**
 * IAM condition operators, evaluated with their values, as the IAM User Guide defines them
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * and .../reference_policies_condition-single-vs-multi-valued-context-keys.html):
 * - every operator of a block and every key of an operator must hold; the values of one key are alternatives;
 * - a key absent from the request fails a positive operator and satisfies a negated one;
 *   `...IfExists` holds whenever the key is absent; `Null: true` holds exactly when it is absent;
 * - `ForAnyValue:` holds when some request value matches (never for an absent key), `ForAllValues:`
 *   when every request value matches (always for an absent key or an empty set);
 * - policy variables (`${aws:username}`) in values stand for the request's value of that key.
 *
 * A request's keys can be known, absent, or, for the static analysis, unknown: fixed by the
 * situation but not known to the analysis (the tags of "any role"). A condition on an unknown key
 * is judged over every value the key could take: it can never hold when no value satisfies it
 * (`DateLessThan` on a date long past, `StringEquals` on two different values), and it confines the
 * grant only when it names the values it admits.
 */

export type KeyState = { kind: "known"; values: readonly string[] } | { kind: "absent" } | { kind: "unknown"; confining: boolean };

/** The state of a (lower-cased) condition key in the request being judged. */
export type KeyLookup = (key: string) => KeyState;

/** Lower-cased condition key → the request's values for it. Keys not in the map are absent. */
export type RequestContext = ReadonlyMap<string, readonly string[]>;

export function lookupIn(context: RequestContext): KeyLookup {
    return (key) => {
        const values = context.get(key);
        return values === undefined || values.length === 0 ? { kind: "absent" } : { kind: "known", values };
    };
}

export class UnknownConditionOperatorError extends Error {
    constructor(operator: string) {
        super(`unknown condition operator ${operator}`);
        this.name = "UnknownConditionOperatorError";
    }
}

type Comparison = (requestValue: string, policyValue: string) => boolean;

interface Operator {
    compare: Comparison;
    negated: boolean;
    family: "string" | "arn" | "numeric" | "date" | "bool" | "binary" | "ip";
}

function numberOf(value: string): number {
    return value.trim() === "" ? NaN : Number(value);
}

/** ISO 8601 dates and epoch seconds (as `aws:EpochTime` and date conditions allow). */
function timeOf(value: string): number {
    return /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}

function ipToBigInt(address: string): { value: bigint; bits: number } | undefined {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
        const parts = address.split(".").map(Number);
        if (parts.some((part) => part > 255)) return undefined;
        return { value: parts.reduce((total, part) => (total << 8n) + BigInt(part), 0n), bits: 32 };
    }
    // Eight groups of one to four hex digits; one `::` stands for one or more groups of zeros.
    const halves = address.split("::");
    if (halves.length > 2) return undefined;
    const [headParts, tailParts] = [halves[0], halves[1] ?? ""].map((half) => (half ? half.split(":") : []));
    const missing = 8 - headParts.length - tailParts.length;
    if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
    const groups = [...headParts, ...Array<string>(missing).fill("0"), ...tailParts];
    if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
    return { value: groups.reduce((total, group) => (total << 16n) + BigInt(parseInt(group, 16)), 0n), bits: 128 };
}

/** Is the address inside the CIDR block (a bare address is a /32 or /128)? */
export function ipInCidr(address: string, cidr: string): boolean {
    const [network, prefix] = cidr.split("/");
    const ip = ipToBigInt(address);
    const block = ipToBigInt(network);
    if (!ip || !block || ip.bits !== block.bits) return false;
    const length = prefix === undefined ? block.bits : Number(prefix);
    if (!Number.isInteger(length) || length < 0 || length > block.bits) return false;
    const shift = BigInt(block.bits - length);
    return ip.value >> shift === block.value >> shift;
}

// A value that is not a number or a date reads as NaN, which every comparison below finds false.
const compareNumbers =
    (test: (a: number, b: number) => boolean): Comparison =>
    (value, policy) =>
        test(numberOf(value), numberOf(policy));
const compareTimes =
    (test: (a: number, b: number) => boolean): Comparison =>
    (value, policy) =>
        test(timeOf(value), timeOf(policy));
const equalStrings: Comparison = (value, policy) => value === policy;
const equalIgnoringCase: Comparison = (value, policy) => value.toLowerCase() === policy.toLowerCase();
const like: Comparison = (value, policy) => matchesIamGlob(policy, value);

const OPERATORS: Record<string, Operator> = {
    stringequals: { compare: equalStrings, negated: false, family: "string" },
    stringnotequals: { compare: equalStrings, negated: true, family: "string" },
    stringequalsignorecase: { compare: equalIgnoringCase, negated: false, family: "string" },
    stringnotequalsignorecase: { compare: equalIgnoringCase, negated: true, family: "string" },
    stringlike: { compare: like, negated: false, family: "string" },
    stringnotlike: { compare: like, negated: true, family: "string" },
    // ArnEquals matches like ArnLike: both take wildcards in each ARN segment.
    arnequals: { compare: like, negated: false, family: "arn" },
    arnlike: { compare: like, negated: false, family: "arn" },
    arnnotequals: { compare: like, negated: true, family: "arn" },
    arnnotlike: { compare: like, negated: true, family: "arn" },
    numericequals: { compare: compareNumbers((a, b) => a === b), negated: false, family: "numeric" },
    numericnotequals: { compare: compareNumbers((a, b) => a === b), negated: true, family: "numeric" },
    numericlessthan: { compare: compareNumbers((a, b) => a < b), negated: false, family: "numeric" },
    numericlessthanequals: { compare: compareNumbers((a, b) => a <= b), negated: false, family: "numeric" },
    numericgreaterthan: { compare: compareNumbers((a, b) => a > b), negated: false, family: "numeric" },
    numericgreaterthanequals: { compare: compareNumbers((a, b) => a >= b), negated: false, family: "numeric" },
    dateequals: { compare: compareTimes((a, b) => a === b), negated: false, family: "date" },
    datenotequals: { compare: compareTimes((a, b) => a === b), negated: true, family: "date" },
    datelessthan: { compare: compareTimes((a, b) => a < b), negated: false, family: "date" },
    datelessthanequals: { compare: compareTimes((a, b) => a <= b), negated: false, family: "date" },
    dategreaterthan: { compare: compareTimes((a, b) => a > b), negated: false, family: "date" },
    dategreaterthanequals: { compare: compareTimes((a, b) => a >= b), negated: false, family: "date" },
    bool: { compare: equalIgnoringCase, negated: false, family: "bool" },
    binaryequals: { compare: equalStrings, negated: false, family: "binary" },
    ipaddress: { compare: (value, policy) => ipInCidr(value, policy), negated: false, family: "ip" },
    notipaddress: { compare: (value, policy) => ipInCidr(value, policy), negated: true, family: "ip" },
};

interface ParsedOperator {
    name: string;
    set?: "any" | "all";
    ifExists: boolean;
    /** Undefined for Null. */
    operator?: Operator;
}

const parsedOperators = memoTable<string, ParsedOperator>();

function parseOperator(operatorName: string): ParsedOperator {
    const cached = parsedOperators.get(operatorName);
    if (cached) return cached;
    let name = operatorName.toLowerCase();
    let set: "any" | "all" | undefined;
    if (name.startsWith("foranyvalue:")) [set, name] = ["any", name.slice("foranyvalue:".length)];
    else if (name.startsWith("forallvalues:")) [set, name] = ["all", name.slice("forallvalues:".length)];
    const ifExists = name.endsWith("ifexists");
    if (ifExists) name = name.slice(0, -"ifexists".length);
    // Own keys only: `constructor` or `tostring` must not find what every object inherits.
    const operator = Object.hasOwn(OPERATORS, name) ? OPERATORS[name] : undefined;
    if (name !== "null" && !operator) throw new UnknownConditionOperatorError(operatorName);
    const parsed = { name, set, ifExists, operator };
    parsedOperators.set(operatorName, parsed);
    return parsed;
}

/** `${aws:username}` → the request's value; a variable whose key is not known matches anything. */
function substitute(policyValue: string, lookup: KeyLookup): { value: string; open: boolean } {
    if (!policyValue.includes("${")) return { value: policyValue, open: false };
    let open = false;
    const value = policyValue.replace(/\$\{([^}]+)\}/g, (_whole, key: string) => {
        if (key === "*" || key === "?" || key === "$") return key;
        const state = lookup(key.toLowerCase());
        if (state.kind === "known" && state.values.length === 1) return state.values[0];
        open = true;
        return "*";
    });
    return { value, open };
}

/** Does the key's test hold for a request in which the key has these values (none: absent)? */
function holdsFor(parsed: ParsedOperator, policyValues: readonly string[], requestValues: readonly string[], lookup: KeyLookup): boolean {
    const present = requestValues.length > 0;
    if (!parsed.operator) return policyValues.some((value) => (value.toLowerCase() === "true") === !present);
    if (!present) {
        if (parsed.set === "all" || parsed.ifExists) return true;
        if (parsed.set === "any") return false;
        return parsed.operator.negated;
    }
    const { compare, negated } = parsed.operator;
    const expected = policyValues.map((value) => substitute(value, lookup));
    const matches = (value: string) => expected.some(({ value: pattern, open }) => (open ? matchesIamGlob(pattern, value) : compare(value, pattern)));
    const passes = (value: string) => (negated ? !matches(value) : matches(value));
    if (parsed.set === "all") return requestValues.every(passes);
    if (parsed.set === "any") return requestValues.some(passes);
    return negated ? !requestValues.some(matches) : requestValues.some(matches);
}

/** A value no policy names: what "any other value" of a key looks like. */
const OTHER_VALUE = "meridian-analysis-other-value";

/**
 * Values worth trying for an unknown key: absence, each value a condition names (as written, with
 * the known values of its policy variables, and with its wildcards filled in), a value none names,
 * and the neighbours of numbers and dates, so that every outcome a condition can have is reached by
 * some candidate.
 */
function candidateValues(policyValues: readonly string[], family: Operator["family"] | undefined, lookup: KeyLookup): string[][] {
    const singles = new Set<string>([OTHER_VALUE, "true", "false"]);
    for (const raw of policyValues) {
        const { value } = substitute(raw, lookup);
        singles.add(value);
        singles.add(value.replace(/[*?]/g, "x"));
        singles.add(value.replace(/[*?]/g, ""));
        if (family === "numeric" && !Number.isNaN(numberOf(value))) for (const step of [-1, 1]) singles.add(String(numberOf(value) + step));
        if (family === "date" && !Number.isNaN(timeOf(value))) for (const step of [-1000, 1000]) singles.add(new Date(timeOf(value) + step).toISOString());
        if (family === "ip") singles.add(value.split("/")[0]);
    }
    if (family === "ip") singles.add("203.0.113.77");
    return [[], ...[...singles].map((value) => [value])];
}

export type Verdict = { holds: "always" } | { holds: "never" } | { holds: "depends"; on: string[] };

interface KeyTest {
    parsed: ParsedOperator;
    values: readonly string[];
}

/** Does the operator name the values it admits, so that a condition on an unknown key confines the grant? */
function namesValues(test: KeyTest): boolean {
    const { parsed, values } = test;
    if (!parsed.operator || parsed.operator.negated || parsed.ifExists || parsed.set === "all") return false;
    const wildcard = parsed.operator.compare === like;
    return !(wildcard && values.every(isUnrestrictedResource));
}

/**
 * How a statement's `Condition` fares for a request whose keys `lookup` describes: it always
 * holds, never holds, or holds depending on unknown keys that confine it (those `lookup` marks
 * `confining`). Conditions on other unknown keys hold whenever some value of the key satisfies them.
 */
export function judgeConditions(conditions: Conditions, lookup: KeyLookup): Verdict {
    const byKey = new Map<string, KeyTest[]>();
    for (const [operator, block] of Object.entries(conditions)) {
        const parsed = parseOperator(operator);
        for (const [key, values] of Object.entries(block)) {
            const tests = byKey.get(key);
            if (tests) tests.push({ parsed, values });
            else byKey.set(key, [{ parsed, values }]);
        }
    }
    const confinedBy: string[] = [];
    for (const [key, tests] of byKey) {
        const state = lookup(key);
        if (state.kind !== "unknown") {
            const values = state.kind === "known" ? state.values : [];
            if (!tests.every((test) => holdsFor(test.parsed, test.values, values, lookup))) return { holds: "never" };
            continue;
        }
        const candidates = candidateValues(
            tests.flatMap((test) => test.values),
            tests.find((test) => test.parsed.operator)?.parsed.operator?.family,
            lookup,
        );
        const satisfied = candidates.filter((values) => tests.every((test) => holdsFor(test.parsed, test.values, values, lookup)));
        if (!satisfied.length) return { holds: "never" };
        // Absence fails every test that names values, so such a test always leaves some candidate out.
        if (state.confining && tests.some(namesValues)) confinedBy.push(key);
    }
    return confinedBy.length ? { holds: "depends", on: confinedBy } : { holds: "always" };
}

/**
 * Does a Deny statement's `Condition` certainly apply? Only when it holds for every value its
 * unknown keys could take: a Deny that some request escapes does not stop that request.
 */
export function conditionsCertain(conditions: Conditions, lookup: KeyLookup): boolean {
    for (const [operator, block] of Object.entries(conditions)) {
        const parsed = parseOperator(operator);
        for (const [key, values] of Object.entries(block)) {
            const state = lookup(key);
            const candidates =
                state.kind === "unknown" ? candidateValues(values, parsed.operator?.family, lookup) : [state.kind === "known" ? state.values : []];
            if (!candidates.every((requestValues) => holdsFor(parsed, values, requestValues, lookup))) return false;
        }
    }
    return true;
}

/** Does a statement's `Condition` hold for a request with this concrete context? */
export function conditionsHold(conditions: Conditions, context: RequestContext): boolean {
    return judgeConditions(conditions, lookupIn(context)).holds === "always";
}
