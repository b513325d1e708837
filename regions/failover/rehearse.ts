import * as fs from "fs";
import { ApiCaller, type ApiCallRecord } from "./api-calls";
import type { ClientLocation } from "./client-subnets";
import { isHealthy, type AddressResolver, type Clock, type HealthCheckSummary, type ParameterGateway, type Route53Gateway } from "./gateway";
import type { RehearsalTarget } from "./rehearsal-target";
import { readState, removeState, writeState, type RehearsalState } from "./state-file";
import { TAG_CHECK, TAG_ENVIRONMENT, TAG_REGION, TAG_SUBSYSTEM } from "../topology";

/**
 * The live game day: drain one region of one subsystem environment on purpose, watch Route 53
 * notice and DNS move clients away, put the lever back and watch them return. Whatever happens
 * after the lever is pulled (an error, a signal, the overall timeout), the lever is put back
 * before the run ends, and the state file lets `meridian failover restore` finish the job if the
 * process itself dies.
 */

export type Lever = "invert" | "switch";
export type Phase = "preflight" | "inject" | "detect" | "shift" | "restore" | "recover";
export type Outcome = "completed" | "dry-run" | "refused" | "interrupted" | "timed-out" | "failed";

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
    resolver: AddressResolver;
    clock: Clock;
    log: (line: string) => void;
    /** Shows the plan and asks the operator; false refuses the run. */
    confirm: (summary: string) => Promise<boolean>;
    /** Aborted on SIGINT/SIGTERM. */
    signal?: AbortSignal;
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

export interface RehearsalReport {
    subsystem: string;
    environment: string;
    region: string;
    lever: Lever;
    dryRun: boolean;
    outcome: Outcome;
    reason?: string;
    /** False only when the lever was pulled and could not be put back: run `meridian failover restore`. */
    restored: boolean;
    restoreError?: string;
    startedAt: string;
    endedAt?: string;
    phases: PhaseTiming[];
    timings: { detectSeconds: number | null; shiftSeconds: number | null; recoverSeconds: number | null };
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

export class RehearsalRefused extends Error {
    override readonly name = "RehearsalRefused";
}

class RehearsalStopped extends Error {
    override readonly name = "RehearsalStopped";
    constructor(
        readonly outcome: "interrupted" | "timed-out",
        message: string,
    ) {
        super(message);
    }
}

const DEFAULT_POLL_SECONDS = 10;
const UNKNOWN = "unknown";

interface PreflightResult {
    healthCheckId: string;
    childIds: string[];
    zoneId: string;
    recordName: string;
    regionHealth: Record<string, boolean>;
    /** Region → the answer values that mean "this region" (record values, alias targets and their addresses). */
    answerValues: Map<string, Set<string>>;
    aliasTargets: Map<string, string>;
    baseline: Record<string, string>;
    parameter?: { region: string; name: string; previousValue: string };
}

function normalise(value: string): string {
    return value.toLowerCase().replace(/\.$/, "");
}

function findCalculated(checks: HealthCheckSummary[], target: RehearsalTarget, region: string): HealthCheckSummary | undefined {
    const tagged = checks.filter(
        (c) =>
            c.tags[TAG_SUBSYSTEM] === target.subsystem &&
            c.tags[TAG_ENVIRONMENT] === target.environment &&
            c.tags[TAG_REGION] === region &&
            c.tags[TAG_CHECK] === "calculated",
    );
    return tagged.find((c) => c.tags.Name === target.checkNames[region]) ?? tagged[0];
}

export async function rehearse(request: RehearsalRequest, deps: RehearsalDeps): Promise<RehearsalReport> {
    const { target, lever } = request;
    const { clock } = deps;
    const pollMs = (request.pollSeconds ?? DEFAULT_POLL_SECONDS) * 1000;
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
        restored: true,
        startedAt: iso(startedMs),
        phases: [],
        timings: { detectSeconds: null, shiftSeconds: null, recoverSeconds: null },
        notes: [],
        observations: [],
        apiCalls: [],
    };
    const checkpoint = () => {
        if (deps.signal?.aborted) throw new RehearsalStopped("interrupted", `interrupted (${String(deps.signal.reason ?? "signal")})`);
        if (clock.now() >= deadline) throw new RehearsalStopped("timed-out", `the overall timeout of ${request.timeoutSeconds} s expired`);
    };
    const api = new ApiCaller(clock, deps.log, request.dryRun, { checkpoint, signal: deps.signal, remainingMs: () => deadline - clock.now() });
    // The restore must run to the end even when the signal or the deadline has already fired.
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
    const pollUntil = async (done: () => Promise<boolean>): Promise<number> => {
        for (;;) {
            checkpoint();
            if (await done()) return clock.now();
            await clock.sleep(Math.max(0, Math.min(pollMs, deadline - clock.now())), deps.signal);
        }
    };

