import { z } from "zod";
import { parseWithSchema, readYamlFile } from "../lib/catalog-file";
import { InputError, InputProblem } from "../lib/input-error";
import type { PolicyFinding } from "../lib/contracts/plan-document";
import { matchesIamGlob } from "./iam/glob";

/**
 * Accepted risks: a finding of `rule` on a resource whose URN matches `urn` (a glob where `*`
 * matches anything) is set aside until `expires`. An exception past its expiry date is an error,
 * not a silent lapse: the check stops (exit 2) until someone renews or removes it.
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

/** `2027-03-31`, and a day that exists: `2027-02-30` or `2027-13-01` would expire on some other day than the one written. */
function isCalendarDate(value: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const exceptionSchema = z
    .object({
        rule: z.string().min(1),
        urn: z.string().min(1),
        reason: z.string().min(1, { error: "must say why the risk is accepted" }),
        // YAML reads an unquoted date as a Date; both spellings mean the same day.
        expires: z
            .union([z.string(), z.date()])
            .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
            .pipe(z.string().refine(isCalendarDate, { error: "must be a date, YYYY-MM-DD" })),
    })
    .strict();

const exceptionsFileSchema = z.object({ exceptions: z.array(exceptionSchema) }).strict();

function today(now: Date): string {
    return now.toISOString().slice(0, 10);
}

/** Problems with a parsed exceptions list: unknown rules and expired entries. */
export function checkExceptions(file: string, exceptions: readonly PolicyException[], ruleNames: readonly string[], now: Date): InputProblem[] {
    const problems: InputProblem[] = [];
    exceptions.forEach((exception, index) => {
        if (!ruleNames.includes(exception.rule))
            problems.push({ file, path: `exceptions[${index}].rule`, message: `"${exception.rule}" is not a rule of the pack` });
        if (exception.expires < today(now)) {
            problems.push({
                file,
                path: `exceptions[${index}].expires`,
                message: `the exception for ${exception.rule} on ${exception.urn} expired on ${exception.expires}; fix the finding or renew the exception with a new reason`,
            });
        }
    });
    return problems;
}

export function loadExceptions(file: string, ruleNames: readonly string[], now: Date): PolicyException[] {
    const read = readYamlFile("", file);
    if (read.problems.length) throw new InputError(read.problems);
    const parsed = parseWithSchema(file, exceptionsFileSchema, read.value);
    if (!parsed.value) throw new InputError(parsed.problems);
    const problems = checkExceptions(file, parsed.value.exceptions, ruleNames, now);
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
