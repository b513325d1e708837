import type { StackSpec } from "../../lib/contracts/stack-spec";
import type { ChangeCounts, DeployOperation, StackRunner } from "./stack-runner";

/**
 * Runs one operation across a set of stacks: wave by wave, in parallel within a wave up to a cap,
 * never starting a stack whose prerequisites did not succeed. Pure scheduling: the engine sits
 * behind `StackRunner`, time behind `now`, and reporting behind callbacks.
 */

export type StackResult =
    /** The operation ran and succeeded. */
    | "succeeded"
    /** The operation ran and failed. */
    | "failed"
    /** Not run: a prerequisite failed or was skipped, or the stack cannot run yet. */
    | "skipped"
    /** Not run: an unrelated stack failed and the run stopped (no --continue-on-error). */
    | "not-started"
    /** Not run: it succeeded in the previous run of the same command (--resume). */
    | "previously-succeeded";

export interface StackOutcome {
    stack: string;
    wave: number;
    result: StackResult;
    changes: ChangeCounts;
    durationMs: number;
    /** Why it failed, or why it did not run. */
    detail?: string;
    /** Set when the stack failed once and ran a second time: why, and how the first attempt failed. */
    retry?: { reason: string; firstError: string };
}

export type ProgressEvent =
    | { stack: string; state: "started"; atMs: number }
    /** The first attempt failed; the stack runs once more when nothing else in the run can start. */
    | { stack: string; state: "will-retry"; atMs: number; reason: string; error: string }
    | { stack: string; state: StackResult; atMs: number; outcome: StackOutcome };

export interface FleetRunOptions {
    /** The stacks to run, in deployment order (`listStacks` order). */
    stacks: readonly StackSpec[];
    operation: DeployOperation;
    runner: StackRunner;
    /** Most stacks running at once; at least 1. */
    parallel: number;
    continueOnError: boolean;
    policyPacks: readonly string[];
    /** Stacks that succeeded in the previous run of the same command, when resuming. */
    alreadySucceeded: ReadonlySet<string>;
    /** Stacks that cannot run yet, with the reason (e.g. their account has no id). */
    unavailable: ReadonlyMap<string, string>;
    onProgress: (event: ProgressEvent) => void;
    onOutput: (stack: string, text: string) => void;
    /** Milliseconds on a monotonic clock. */
    now: () => number;
    /**
     * A check run once, when the first stack of a wave is about to start (every earlier wave has
     * settled by then). A reason means the wave must not run: its stacks are skipped with it.
     */
    beforeWave?: (wave: number) => Promise<string | undefined>;
    /**
     * Why a stack whose run failed should run once more, or nothing. Its failure then stops nothing
     * and settles nothing until the second attempt, which starts once no other stack is running or
     * can start (its wave's other stacks have all run). One retry per stack, never more.
     */
    retryReason?: (spec: StackSpec) => string | undefined;
}

export interface FleetRunReport {
    operation: DeployOperation;
    outcomes: StackOutcome[];
    /** True when every stack succeeded now or in the resumed run. */
    ok: boolean;
}

const SETTLED_OK: ReadonlySet<StackResult> = new Set(["succeeded", "previously-succeeded"]);

/**
 * A stack waits for the stacks it names in `dependsOn` and for every earlier-wave stack of the same
 * account (an account's regional stacks need the roles its global stack creates), counting only
 * stacks that are part of this run: the others are assumed deployed already.
 */
export function prerequisitesOf(spec: StackSpec, stacks: readonly StackSpec[]): string[] {
    const inRun = new Set(stacks.map((candidate) => candidate.name));
    const sameAccountEarlier = stacks
        .filter((candidate) => candidate.account === spec.account && candidate.wave < spec.wave)
        .map((candidate) => candidate.name);
    return [...new Set([...spec.dependsOn.filter((name) => inRun.has(name)), ...sameAccountEarlier])];
}