    const childrenHealthy = async (ids: string[]): Promise<boolean[]> => {
        const results: boolean[] = [];
        for (const id of ids) {
            results.push(isHealthy(await api.read("route53:GetHealthCheckStatus", { HealthCheckId: id }, () => deps.route53.getHealthCheckStatus(id))));
        }
        return results;
    };

    const answers = async (pre: PreflightResult): Promise<Record<string, string>> => {
        const result: Record<string, string> = {};
        let refreshed = false;
        for (const client of request.clients) {
            const params = {
                HostedZoneId: pre.zoneId,
                RecordName: pre.recordName,
                RecordType: "A",
                EDNS0ClientSubnetIP: client.subnet,
                EDNS0ClientSubnetMask: "24",
            };
            const values = await api.read("route53:TestDNSAnswer", params, () => deps.route53.testDnsAnswer(pre.zoneId, pre.recordName, "A", client.subnet));
            let region = regionOfAnswer(values, pre.answerValues);
            if (region === UNKNOWN && !refreshed) {
                // Alias targets' addresses rotate: learn the current ones once per poll, then classify again.
                await resolveAliasTargets(pre, deps.resolver);
                refreshed = true;
                region = regionOfAnswer(values, pre.answerValues);
            }
            result[client.region] = region;
        }
        return result;
    };

    let state: RehearsalState | undefined;
    let leverBack = false;
    const putLeverBack = async (from: RehearsalState) => {
        await restoreLever(from, restoreApi, deps);
        leverBack = true;
        removeState(request.stateFile);
    };

    try {
        const pre = await phase("preflight", () => preflight(request, deps, api, childrenHealthy, answers, report.notes));
        report.preflight = {
            healthCheckId: pre.healthCheckId,
            childIds: pre.childIds,
            zoneId: pre.zoneId,
            recordName: pre.recordName,
            regionHealth: pre.regionHealth,
            baseline: pre.baseline,
        };
        for (const note of report.notes) deps.log(`note: ${note}`);
        const drainedClients = Object.entries(pre.baseline)
            .filter(([, r]) => r === target.region)
            .map(([c]) => c);
        const pendingState: RehearsalState = {
            version: 1,
            startedAt: report.startedAt,
            subsystem: target.subsystem,
            environment: target.environment,
            region: target.region,
            lever,
            healthCheckId: pre.healthCheckId,
            parameter: pre.parameter,
        };
        if (request.dryRun) {
            planRemainingCalls(api, pendingState, pre, request);
            report.outcome = "dry-run";
            return report;
        }
        if (!request.yes) {
            const summary =
                `Drain ${target.subsystem}/${target.environment} in ${target.region} with the ${lever} lever ` +
                (lever === "invert" ? `(invert health check ${pre.healthCheckId})` : `(set ${pre.parameter?.name} to "true" in ${target.region})`) +
                `. Clients answered by ${target.region} now: ${drainedClients.join(", ") || "none"}. Healthy elsewhere: ` +
                `${Object.entries(pre.regionHealth)
                    .filter(([r, h]) => h && r !== target.region)
                    .map(([r]) => r)
                    .join(", ")}.`;
            const askedAt = clock.now();
            if (!(await deps.confirm(summary))) throw new RehearsalRefused("not confirmed by the operator");
            // Time spent reading the prompt does not count against the run's timeout.
            deadline += clock.now() - askedAt;
        }

        writeState(request.stateFile, pendingState);
        state = pendingState;
        const injectedAt = await phase("inject", async () => {
            await pullLever(pendingState, api, deps);
            observe(lever === "invert" ? `inverted health check ${pre.healthCheckId}` : `set ${pre.parameter?.name} to "true" in ${target.region}`);
            return clock.now();
        });

        await phase("detect", async () => {
            if (lever === "invert") {
                report.notes.push(
                    "invert lever: Route 53 flips the calculated check itself, so there is no checker detection to time (use --lever switch to measure it)",
                );
                return;
            }
            const detectedAt = await pollUntil(async () => (await childrenHealthy(pre.childIds)).some((healthy) => !healthy));
            observe(`${target.region} reported unhealthy by its child health checks`);
            report.timings.detectSeconds = (detectedAt - injectedAt) / 1000;
        });

        await phase("shift", async () => {
            let last = "";
            const shiftedAt = await pollUntil(async () => {
                const current = await answers(pre);
                const line = describeAnswers(current);
                if (line !== last) observe(`answers: ${line}`);
                last = line;
                return Object.values(current).every((region) => region !== target.region && region !== UNKNOWN);
            });
            observe(`no client is answered by ${target.region}`);
            report.timings.shiftSeconds = (shiftedAt - injectedAt) / 1000;
        });

        const restoredAt = await phase("restore", async () => {
            await putLeverBack(pendingState);
            observe(
                lever === "invert"
                    ? `health check ${pre.healthCheckId} no longer inverted`
                    : `${pre.parameter?.name} back to ${JSON.stringify(pre.parameter?.previousValue)}`,
            );
            return clock.now();
        });

        await phase("recover", async () => {
            if (lever === "switch") {
                await pollUntil(async () => (await childrenHealthy(pre.childIds)).every((healthy) => healthy));
                observe(`${target.region} healthy again`);
            }
            let last = "";
            const recoveredAt = await pollUntil(async () => {
                const current = await answers(pre);
                const line = describeAnswers(current);
                if (line !== last) observe(`answers: ${line}`);
                last = line;
                return drainedClients.every((client) => current[client] === target.region) && !Object.values(current).includes(UNKNOWN);
            });
            observe(`clients back on ${target.region}: ${drainedClients.join(", ") || "none to check"}`);
            report.timings.recoverSeconds = (recoveredAt - restoredAt) / 1000;
        });
        report.outcome = "completed";
    } catch (error) {
        report.reason = error instanceof Error ? error.message : String(error);
        report.outcome = error instanceof RehearsalRefused ? "refused" : error instanceof RehearsalStopped ? error.outcome : "failed";
        deps.log(`${report.outcome}: ${report.reason}`);
    } finally {
        if (state && !leverBack) {
            const pulled = state;
            await phase("restore", async () => {
                try {
                    await putLeverBack(pulled);
                    observe("lever put back after the run stopped");
                } catch (error) {
                    report.restored = false;
                    report.restoreError = `${(error as Error).message}; the state file ${request.stateFile} is kept: run \`meridian failover restore\``;
                    deps.log(`RESTORE FAILED: ${report.restoreError}`);
                }
            });
        }
        report.endedAt = iso();
    }
    return report;
}

