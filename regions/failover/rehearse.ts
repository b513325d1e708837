import { randomUUID } from "crypto";
import { ApiCaller, type ApiCallRecord } from "./api-calls";
import type { ClientLocation } from "./client-subnets";
import type { AddressResolver, Clock, IdentityGateway, ParameterGateway, Route53Gateway, SchedulerGateway } from "./gateway";
import { armRevert, describeLever, disarmRevert, pullLever, restoreLever, revertRegion, type Lever } from "./levers";
import { acquireLock, describeHolder, releaseLock } from "./lock";
import { answers, preflight, RehearsalRefused, UNKNOWN, type PreflightResult } from "./preflight";
import type { RehearsalTarget } from "./rehearsal-target";
import { removeState, writeState, type RehearsalState } from "./state-file";

/**
 * The live game day: drain one region of one subsystem environment on purpose, watch Route 53
 * notice and DNS move clients away, put the lever back and watch them return. Three safety nets:
 * - a lock held in AWS makes the run the only one of its subsystem environment;
 * - an AWS-side revert (a one-time schedule) is armed before the lever is pulled, so the lever goes
 *   back at the timeout even if this process dies; normal completion and `restore` disarm it;
 * - while the region is drained, every poll checks that the peers (and the global endpoint's
 *   secondary) stay healthy, and puts the lever back at once when one does not.
 * Whatever happens after the lever is pulled (an error, a signal, the timeout), the lever is put
 * back before the run ends.
 */

export type { Lever } from "./levers";
export { RehearsalRefused } from "./preflight";
export type Phase = "preflight" | "inject" | "detect" | "shift" | "restore" | "recover";
export type Outcome = "completed" | "dry-run" | "refused" | "aborted" | "interrupted" | "timed-out" | "failed";

export interface RehearsalRequest {
    target: RehearsalTarget;
    lever: Lever;
    dryRun: boolean;
    /** Skip the confirmation prompt. */
    yes: boolean;
    timeoutSeconds: number;
    stateFile: string;
    clients: ClientLocation[];
    pollSeconds?: number;
}

export interface RehearsalDeps {
    route53: Route53Gateway;
    parameters: ParameterGateway;
    scheduler: SchedulerGateway;
    identity: IdentityGateway;
    resolver: AddressResolver;
    clock: Clock;
    log: (line: string) => void;
    /** Shows the plan and asks the operator; false refuses the run. */
    confirm: (summary: string) => Promise<boolean>;
    /** Aborted on SIGINT, SIGTERM and SIGHUP. */
    signal?: AbortSignal;
    newRunId?: () => string;
}

export interface PhaseTiming {
    phase: Phase;
    startedAt: string;
    endedAt?: string;
}

export interface Observation {
    at: string;
    phase: Phase;
    what: string;
}

export interface RehearsalTimings {
    /** Lever pulled → Route 53's verdict on the region turned unhealthy (its checkers' own timestamps). */
    detectSeconds: number | null;
    /** Lever pulled → Route 53's name servers answered no client location with the drained region. */
    shiftSeconds: number | null;
    /** The TTL the latency record carries: resolvers may hand out the old answer this much longer. */
    recordTtlSeconds: number | null;
    /** `shiftSeconds + recordTtlSeconds`: when the last client honouring the TTL has moved. */
    shiftWithTtlSeconds: number | null;
    recoverSeconds: number | null;
}

export interface RehearsalReport {
    subsystem: string;
    environment: string;
    region: string;
    lever: Lever;
    dryRun: boolean;
    outcome: Outcome;
    reason?: string;
    /** Whether the lever was ever pulled (a dry run, or a run refused at preflight, never pulls it). */
    leverPulled: boolean;
    /** False only when the lever was pulled and could not be put back: the AWS-side revert is still armed; run `meridian failover restore`. */
    restored: boolean;
    restoreError?: string;
    account?: string;
    /** The AWS-side revert: where, when it would fire, and whether it was disarmed. */
    revert?: { region: string; name: string; at: string; armed: boolean; disarmed: boolean };
    lock?: { region: string; name: string; held: boolean };
    /** The global endpoint the lever failed over, if any. */
    bus?: { endpoint: string; secondary: string };
    startedAt: string;
    endedAt?: string;
    phases: PhaseTiming[];
    timings: RehearsalTimings;
    preflight?: {
        healthCheckId: string;
        childIds: string[];
        zoneId: string;
        recordName: string;
        regionHealth: Record<string, boolean>;
        baseline: Record<string, string>;
    };
    notes: string[];
    observations: Observation[];
    apiCalls: ApiCallRecord[];
}

