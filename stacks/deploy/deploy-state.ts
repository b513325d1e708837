import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import type { StackOutcome, StackResult } from "./fleet-run";
import { DEPLOY_OPERATIONS, DeployOperation } from "./stack-runner";

/**
 * What the last run of each command achieved, so `--resume` can skip the stacks that already
 * succeeded. Written after every stack settles, so a run that is killed half-way still resumes.
 * Lives in `.meridian/` (gitignored): it describes this machine's runs, not the fleet.
 */
export const DEPLOY_STATE_FILE = ".meridian/deploy-state.json";

export interface RunRecord {
    startedAt: string;
    stacks: Record<string, StackResult>;
}

export interface DeployState {
    version: 1;
    runs: Partial<Record<DeployOperation, RunRecord>>;
}

export function readDeployState(root: string): DeployState {
    const file = path.join(root, DEPLOY_STATE_FILE);
    if (!fs.existsSync(file)) return { version: 1, runs: {} };
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw InputError.single(DEPLOY_STATE_FILE, "", `is not valid JSON (${(error as Error).message}); delete it to start afresh`);
    }
    if (!isDeployState(parsed)) {
        throw InputError.single(DEPLOY_STATE_FILE, "", "is not a Meridian deploy state (version 1); delete it to start afresh");
    }
    return parsed;
}

function isDeployState(value: unknown): value is DeployState {
    if (typeof value !== "object" || value === null) return false;
    const candidate = value as { version?: unknown; runs?: unknown };
    if (candidate.version !== 1 || typeof candidate.runs !== "object" || candidate.runs === null) return false;
    return Object.entries(candidate.runs).every(
        ([operation, run]) =>
            (DEPLOY_OPERATIONS as readonly string[]).includes(operation) &&
            typeof run === "object" &&
            run !== null &&
            typeof (run as RunRecord).stacks === "object" &&
            (run as RunRecord).stacks !== null,
    );
}

/** Stacks that succeeded in the previous run of `operation`, whether run then or carried from the run before. */
export function succeededLastTime(state: DeployState, operation: DeployOperation): Set<string> {
    const run = state.runs[operation];
    if (!run) return new Set();
    return new Set(
        Object.entries(run.stacks)
            .filter(([, result]) => result === "succeeded" || result === "previously-succeeded")
            .map(([stack]) => stack),
    );
}

/** Starts a fresh record for `operation` and returns a callback that records each settled stack. */
export function recordRun(root: string, state: DeployState, operation: DeployOperation, startedAt: Date): (outcome: StackOutcome) => void {
    const record: RunRecord = { startedAt: startedAt.toISOString(), stacks: {} };
    const next: DeployState = { version: 1, runs: { ...state.runs, [operation]: record } };
    const file = path.join(root, DEPLOY_STATE_FILE);
    return (outcome) => {
        record.stacks[outcome.stack] = outcome.result;
        fs.mkdirSync(path.dirname(file), { recursive: true });
        // Write then rename, so an interrupted write never leaves a half file that blocks --resume.
        const partial = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(partial, `${JSON.stringify(next, null, 2)}\n`);
        fs.renameSync(partial, file);
    };
}