export async function runFleet(options: FleetRunOptions): Promise<FleetRunReport> {
    const { stacks, now } = options;
    if (!Number.isInteger(options.parallel) || options.parallel < 1) throw new Error(`parallel must be a positive integer, got ${options.parallel}`);
    const started = now();
    const outcomes = new Map<string, StackOutcome>();
    const running = new Map<string, Promise<void>>();
    const prerequisites = new Map(stacks.map((spec) => [spec.name, prerequisitesOf(spec, stacks)]));
    let firstFailure: string | undefined;
    /** Wave → its check: pending while it runs, then the reason not to run it (or none). */
    const gates = new Map<number, { settled: boolean; reason?: string }>();
    const checking = new Map<number, Promise<void>>();
    const gate = (wave: number): { settled: boolean; reason?: string } => {
        const known = gates.get(wave);
        if (known) return known;
        if (!options.beforeWave) return { settled: true };
        const state: { settled: boolean; reason?: string } = { settled: false };
        gates.set(wave, state);
        const check = options
            .beforeWave(wave)
            .then(
                (reason) => (state.reason = reason),
                (error: unknown) => (state.reason = `its pre-wave check failed: ${error instanceof Error ? error.message : String(error)}`),
            )
            .finally(() => {
                state.settled = true;
                checking.delete(wave);
            });
        checking.set(
            wave,
            check.then(() => undefined),
        );
        return state;
    };

    const settle = (spec: StackSpec, result: StackResult, fields: Partial<StackOutcome> = {}) => {
        const outcome: StackOutcome = { stack: spec.name, wave: spec.wave, result, changes: {}, durationMs: 0, ...fields };
        outcomes.set(spec.name, outcome);
        options.onProgress({ stack: spec.name, state: result, atMs: now() - started, outcome });
    };

    for (const spec of stacks) {
        if (options.alreadySucceeded.has(spec.name)) settle(spec, "previously-succeeded", { detail: "succeeded in the previous run" });
    }

    /** Stacks whose first attempt failed, waiting for their second. */
    const retries = new Map<string, { spec: StackSpec; retry: NonNullable<StackOutcome["retry"]>; firstMs: number }>();
    let retriesOpen = false;

    const start = (spec: StackSpec, second?: { retry: NonNullable<StackOutcome["retry"]>; firstMs: number }) => {
        const begin = now();
        options.onProgress({ stack: spec.name, state: "started", atMs: begin - started });
        const task = options.runner
            .run({
                stack: spec.name,
                operation: options.operation,
                policyPacks: options.policyPacks,
                onOutput: (text) => options.onOutput(spec.name, text),
            })
            .then(
                (result) => settle(spec, "succeeded", { changes: result.changes, durationMs: (second?.firstMs ?? 0) + now() - begin, retry: second?.retry }),
                (error: unknown) => {
                    const message = error instanceof Error ? error.message : String(error);
                    const reason = second ? undefined : options.retryReason?.(spec);
                    if (reason) {
                        retries.set(spec.name, { spec, retry: { reason, firstError: message }, firstMs: now() - begin });
                        options.onProgress({ stack: spec.name, state: "will-retry", atMs: now() - started, reason, error: message });
                        return;
                    }
                    firstFailure ??= spec.name;
                    settle(spec, "failed", { durationMs: (second?.firstMs ?? 0) + now() - begin, detail: message, retry: second?.retry });
                },
            )
            .finally(() => running.delete(spec.name));
        running.set(spec.name, task);
    };

    /** Settles the waiting stacks that will never run and starts those that may, until nothing changes. */
    const schedule = () => {
        let settledBefore: number;
        do {
            settledBefore = outcomes.size;
            schedulePass();
        } while (outcomes.size > settledBefore);
    };
    const schedulePass = () => {
        for (const spec of stacks) {
            if (outcomes.has(spec.name) || running.has(spec.name) || retries.has(spec.name)) continue;
            const blocked = prerequisites.get(spec.name)!.find((name) => {
                const result = outcomes.get(name)?.result;
                return result !== undefined && !SETTLED_OK.has(result);
            });
            if (blocked) {
                settle(spec, "skipped", { detail: `${blocked} ${outcomes.get(blocked)!.result === "failed" ? "failed" : "did not run"}` });
                continue;
            }
            const reason = options.unavailable.get(spec.name);
            if (reason) {
                settle(spec, "skipped", { detail: reason });
                continue;
            }
            if (firstFailure && !options.continueOnError) {
                settle(spec, "not-started", { detail: `stopped after ${firstFailure} failed (--continue-on-error runs independent stacks)` });
                continue;
            }
            const earlierWavesDone = stacks.every((other) => other.wave >= spec.wave || outcomes.has(other.name));
            const prerequisitesDone = prerequisites.get(spec.name)!.every((name) => SETTLED_OK.has(outcomes.get(name)?.result ?? "not-started"));
            if (!earlierWavesDone || !prerequisitesDone) continue;
            const waveCheck = gate(spec.wave);
            if (!waveCheck.settled) continue;
            if (waveCheck.reason) {
                settle(spec, "skipped", { detail: waveCheck.reason });
                continue;
            }
            if (running.size < options.parallel) start(spec);
        }
    };

    for (;;) {
        schedule();
        // Second attempts wait for a quiet moment, so the stacks whose resources they may have lacked have run.
        retriesOpen = retries.size > 0 && (retriesOpen || (running.size === 0 && checking.size === 0));
        for (const [name, waiting] of retriesOpen ? [...retries] : []) {
            if (running.size >= options.parallel) break;
            retries.delete(name);
            start(waiting.spec, waiting);
        }
        if (running.size === 0 && checking.size === 0) break;
        await Promise.race([...running.values(), ...checking.values()]);
    }

    const waiting = stacks.filter((spec) => !outcomes.has(spec.name)).map((spec) => spec.name);
    if (waiting.length > 0) {
        throw new Error(`stacks ${waiting.join(", ")} wait on each other or on a later wave (a dependsOn cycle); nothing more can start`);
    }
    const ordered = stacks.map((spec) => outcomes.get(spec.name)!);
    return { operation: options.operation, outcomes: ordered, ok: ordered.every((outcome) => SETTLED_OK.has(outcome.result)) };
}