class RehearsalStopped extends Error {
    override readonly name = "RehearsalStopped";
    constructor(
        readonly outcome: "interrupted" | "timed-out" | "aborted",
        message: string,
    ) {
        super(message);
    }
}

const DEFAULT_POLL_SECONDS = 10;

function describeAnswers(current: Record<string, string>): string {
    return Object.entries(current)
        .map(([client, region]) => `${client}->${region}`)
        .join(", ");
}

export async function rehearse(request: RehearsalRequest, deps: RehearsalDeps): Promise<RehearsalReport> {
    const { target, lever } = request;
    const { clock } = deps;
    const pollSeconds = request.pollSeconds ?? DEFAULT_POLL_SECONDS;
    const pollMs = pollSeconds * 1000;
    const iso = (ms = clock.now()) => new Date(ms).toISOString();
    const startedMs = clock.now();
    let deadline = startedMs + request.timeoutSeconds * 1000;
    const report: RehearsalReport = {
        subsystem: target.subsystem,
        environment: target.environment,
        region: target.region,
        lever,
        dryRun: request.dryRun,
        outcome: "failed",
        leverPulled: false,
        restored: true,
        startedAt: iso(startedMs),
        phases: [],
        timings: { detectSeconds: null, shiftSeconds: null, recordTtlSeconds: null, shiftWithTtlSeconds: null, recoverSeconds: null },
        notes: [],
        observations: [],
        apiCalls: [],
    };
    const checkpoint = () => {
        if (deps.signal?.aborted) throw new RehearsalStopped("interrupted", `interrupted (${String(deps.signal.reason ?? "signal")})`);
        if (clock.now() >= deadline) throw new RehearsalStopped("timed-out", `the overall timeout of ${request.timeoutSeconds} s expired`);
    };
    const api = new ApiCaller(clock, deps.log, request.dryRun, { checkpoint, signal: deps.signal, remainingMs: () => deadline - clock.now() });
    // Putting things back must run to the end even when the signal or the deadline has already fired.
    const restoreApi = api.unguarded();
    report.apiCalls = api.calls;
    let currentPhase: Phase = "preflight";
    const observe = (what: string) => {
        report.observations.push({ at: iso(), phase: currentPhase, what });
        deps.log(`[${currentPhase}] ${what}`);
    };
    const phase = async <T>(name: Phase, body: () => Promise<T>): Promise<T> => {
        currentPhase = name;
        deps.log(`phase: ${name}`);
        const timing: PhaseTiming = { phase: name, startedAt: iso() };
        report.phases.push(timing);
        try {
            return await body();
        } finally {
            timing.endedAt = iso();
        }
    };
    const readStatus = (id: string) =>
        api.read("route53:GetHealthCheckStatus", { HealthCheckId: id }, (signal) => deps.route53.getHealthCheckStatus(id, signal));
    const preflightInput = { target, lever, stateFile: request.stateFile, clients: request.clients, pollSeconds };
    const preflightDeps = { ...deps, now: () => clock.now() };

    let pre: PreflightResult | undefined;
    /** The stop conditions, checked on every poll while the lever is pulled. */
    const watch = async () => {
        if (!pre) return;
        for (const peer of pre.healthyPeers) {
            const verdict = await pre.health.get(peer)?.update(readStatus, clock.now());
            if (verdict && !verdict.healthy) {
                const role = pre.bus?.secondary === peer ? `the secondary of global endpoint ${pre.bus.endpoint} (and a peer)` : "a peer";
                throw new RehearsalStopped(
                    "aborted",
                    `${peer}, ${role}, turned unhealthy by Route 53's verdict: the drain stopped and the lever was put back at once`,
                );
            }
        }
        if (lever === "invert") {
            const own = await pre.health.get(target.region)?.update(readStatus, clock.now());
            if (own && !own.healthy) {
                throw new RehearsalStopped(
                    "aborted",
                    `${target.region}'s own checks failed while its check was inverted, which turns the inverted check healthy and sends clients to it: the lever was put back at once`,
                );
            }
        }
    };
    const pollUntil = async (done: () => Promise<boolean>, watching: boolean): Promise<number> => {
        for (;;) {
            checkpoint();
            if (watching) await watch();
            if (await done()) return clock.now();
            await clock.sleep(Math.max(0, Math.min(pollMs, deadline - clock.now())), deps.signal);
        }
    };

    let state: RehearsalState | undefined;
    let lockHeld = false;
    let leverAttempted = false;
    let leverBack = false;
    let revertArmed = false;
    let stateWritten = false;
    const putLeverBack = async (from: RehearsalState) => {
        await restoreLever(from, restoreApi, deps);
        leverBack = true;
    };

    try {
        pre = await phase("preflight", () => preflight(preflightInput, preflightDeps, api));
        if (!request.dryRun && !request.yes) {
            const summary = confirmationSummary(target, lever, pre);
            const askedAt = clock.now();
            if (!(await deps.confirm(summary))) throw new RehearsalRefused("not confirmed by the operator");
            // Time spent reading the prompt does not count against the run's timeout.
            deadline += clock.now() - askedAt;
            // The world may have changed while the operator read: check it all again.
            pre = await phase("preflight", () => preflight(preflightInput, preflightDeps, api));
        }
        const checked = pre;
        report.account = checked.account;
        report.bus = checked.bus;
        report.notes.push(...checked.notes);
        report.preflight = {
            healthCheckId: checked.healthCheckId,
            childIds: checked.childIds,
            zoneId: checked.zoneId,
            recordName: checked.recordName,
            regionHealth: checked.regionHealth,
            baseline: checked.baseline,
        };
        report.timings.recordTtlSeconds = checked.ttlSeconds ?? null;
        for (const note of report.notes) deps.log(`note: ${note}`);
        const drainedClients = Object.entries(checked.baseline)
            .filter(([, r]) => r === target.region)
            .map(([c]) => c);
        const revertAt = Math.ceil(deadline / 1000) * 1000;
        const pendingState: RehearsalState = {
            version: 2,
            runId: (deps.newRunId ?? randomUUID)(),
            startedAt: report.startedAt,
            subsystem: target.subsystem,
            environment: target.environment,
            account: checked.account,
            region: target.region,
            lever,
            healthCheckId: checked.healthCheckId,
            parameter: checked.parameter,
            lock: target.lock,
            revert: { region: revertRegion(lever, target.region, checked.healthyPeers), name: target.revertScheduleName, at: iso(revertAt) },
        };
        report.lock = { ...target.lock, held: false };
        report.revert = { ...pendingState.revert, armed: false, disarmed: false };

        const taken = await acquireLock(pendingState, api, deps.parameters);
        if (!taken.acquired) {
            throw new RehearsalRefused(
                `another rehearsal took the lock ${target.lock.name} in ${target.lock.region} first${taken.holder ? `: ${describeHolder(taken.holder)}` : ""}; nothing was changed`,
            );
        }
        lockHeld = !request.dryRun;
        report.lock.held = lockHeld;
        state = pendingState;
        if (!request.dryRun) {
            writeState(request.stateFile, pendingState);
            stateWritten = true;
        }
        if (!(await armRevert(pendingState, revertAt, api, deps.scheduler))) {
            throw new RehearsalRefused(
                `a revert schedule ${pendingState.revert.name} already exists in ${pendingState.revert.region}, left by an earlier run: run \`meridian failover restore\` first; nothing was pulled`,
            );
        }
        revertArmed = !request.dryRun;
        report.revert.armed = revertArmed;
        observe(`AWS-side revert armed: ${pendingState.revert.name} in ${pendingState.revert.region} fires at ${pendingState.revert.at} unless disarmed`);

        if (request.dryRun) {
            planRemainingCalls(api, pendingState, checked, request, pollSeconds);
            report.outcome = "dry-run";
            return report;
        }

        const injectedAt = await phase("inject", async () => {
            leverAttempted = true;
            await pullLever(pendingState, api, deps);
            report.leverPulled = true;
            observe(describeLever(pendingState, true));
            return clock.now();
        });

        await phase("detect", async () => {
            if (lever === "invert") {
                report.notes.push(
                    "invert lever: Route 53 flips the calculated check itself, so there is no checker detection to time (use --lever switch to measure it)",
                );
                return;
            }
            const drained = checked.health.get(target.region);
            await pollUntil(async () => !(await drained?.update(readStatus, clock.now()))?.healthy, true);
            const detectedAt = drained?.verdict?.since ?? clock.now();
            observe(`${target.region} unhealthy by Route 53's verdict (its checkers' failure threshold met at ${iso(detectedAt)})`);
            report.timings.detectSeconds = (detectedAt - injectedAt) / 1000;
        });

        await phase("shift", async () => {
            let last = "";
            const shiftedAt = await pollUntil(async () => {
                const current = await answers(checked, request.clients, api, deps);
                const line = describeAnswers(current);
                if (line !== last) observe(`answers: ${line}`);
                last = line;
                // An answer matching no region is not "moved away": it proves nothing about the drained region.
                return Object.values(current).every((region) => region !== target.region && region !== UNKNOWN);
            }, true);
            observe(`no client is answered by ${target.region} (Route 53's name servers)`);
            report.timings.shiftSeconds = (shiftedAt - injectedAt) / 1000;
            if (checked.ttlSeconds !== undefined) report.timings.shiftWithTtlSeconds = report.timings.shiftSeconds + checked.ttlSeconds;
        });

        const restoredAt = await phase("restore", async () => {
            await putLeverBack(pendingState);
            observe(describeLever(pendingState, false));
            return clock.now();
        });

        await phase("recover", async () => {
            if (lever === "switch") {
                const drained = checked.health.get(target.region);
                await pollUntil(async () => (await drained?.update(readStatus, clock.now()))?.healthy ?? true, false);
                observe(`${target.region} healthy again by Route 53's verdict`);
            }
            let last = "";
            const recoveredAt = await pollUntil(async () => {
                const current = await answers(checked, request.clients, api, deps);
                const line = describeAnswers(current);
                if (line !== last) observe(`answers: ${line}`);
                last = line;
                return drainedClients.every((client) => current[client] === target.region) && !Object.values(current).includes(UNKNOWN);
            }, false);
            observe(`clients back on ${target.region}: ${drainedClients.join(", ") || "none to check"}`);
            report.timings.recoverSeconds = (recoveredAt - restoredAt) / 1000;
        });
        report.outcome = "completed";
    } catch (error) {
        report.reason = error instanceof Error ? error.message : String(error);
        report.outcome = error instanceof RehearsalRefused ? "refused" : error instanceof RehearsalStopped ? error.outcome : "failed";
        deps.log(`${report.outcome}: ${report.reason}`);
    } finally {
        if (state && leverAttempted && !leverBack) {
            const pulled = state;
            await phase("restore", async () => {
                try {
                    await putLeverBack(pulled);
                    observe(`lever put back after the run stopped: ${describeLever(pulled, false)}`);
                } catch (error) {
                    report.restored = false;
                    report.restoreError =
                        `${(error as Error).message}; the AWS-side revert ${pulled.revert.name} in ${pulled.revert.region} stays armed for ${pulled.revert.at}, ` +
                        `the lock and the state file ${request.stateFile} are kept: run \`meridian failover restore\``;
                    deps.log(`RESTORE FAILED: ${report.restoreError}`);
                }
            });
        }
        if (state && report.restored && !request.dryRun)
            await cleanUp(state, { revertArmed, lockHeld, stateWritten }, restoreApi, deps, request.stateFile, report, observe);
        report.endedAt = iso();
    }
    return report;
}

