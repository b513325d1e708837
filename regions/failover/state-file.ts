import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../lib/input-error";

/**
 * The rehearsal's undo record. The same record is the value of the lock held in AWS (lock.ts) and
 * a copy on the operator's machine: written before the lever is pulled and removed once the lever
 * is back, so its presence means "a run may have left a region drained". `meridian failover
 * restore` reads it from either place, so another machine can finish the job.
 */

/**
 * In the operator's home directory, not the working directory: `meridian failover restore` run
 * from another folder must still find a drained region's undo record.
 */
export const DEFAULT_STATE_FILE = path.join(os.homedir(), ".meridian", "failover-rehearsal.json");

export interface RehearsalState {
    version: 2;
    /** Tells this run's lock from another's. */
    runId: string;
    startedAt: string;
    subsystem: string;
    environment: string;
    /** The account the lever was pulled in: `restore` refuses to act in any other. */
    account: string;
    region: string;
    lever: "invert" | "switch";
    /** The calculated health check the `invert` lever flips. */
    healthCheckId: string;
    /** The force-unhealthy parameter the `switch` lever sets, and the value to put back. */
    parameter?: { region: string; name: string; previousValue: string };
    /** The SSM parameter holding the lock. */
    lock: { region: string; name: string };
    /** The AWS-side revert (EventBridge Scheduler one-time schedule) and when it fires. */
    revert: { region: string; name: string; at: string };
}

const REMOVE_BY_HAND = "inspect it and remove it by hand once the region's lever is known to be restored";

function isText(value: unknown): value is string {
    return typeof value === "string" && value.length > 0;
}

function isPlace(value: unknown): value is { region: string; name: string } {
    const place = value as { region?: unknown; name?: unknown } | null;
    return typeof place === "object" && place !== null && isText(place.region) && isText(place.name);
}

/** Reads a record from JSON text; `where` names its source (a file, or the lock parameter) in the message. */
export function parseState(text: string, where: string): RehearsalState {
    let value: Partial<RehearsalState> | null;
    try {
        value = JSON.parse(text) as Partial<RehearsalState> | null;
    } catch (error) {
        throw InputError.single(where, "", `is not JSON (${(error as Error).message}); ${REMOVE_BY_HAND}`);
    }
    const valid =
        typeof value === "object" &&
        value !== null &&
        value.version === 2 &&
        [value.runId, value.subsystem, value.environment, value.account, value.region, value.healthCheckId].every(isText) &&
        (value.lever === "invert" || value.lever === "switch") &&
        isPlace(value.lock) &&
        isPlace(value.revert);
    if (!valid) {
        throw InputError.single(
            where,
            "",
            `is not a rehearsal record (version 2, runId, account, region, healthCheckId, lever invert or switch, lock, revert); ${REMOVE_BY_HAND}`,
        );
    }
    return value as RehearsalState;
}

/** A file that is there but unreadable is bad input (exit 2), named, never guessed at: a region may still be drained. */
export function readState(file: string): RehearsalState | undefined {
    if (!fs.existsSync(file)) return undefined;
    return parseState(fs.readFileSync(file, "utf8"), file);
}

/**
 * Creates the state file, whole or not at all, and never over another one: this machine's earlier
 * run may still need its record.
 */
export function writeState(file: string, state: RehearsalState): void {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
    try {
        // A hard link, unlike a rename, fails when the target exists.
        fs.linkSync(temporary, file);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") {
            throw new Error(
                `${file} was created by another rehearsal while this one prepared; nothing was changed (run \`meridian failover restore\` once that one is over, if it did not finish)`,
            );
        }
        throw error;
    } finally {
        fs.rmSync(temporary, { force: true });
    }
}

export function removeState(file: string): void {
    fs.rmSync(file, { force: true });
}