async function preflight(
    request: RehearsalRequest,
    deps: RehearsalDeps,
    api: ApiCaller,
    childrenHealthy: (ids: string[]) => Promise<boolean[]>,
    answers: (pre: PreflightResult) => Promise<Record<string, string>>,
    notes: string[],
): Promise<PreflightResult> {
    const { target } = request;
    if (fs.existsSync(request.stateFile)) {
        const left = readState(request.stateFile);
        throw new RehearsalRefused(
            `an unfinished rehearsal (${left?.subsystem}/${left?.environment} in ${left?.region}, started ${left?.startedAt}) left ${request.stateFile}: run \`meridian failover restore\` first`,
        );
    }
    const checks = await api.read("route53:ListHealthChecks,route53:ListTagsForResources", {}, () => deps.route53.listHealthChecks());
    const calculated = findCalculated(checks, target, target.region);
    if (!calculated) {
        throw new RehearsalRefused(
            `no Route 53 health check tagged ${TAG_SUBSYSTEM}=${target.subsystem}, ${TAG_ENVIRONMENT}=${target.environment}, ` +
                `${TAG_REGION}=${target.region}, ${TAG_CHECK}=calculated (the plan names it ${target.checkNames[target.region] ?? "nothing"}): is the stack deployed?`,
        );
    }
    if (calculated.inverted)
        throw new RehearsalRefused(`health check ${calculated.id} of ${target.region} is already inverted: restore it (or finish that rehearsal) first`);
    if (calculated.childIds.length === 0) throw new RehearsalRefused(`health check ${calculated.id} of ${target.region} has no child checks to observe`);

    const regionHealth: Record<string, boolean> = {};
    const drainedHealth = await childrenHealthy(calculated.childIds);
    regionHealth[target.region] = drainedHealth.every((h) => h);
    if (!regionHealth[target.region]) throw new RehearsalRefused(`${target.region} is already unhealthy: there is nothing to rehearse; investigate it first`);
    for (const region of target.regions.filter((r) => r !== target.region)) {
        const check = findCalculated(checks, target, region);
        if (!check) {
            notes.push(`no calculated health check found for ${region}; counted as unhealthy`);
            regionHealth[region] = false;
            continue;
        }
        regionHealth[region] = !check.inverted && check.childIds.length > 0 && (await childrenHealthy(check.childIds)).every((h) => h);
    }
    const others = target.regions.filter((r) => r !== target.region);
    const healthyOthers = others.filter((r) => regionHealth[r]);
    if (healthyOthers.length === 0) {
        throw new RehearsalRefused(
            `draining ${target.region} would leave no healthy region (${others.map((r) => `${r} unhealthy`).join(", ") || "no other region"})`,
        );
    }
    for (const region of others.filter((r) => !regionHealth[r])) notes.push(`${region} is unhealthy: only ${healthyOthers.join(", ")} will take the traffic`);

    const zoneName = target.recordName.split(".").slice(1).join(".");
    const zoneId = await api.read("route53:ListHostedZonesByName", { DNSName: zoneName, MaxItems: 1 }, () => deps.route53.findPublicZone(zoneName));
    if (!zoneId) throw new RehearsalRefused(`no public hosted zone ${zoneName} in Route 53`);
    const records = await api.read("route53:ListResourceRecordSets", { HostedZoneId: zoneId, StartRecordName: target.recordName }, () =>
        deps.route53.listRecordSets(zoneId, target.recordName),
    );
    const ofRegion = (region: string) => records.find((r) => r.region === region || r.setIdentifier === region);
    const drainedRecord = ofRegion(target.region);
    if (!drainedRecord) throw new RehearsalRefused(`no latency record ${target.recordName} for ${target.region} in zone ${zoneId}`);
    if (drainedRecord.healthCheckId !== calculated.id) {
        throw new RehearsalRefused(
            `record ${target.recordName} (${target.region}) uses health check ${drainedRecord.healthCheckId ?? "none"}, not ${calculated.id}: draining through that check would not move its clients`,
        );
    }
    const answerValues = new Map<string, Set<string>>();
    const aliasTargets = new Map<string, string>();
    for (const region of target.regions) {
        const rec = ofRegion(region);
        if (!rec) {
            notes.push(`no latency record for ${region} in Route 53`);
            continue;
        }
        answerValues.set(region, new Set(rec.values.map(normalise)));
        if (rec.aliasTarget) aliasTargets.set(region, rec.aliasTarget);
    }
    const pre: PreflightResult = {
        healthCheckId: calculated.id,
        childIds: calculated.childIds,
        zoneId,
        recordName: target.recordName,
        regionHealth,
        answerValues,
        aliasTargets,
        baseline: {},
    };
    await resolveAliasTargets(pre, deps.resolver);

    if (request.lever === "switch") {
        const name = target.parameterName;
        const current = await api.read("ssm:GetParameter", { Name: name, region: target.region }, () => deps.parameters.get(target.region, name));
        if (current === "true") throw new RehearsalRefused(`${name} in ${target.region} is already "true" (forced unhealthy): restore it first`);
        pre.parameter = { region: target.region, name, previousValue: current ?? "false" };
    }

    pre.baseline = await answers(pre);
    if (!Object.values(pre.baseline).includes(target.region)) {
        notes.push(`no client location is answered by ${target.region} now, so the DNS shift cannot be observed; add one with --client-subnet`);
    }
    const unknown = Object.entries(pre.baseline)
        .filter(([, r]) => r === UNKNOWN)
        .map(([c]) => c);
    if (unknown.length > 0)
        throw new RehearsalRefused(`cannot tell which region answers clients in ${unknown.join(", ")}: the answers match no record of ${target.recordName}`);
    return pre;
}