/** Once the lever is back (or was never pulled): disarm the AWS-side revert, free the lock, remove the local record. */
async function cleanUp(
    state: RehearsalState,
    held: { revertArmed: boolean; lockHeld: boolean; stateWritten: boolean },
    api: ApiCaller,
    deps: Pick<RehearsalDeps, "scheduler" | "parameters" | "log">,
    stateFile: string,
    report: RehearsalReport,
    observe: (what: string) => void,
): Promise<void> {
    try {
        if (held.revertArmed && report.revert) {
            await disarmRevert(state, api, deps.scheduler);
            report.revert.disarmed = true;
            observe(`AWS-side revert ${state.revert.name} disarmed`);
        }
        if (held.lockHeld && report.lock) {
            await releaseLock(state, api, deps.parameters);
            report.lock.held = false;
        }
        if (held.stateWritten) removeState(stateFile);
    } catch (error) {
        // The lever is back; what is left (a schedule that would put it back again, a held lock) is for `restore` to tidy.
        report.notes.push(
            `the lever is back, but tidying up failed (${(error as Error).message}): run \`meridian failover restore\` to disarm the revert and free the lock`,
        );
        deps.log(`note: ${report.notes[report.notes.length - 1]}`);
    }
}

function confirmationSummary(target: RehearsalTarget, lever: Lever, pre: PreflightResult): string {
    const drained = Object.entries(pre.baseline)
        .filter(([, r]) => r === target.region)
        .map(([c]) => c);
    const healthy = Object.entries(pre.regionHealth)
        .filter(([r, h]) => h && r !== target.region)
        .map(([r]) => r);
    return (
        `Drain ${target.subsystem}/${target.environment} in ${target.region} (account ${pre.account}) with the ${lever} lever ` +
        (lever === "invert" ? `(invert health check ${pre.healthCheckId})` : `(set ${pre.parameter?.name} to "true" in ${target.region})`) +
        `. Clients answered by ${target.region} now: ${drained.join(", ") || "none"}. Healthy elsewhere: ${healthy.join(", ")}.` +
        (pre.bus ? ` The bus fails over too: global endpoint ${pre.bus.endpoint} publishes to ${pre.bus.secondary} while drained.` : " The bus does not move.")
    );
}

