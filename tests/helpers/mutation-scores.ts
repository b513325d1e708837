import * as fs from "fs";
import * as path from "path";
import picomatch from "picomatch";

/**
 * Mutation scores per folder: the record `npm run mutation` regenerates from Stryker's JSON report
 * (docs/project/mutation-scores.json), and the floors tests/project/mutation-floor.test.ts holds it to.
 * Also run by bin/mutation.js, outside mocha.
 */

export const STRYKER_CONFIG_FILE = "stryker.config.json";
export const STRYKER_REPORT_FILE = "reports/mutation/mutation.json";
export const SCORES_FILE = "docs/project/mutation-scores.json";

/** The IAM analysis and the rules decide whether an escalation path passes review, so they are held higher. */
const STRICT_TARGET_FOLDERS: ReadonlySet<string> = new Set(["policies/iam", "policies/rules"]);
const STRICT_TARGET = 90;
const DEFAULT_TARGET = 80;

/** The score issue 15 asks of a folder. */
export function targetFor(folder: string): number {
    return STRICT_TARGET_FOLDERS.has(folder) ? STRICT_TARGET : DEFAULT_TARGET;
}

/**
 * The floor a measurement sets: the target once reached, until then the measured score (in whole
 * percent). It never drops below the floor recorded before, so the floor only rises.
 */
export function nextFloor(folder: string, score: number, recordedFloor: number | undefined): number {
    return Math.max(Math.min(targetFor(folder), Math.floor(score)), recordedFloor ?? 0);
}

export interface MutantCounts {
    killed: number;
    survived: number;
    noCoverage: number;
    timeout: number;
    /** Static mutants (run only while a module loads), which the config leaves untested: not in the score. */
    ignored: number;
}

export interface FolderScore extends MutantCounts {
    /** (killed + timeout) / (killed + timeout + survived + no coverage), in percent, rounded down to two decimals. */
    score: number;
    /** The score `npm test` holds the folder to (see nextFloor). */
    floor: number;
    target: number;
    /** The day of the run, YYYY-MM-DD. */
    measured: string;
    /** The commit checked out when the run started (uncommitted changes are not named). */
    commit: string;
    command: string;
}

/**
 * A folder in scope that no complete run has measured yet, with why: written by hand, replaced by
 * the first `npm run mutation` that mutates all of it. The floor check reports it; it cannot pass for a score.
 */
export interface NotMeasured {
    notMeasured: string;
    target: number;
}

export type MutationScores = Record<string, FolderScore | NotMeasured>;

export function isMeasured(entry: FolderScore | NotMeasured): entry is FolderScore {
    return "score" in entry;
}

/** Stryker's JSON report (mutation-testing-report-schema), the part read here. */
export interface MutationReport {
    files: Record<string, { mutants: ReadonlyArray<{ status: string }> }>;
}

/**
 * The folder a mutate glob scores under: the part before its first wildcard, or the directory of a
 * single named file (`policies/rules/*\/index.ts` -> policies/rules, `accounts/aws-limits.ts` -> accounts).
 */