async function resolveAliasTargets(pre: PreflightResult, resolver: AddressResolver): Promise<void> {
    for (const [region, host] of pre.aliasTargets) {
        const addresses = await resolver.resolve(host).catch(() => [] as string[]);
        const set = pre.answerValues.get(region) ?? new Set<string>();
        for (const address of addresses) set.add(normalise(address));
        pre.answerValues.set(region, set);
    }
}

/** The region an answer points to: every value must belong to one region's record; else "unknown". */
export function regionOfAnswer(values: readonly string[], answerValues: ReadonlyMap<string, ReadonlySet<string>>): string {
    if (values.length === 0) return UNKNOWN;
    const regions = new Set<string>();
    for (const value of values.map(normalise)) {
        const region = [...answerValues.entries()].find(([, set]) => set.has(value))?.[0];
        if (!region) return UNKNOWN;
        regions.add(region);
    }
    return regions.size === 1 ? [...regions][0] : UNKNOWN;
}

function describeAnswers(answers: Record<string, string>): string {
    return Object.entries(answers)
        .map(([client, region]) => `${client}->${region}`)
        .join(", ");
}

async function pullLever(state: RehearsalState, api: ApiCaller, deps: RehearsalDeps): Promise<void> {
    if (state.lever === "invert") {
        await api.write("route53:UpdateHealthCheck", { HealthCheckId: state.healthCheckId, Inverted: true }, () =>
            deps.route53.setInverted(state.healthCheckId, true),
        );
        return;
    }
    const parameter = state.parameter;
    if (!parameter) throw new Error("switch lever without a parameter");
    await api.write("ssm:PutParameter", { Name: parameter.name, Value: "true", Overwrite: true, region: parameter.region }, () =>
        deps.parameters.put(parameter.region, parameter.name, "true"),
    );
}

