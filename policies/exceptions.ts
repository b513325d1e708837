import { z } from "zod";
import { locateProblems, parseWithSchema, readYamlFile } from "../lib/catalog-file";
import { InputError, InputProblem } from "../lib/input-error";
import type { PolicyFinding } from "../lib/contracts/plan-document";
import { matchesIamGlob } from "../lib/iam-glob";

/**
 * Accepted risks: a finding of `rule` on a resource whose URN matches `urn` (a glob where `*`
 * matches anything) is set aside until `expires`. An exception past its expiry date is an error,
 * not a silent lapse: the check stops (exit 2) until someone renews or removes it. An exception
 * must name one resource and run at most a year, unless the user passes `--allow-broad`.
 */
export interface PolicyException {
    rule: string;
    urn: string;
    reason: string;
    /** `YYYY-MM-DD`; the exception holds through that day (UTC). */
    expires: string;
}

export interface SuppressedFinding<F extends PolicyFinding = PolicyFinding> {
    finding: F;
    exception: PolicyException;
}

const exceptionSchema = z
    .object({
        rule: z.string().min(1),
        urn: z.string().min(1),
        reason: z.string().min(1, { error: "must say why the risk is accepted" }),
        // A day that exists: 2027-02-30 or 2027-13-01 would compare as strings and expire on some other day.
        expires: z.iso.date({ error: "must be a date, YYYY-MM-DD" }),
    })
    .strict();

const exceptionsFileSchema = z.object({ exceptions: z.array(exceptionSchema) }).strict();

/** How far ahead an exception may run before it needs `--allow-broad`: accepted risks are reviewed at least yearly. */
export const MAX_EXCEPTION_YEARS = 1;

export interface ExceptionOptions {
    /** Accept exceptions that match more than one named resource, or run more than a year. */
    allowBroad?: boolean;
}

function isoDay(date: Date): string {
    return date.toISOString().slice(0, 10);
}

function yearsAhead(now: Date, years: number): string {
    const later = new Date(now);
    later.setUTCFullYear(later.getUTCFullYear() + years);
    return isoDay(later);
}

/**
 * A pattern names one resource when the part after its last `::` (the resource's name) is written
 * out: the stack and type may be wildcards (the same resource in every region), the name may not.
 */
export function namesOneResource(urn: string): boolean {
    const at = urn.lastIndexOf("::");
    const name = at < 0 ? "" : urn.slice(at + 2);
    return urn.startsWith("urn:pulumi:") && name !== "" && !/[*?]/.test(name);
}

/** Problems with a parsed exceptions list: unknown rules, expired entries, and (without allowBroad) broad or long-lived ones. */
export function checkExceptions(
    file: string,
    exceptions: readonly PolicyException[],
    ruleNames: readonly string[],
    now: Date,
    options: ExceptionOptions = {},
): InputProblem[] {
    const problems: InputProblem[] = [];
    const latest = yearsAhead(now, MAX_EXCEPTION_YEARS);
    exceptions.forEach((exception, index) => {
        const at = `exceptions[${index}]`;
        if (!ruleNames.includes(exception.rule)) problems.push({ file, path: `${at}.rule`, message: `"${exception.rule}" is not a rule of the pack` });
        if (!namesOneResource(exception.urn) && !options.allowBroad) {
            problems.push({
                file,
                path: `${at}.urn`,
                message:
                    `${JSON.stringify(exception.urn)} does not name one resource: write urn:pulumi:<stack>::<project>::<type>::<name> ` +
                    "with the name spelt out (the stack and type may use *), or pass --allow-broad",
            });
        }
        if (exception.expires < isoDay(now)) {
            problems.push({
                file,
                path: `${at}.expires`,
                message: `the exception for ${exception.rule} on ${exception.urn} expired on ${exception.expires}; fix the finding or renew the exception with a new reason`,
            });
        } else if (exception.expires > latest && !options.allowBroad) {
            problems.push({
                file,
                path: `${at}.expires`,
                message: `${exception.expires} is more than a year away; accepted risks are reviewed at least yearly: expire it by ${latest}, or pass --allow-broad`,
            });
        }
    });
    return problems;
}

export function loadExceptions(file: string, ruleNames: readonly string[], now: Date, options: ExceptionOptions = {}): PolicyException[] {
    const read = readYamlFile("", file);
    if (read.problems.length) throw new InputError(read.problems);
    const parsed = parseWithSchema(file, exceptionsFileSchema, read.value, read.source);
    if (!parsed.value) throw new InputError(parsed.problems);
    const problems = locateProblems(checkExceptions(file, parsed.value.exceptions, ruleNames, now, options), read.source);
    if (problems.length) throw new InputError(problems);
    return parsed.value.exceptions;
}

export function applyExceptions<F extends PolicyFinding>(
    findings: readonly F[],
    exceptions: readonly PolicyException[],
): { findings: F[]; suppressed: SuppressedFinding<F>[] } {
    const kept: F[] = [];
    const suppressed: SuppressedFinding<F>[] = [];
    for (const finding of findings) {
        const exception = exceptions.find(
            (candidate) => candidate.rule === finding.policy && finding.urn !== undefined && matchesIamGlob(candidate.urn, finding.urn),
        );
        if (exception) suppressed.push({ finding, exception });
        else kept.push(finding);
    }
    return { findings: kept, suppressed };
}
