import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../lib/input-error";

/**
 * The rehearsal's undo record. It is written before the lever is pulled and removed once the
 * lever is back, so its presence means "a run may have left a region drained": a new rehearsal
 * refuses to start and `meridian failover restore` reads it to put the lever back.
 */

/**
 * In the operator's home directory, not the working directory: `meridian failover restore` run
 * from another folder must still find a drained region's undo record.
 */
export const DEFAULT_STATE_FILE = path.join(os.homedir(), ".meridian", "failover-rehearsal.json");

export interface RehearsalState {
    version: 1;
    startedAt: string;
    subsystem: string;
    environment: string;
    region: string;
    lever: "invert" | "switch";
    /** The calculated health check the `invert` lever flips. */
    healthCheckId: string;
    /** The force-unhealthy parameter the `switch` lever sets, and the value to put back. */
    parameter?: { region: string; name: string; previousValue: string };
}

/** A file that is there but unreadable is bad input (exit 2), named, never guessed at: a region may still be drained. */
export function readState(file: string): RehearsalState | undefined {
    if (!fs.existsSync(file)) return undefined;
    const removeByHand = "inspect it and remove it by hand once the region's lever is known to be restored";
    let value: RehearsalState | null;
    try {
        value = JSON.parse(fs.readFileSync(file, "utf8")) as RehearsalState | null;
    } catch (error) {
        throw InputError.single(file, "", `is not JSON (${(error as Error).message}); ${removeByHand}`);
    }
    if (typeof value !== "object" || value === null || value.version !== 1 || !value.healthCheckId || (value.lever !== "invert" && value.lever !== "switch")) {
        throw InputError.single(file, "", `is not a rehearsal state file (version 1, healthCheckId, lever invert or switch); ${removeByHand}`);
    }
    return value;
}

/**
 * Creates the state file, whole or not at all, and never over another one: a second run that got
 * past its preflight at the same time would otherwise replace the first run's undo record.
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