async function restoreLever(state: RehearsalState, api: ApiCaller, deps: Pick<RehearsalDeps, "route53" | "parameters">): Promise<void> {
    if (state.lever === "invert") {
        await api.write("route53:UpdateHealthCheck", { HealthCheckId: state.healthCheckId, Inverted: false }, () =>
            deps.route53.setInverted(state.healthCheckId, false),
        );
        return;
    }
    const parameter = state.parameter;
    if (!parameter) throw new Error("switch lever without a parameter");
    await api.write("ssm:PutParameter", { Name: parameter.name, Value: parameter.previousValue, Overwrite: true, region: parameter.region }, () =>
        deps.parameters.put(parameter.region, parameter.name, parameter.previousValue),
    );
}

/** The dry run's list of what the live run would do after the preflight. */
function planRemainingCalls(api: ApiCaller, state: RehearsalState, pre: PreflightResult, request: RehearsalRequest): void {
    const poll = (what: string) => {
        if (request.lever === "switch" || what === "recover") {
            for (const id of pre.childIds)
                api.plan(
                    "route53:GetHealthCheckStatus",
                    { HealthCheckId: id, repeat: `every ${request.pollSeconds ?? DEFAULT_POLL_SECONDS} s until ${what}` },
                    false,
                );
        }
    };
    const dns = (until: string) => {
        for (const client of request.clients) {
            api.plan(
                "route53:TestDNSAnswer",
                {
                    HostedZoneId: pre.zoneId,
                    RecordName: pre.recordName,
                    RecordType: "A",
                    EDNS0ClientSubnetIP: client.subnet,
                    EDNS0ClientSubnetMask: "24",
                    repeat: until,
                },
                false,
            );
        }
    };
    if (state.lever === "invert") api.plan("route53:UpdateHealthCheck", { HealthCheckId: state.healthCheckId, Inverted: true }, true);
    else api.plan("ssm:PutParameter", { Name: state.parameter?.name, Value: "true", Overwrite: true, region: state.parameter?.region }, true);
    poll("unhealthy");
    dns(`until no answer points to ${state.region}`);
    if (state.lever === "invert") api.plan("route53:UpdateHealthCheck", { HealthCheckId: state.healthCheckId, Inverted: false }, true);
    else
        api.plan(
            "ssm:PutParameter",
            { Name: state.parameter?.name, Value: state.parameter?.previousValue, Overwrite: true, region: state.parameter?.region },
            true,
        );
    if (request.lever === "switch") poll("healthy");
    dns(`until ${state.region}'s clients are answered by it again`);
}

export interface RestoreResult {
    restored: boolean;
    state?: RehearsalState;
    apiCalls: ApiCallRecord[];
}

/**
 * Puts back the lever of a crashed run, from its state file. Idempotent: with no state file there
 * is nothing to do, and putting a lever back twice leaves it where one restore does.
 */
export async function restoreFromStateFile(
    stateFile: string,
    deps: Pick<RehearsalDeps, "route53" | "parameters" | "clock" | "log">,
    dryRun = false,
): Promise<RestoreResult> {
    const api = new ApiCaller(deps.clock, deps.log, dryRun);
    const state = readState(stateFile);
    if (!state) return { restored: false, apiCalls: api.calls };
    await restoreLever(state, api, deps);
    if (!dryRun) removeState(stateFile);
    return { restored: !dryRun, state, apiCalls: api.calls };
}