export function folderOfGlob(glob: string): string {
    const segments = glob.split("/");
    const firstWild = segments.findIndex((segment) => /[*?[{]/.test(segment));
    return (firstWild === -1 ? segments.slice(0, -1) : segments.slice(0, firstWild)).join("/");
}

export function scopeFolders(mutateGlobs: readonly string[]): string[] {
    return [...new Set(mutateGlobs.filter((glob) => !glob.startsWith("!")).map(folderOfGlob))].sort();
}

/** The deepest scope folder holding the file, so regions/failover/x.ts scores under regions/failover, not regions. */
export function folderOfFile(file: string, folders: readonly string[]): string | undefined {
    return folders.filter((folder) => file.startsWith(`${folder}/`)).sort((a, b) => b.length - a.length)[0];
}

const COUNTED: Record<string, keyof MutantCounts> = {
    Killed: "killed",
    Survived: "survived",
    NoCoverage: "noCoverage",
    Timeout: "timeout",
    Ignored: "ignored",
};

/** Counts per scope folder, for the files the report holds. */
export function countsByFolder(report: MutationReport, folders: readonly string[]): Map<string, MutantCounts> {
    const counts = new Map<string, MutantCounts>();
    for (const [file, { mutants }] of Object.entries(report.files)) {
        const folder = folderOfFile(file, folders);
        if (!folder) throw new Error(`${file} is in the report but under none of the mutate globs' folders (${folders.join(", ")})`);
        const tally = counts.get(folder) ?? { killed: 0, survived: 0, noCoverage: 0, timeout: 0, ignored: 0 };
        for (const mutant of mutants) {
            const key = COUNTED[mutant.status];
            if (key) tally[key] += 1;
        }
        counts.set(folder, tally);
    }
    return counts;
}

export function scoreOf(counts: MutantCounts): number {
    const detected = counts.killed + counts.timeout;
    const valid = detected + counts.survived + counts.noCoverage;
    return valid === 0 ? 100 : Math.floor((detected / valid) * 10000) / 100;
}

export function readMutateGlobs(root: string): string[] {
    const config = JSON.parse(fs.readFileSync(path.join(root, STRYKER_CONFIG_FILE), "utf8")) as { mutate?: unknown };
    if (!Array.isArray(config.mutate) || !config.mutate.every((glob) => typeof glob === "string")) {
        throw new Error(`${STRYKER_CONFIG_FILE}: mutate must be a list of globs`);
    }
    return config.mutate;
}

export function readScores(root: string): MutationScores {
    const file = path.join(root, SCORES_FILE);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as MutationScores) : {};
}

/** The repository's files the config's mutate globs select, relative and with forward slashes. */
export function filesInScope(root: string, mutateGlobs: readonly string[]): string[] {
    const matches = picomatch(
        mutateGlobs.filter((glob) => !glob.startsWith("!")),
        { ignore: mutateGlobs.filter((glob) => glob.startsWith("!")).map((glob) => glob.slice(1)) },
    );
    const found: string[] = [];
    const walk = (relative: string): void => {
        for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
            const child = relative ? `${relative}/${entry.name}` : entry.name;
            if (entry.isDirectory()) walk(child);
            else if (matches(child)) found.push(child);
        }
    };
    for (const folder of scopeFolders(mutateGlobs)) walk(folder);
    return [...new Set(found)].sort();
}

/**
 * Records a run's scores. A folder is recorded only when the report holds every file of it the
 * config mutates, so that `npm run mutation -- --mutate <one file>` re-measures that file without
 * passing its score off as the folder's; the other folders keep their last recorded measurement.
 */
export function recordScores(root: string, args: readonly string[], measured: string, commit: string): { recorded: string[]; partial: string[] } {
    const globs = readMutateGlobs(root);
    const folders = scopeFolders(globs);
    const report = JSON.parse(fs.readFileSync(path.join(root, STRYKER_REPORT_FILE), "utf8")) as MutationReport;
    const counts = countsByFolder(report, folders);
    const inScope = filesInScope(root, globs);
    const command = ["npm run mutation", ...(args.length ? ["--", ...args] : [])].join(" ");
    const scores = readScores(root);
    const recorded: string[] = [];
    const partial: string[] = [];
    for (const [folder, tally] of counts) {
        const complete = inScope.filter((file) => folderOfFile(file, folders) === folder).every((file) => file in report.files);
        if (!complete) {
            partial.push(folder);
            continue;
        }
        const score = scoreOf(tally);
        const before = scores[folder];
        const recordedFloor = before && isMeasured(before) ? before.floor : undefined;
        scores[folder] = { score, ...tally, floor: nextFloor(folder, score, recordedFloor), target: targetFor(folder), measured, commit, command };
        recorded.push(folder);
    }
    const ordered = Object.fromEntries(Object.entries(scores).sort(([a], [b]) => a.localeCompare(b)));
    fs.mkdirSync(path.dirname(path.join(root, SCORES_FILE)), { recursive: true });
    fs.writeFileSync(path.join(root, SCORES_FILE), `${JSON.stringify(ordered, null, 4)}\n`);
    return { recorded, partial };
}