/** The dry run's list of what the live run would do after the lock and the revert. */
function planRemainingCalls(api: ApiCaller, state: RehearsalState, pre: PreflightResult, request: RehearsalRequest, pollSeconds: number): void {
    const every = `every ${pollSeconds} s`;
    const watchPeers = () => {
        for (const peer of pre.healthyPeers)
            for (const id of pre.health.get(peer)?.calculated.childIds ?? [])
                api.plan("route53:GetHealthCheckStatus", { HealthCheckId: id, repeat: `${every} while drained: stop if ${peer} turns unhealthy` }, false);
    };
    const poll = (what: string) => {
        for (const id of pre.childIds) api.plan("route53:GetHealthCheckStatus", { HealthCheckId: id, repeat: `${every} until ${what}` }, false);
    };
    const dns = (until: string) => {
        for (const client of request.clients) {
            api.plan(
                "route53:TestDNSAnswer",
                {
                    HostedZoneId: pre.zoneId,
                    RecordName: pre.recordName,
                    RecordType: pre.recordType,
                    EDNS0ClientSubnetIP: client.subnet,
                    EDNS0ClientSubnetMask: "24",
                    repeat: until,
                },
                false,
            );
        }
    };
    const lever = (pulled: boolean) =>
        state.lever === "invert"
            ? api.plan("route53:UpdateHealthCheck", { HealthCheckId: state.healthCheckId, Inverted: pulled }, true)
            : api.plan(
                  "ssm:PutParameter",
                  { Name: state.parameter?.name, Value: pulled ? "true" : state.parameter?.previousValue, Overwrite: true, region: state.parameter?.region },
                  true,
              );
    lever(true);
    watchPeers();
    if (state.lever === "switch") poll("unhealthy");
    dns(`${every} until no answer points to ${state.region}`);
    lever(false);
    api.plan("scheduler:DeleteSchedule", { Name: state.revert.name, region: state.revert.region }, true);
    if (state.lever === "switch") poll("healthy");
    dns(`${every} until ${state.region}'s clients are answered by it again`);
    api.plan("ssm:GetParameter", { Name: state.lock.name, region: state.lock.region }, false);
    api.plan("ssm:DeleteParameter", { Name: state.lock.name, region: state.lock.region }, true);
}
