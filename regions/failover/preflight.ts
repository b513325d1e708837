import * as fs from "fs";
import type { ApiCaller } from "./api-calls";
import type { ClientLocation } from "./client-subnets";
import type { AddressResolver, HealthCheckSummary, IdentityGateway, ParameterGateway, Route53Gateway } from "./gateway";
import type { Lever } from "./levers";
import { describeHolder, readLock } from "./lock";
import { RegionHealth } from "./region-health";
import type { RehearsalTarget } from "./rehearsal-target";
import { readState } from "./state-file";
import { rankByLatency } from "../routing-model";
import { TAG_CHECK, TAG_ENVIRONMENT, TAG_REGION, TAG_SUBSYSTEM } from "../topology";

/**
 * Everything a rehearsal checks before it may pull the lever, run once before the confirmation
 * prompt and again after it: the world may have changed while the operator read.
 */

export class RehearsalRefused extends Error {
    override readonly name = "RehearsalRefused";
}

export const UNKNOWN = "unknown";

export interface PreflightInput {
    target: RehearsalTarget;
    lever: Lever;
    stateFile: string;
    clients: ClientLocation[];
    pollSeconds: number;
}

export interface PreflightDeps {
    route53: Route53Gateway;
    parameters: ParameterGateway;
    identity: IdentityGateway;
    resolver: AddressResolver;
    now: () => number;
}

export interface BusMove {
    endpoint: string;
    secondary: string;
}

export interface PreflightResult {
    account: string;
    healthCheckId: string;
    childIds: string[];
    zoneId: string;
    recordName: string;
    /** The latency record's type (A for alias records, CNAME for the components' records): what TestDNSAnswer is asked for. */
    recordType: string;
    /** Every region with a calculated check, followed poll after poll. */
    health: Map<string, RegionHealth>;
    regionHealth: Record<string, boolean>;
    /** Peers healthy now, nearest to the drained region first: the stop conditions watch these. */
    healthyPeers: string[];
    /** Region → the answer values that mean "this region" (record values, alias targets and their addresses). */
    answerValues: Map<string, Set<string>>;
    aliasTargets: Map<string, string>;
    baseline: Record<string, string>;
    /** The TTL the latency records carry, as their authoritative servers answer it. */
    ttlSeconds?: number;
    parameter?: { region: string; name: string; previousValue: string };
    /** The global endpoint this lever fails over, if any. */
    bus?: BusMove;
    notes: string[];
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

export async function resolveAliasTargets(pre: Pick<PreflightResult, "aliasTargets" | "answerValues">, resolver: AddressResolver): Promise<void> {
    for (const [region, host] of pre.aliasTargets) {
        const addresses = await resolver.resolve(host).catch(() => [] as string[]);
        const set = pre.answerValues.get(region) ?? new Set<string>();
        for (const address of addresses) set.add(normalise(address));
        pre.answerValues.set(region, set);
    }
}

/** Which region answers each client location now, by asking Route 53's own name servers (TestDNSAnswer). */
export async function answers(
    pre: Pick<PreflightResult, "zoneId" | "recordName" | "recordType" | "aliasTargets" | "answerValues">,
    clients: readonly ClientLocation[],
    api: ApiCaller,
    deps: Pick<PreflightDeps, "route53" | "resolver">,
): Promise<Record<string, string>> {
    const result: Record<string, string> = {};
    let refreshed = false;
    for (const client of clients) {
        const params = {
            HostedZoneId: pre.zoneId,
            RecordName: pre.recordName,
            RecordType: pre.recordType,
            EDNS0ClientSubnetIP: client.subnet,
            EDNS0ClientSubnetMask: "24",
        };
        const values = await api.read("route53:TestDNSAnswer", params, (signal) =>
            deps.route53.testDnsAnswer(pre.zoneId, pre.recordName, pre.recordType, client.subnet, signal),
        );
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
}

export async function preflight(input: PreflightInput, deps: PreflightDeps, api: ApiCaller): Promise<PreflightResult> {
    const { target } = input;
    const notes: string[] = [];
    if (fs.existsSync(input.stateFile)) {
        const left = readState(input.stateFile);
        throw new RehearsalRefused(
            `an unfinished rehearsal (${left?.subsystem}/${left?.environment} in ${left?.region}, started ${left?.startedAt}) left ${input.stateFile}: run \`meridian failover restore\` first`,
        );
    }
    const account = await api.read("sts:GetCallerIdentity", {}, (signal) => deps.identity.accountId(signal));
    if (target.accountId && account !== target.accountId) {
        throw new RehearsalRefused(
            `the credentials act in account ${account}, but the plan deploys ${target.subsystem}/${target.environment} to ${target.accountId}: use that account's credentials`,
        );
    }
    const holder = await readLock(target.lock, api, deps.parameters);
    if (holder) {
        throw new RehearsalRefused(
            `another rehearsal holds the lock ${target.lock.name} in ${target.lock.region}: ${describeHolder(holder)}; wait for it, or run \`meridian failover restore --subsystem ${holder.subsystem} --env ${holder.environment}\` if it died`,
        );
    }

    const checks = await api.read("route53:ListHealthChecks,route53:ListTagsForResources", {}, (signal) => deps.route53.listHealthChecks(signal));
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

    const read = (id: string) => api.read("route53:GetHealthCheckStatus", { HealthCheckId: id }, (signal) => deps.route53.getHealthCheckStatus(id, signal));
    const health = new Map<string, RegionHealth>();
    const regionHealth: Record<string, boolean> = {};
    for (const region of [target.region, ...target.regions.filter((r) => r !== target.region)]) {
        const check = region === target.region ? calculated : findCalculated(checks, target, region);
        if (!check || check.childIds.length === 0) {
            notes.push(`no calculated health check with children found for ${region}; counted as unhealthy`);
            regionHealth[region] = false;
            continue;
        }
        const watched = new RegionHealth(region, check, checks, region !== target.region);
        health.set(region, watched);
        regionHealth[region] = (await watched.update(read, deps.now())).healthy;
    }
    if (!regionHealth[target.region]) throw new RehearsalRefused(`${target.region} is already unhealthy: there is nothing to rehearse; investigate it first`);
    const others = target.regions.filter((r) => r !== target.region);
    const healthyPeers = rankByLatency(
        target.region,
        others.filter((r) => regionHealth[r]),
    );
    if (healthyPeers.length === 0) {
        throw new RehearsalRefused(
            `draining ${target.region} would leave no healthy region (${others.map((r) => `${r} unhealthy`).join(", ") || "no other region"})`,
        );
    }
    for (const region of others.filter((r) => !regionHealth[r])) notes.push(`${region} is unhealthy: only ${healthyPeers.join(", ")} will take the traffic`);

    let bus: BusMove | undefined;
    const endpoint = target.endpoint;
    if (endpoint?.movedBy.includes(input.lever)) {
        if (!regionHealth[endpoint.secondaryRegion]) {
            throw new RehearsalRefused(
                `the ${input.lever} lever also fails global endpoint ${endpoint.name} over to its secondary ${endpoint.secondaryRegion}, which is unhealthy: publishers would lose their bus`,
            );
        }
        bus = { endpoint: endpoint.name, secondary: endpoint.secondaryRegion };
        notes.push(
            `the ${input.lever} lever also fails the bus over: publishers using global endpoint ${endpoint.name} move from ${target.region} to ${endpoint.secondaryRegion} (healthy now) until the lever is back`,
        );
    }

    const zoneName = target.recordName.split(".").slice(1).join(".");
    const zoneId = await api.read("route53:ListHostedZonesByName", { DNSName: zoneName, MaxItems: 1 }, (signal) =>
        deps.route53.findPublicZone(zoneName, signal),
    );
    if (!zoneId) throw new RehearsalRefused(`no public hosted zone ${zoneName} in Route 53`);
    const records = await api.read("route53:ListResourceRecordSets", { HostedZoneId: zoneId, StartRecordName: target.recordName }, (signal) =>
        deps.route53.listRecordSets(zoneId, target.recordName, signal),
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
    let ttlSeconds = drainedRecord.ttlSeconds;
    if (ttlSeconds === undefined) {
        const servers = await api.read("route53:GetHostedZone", { Id: zoneId }, (signal) => deps.route53.nameServers(zoneId, signal));
        ttlSeconds = await deps.resolver.ttlSeconds(target.recordName, servers).catch(() => undefined);
        if (ttlSeconds === undefined) notes.push(`could not read the TTL of ${target.recordName} from its name servers: the shift is reported without it`);
    }
    const pre: PreflightResult = {
        account,
        healthCheckId: calculated.id,
        childIds: calculated.childIds,
        zoneId,
        recordName: target.recordName,
        recordType: drainedRecord.type || "A",
        health,
        regionHealth,
        healthyPeers,
        answerValues,
        aliasTargets,
        baseline: {},
        ttlSeconds,
        bus,
        notes,
    };
    await resolveAliasTargets(pre, deps.resolver);

    if (input.lever === "switch") {
        const name = target.parameterName;
        const current = await api.read("ssm:GetParameter", { Name: name, region: target.region }, (signal) => deps.parameters.get(target.region, name, signal));
        if (current === "true") throw new RehearsalRefused(`${name} in ${target.region} is already "true" (forced unhealthy): restore it first`);
        pre.parameter = { region: target.region, name, previousValue: current ?? "false" };
        const intervals = checks.filter((c) => calculated.childIds.includes(c.id) && c.type !== "CLOUDWATCH_METRIC").map((c) => c.requestIntervalSeconds ?? 30);
        if (intervals.length > 0 && input.pollSeconds > Math.min(...intervals)) {
            notes.push(
                `--poll ${input.pollSeconds} s is slower than the checkers' ${Math.min(...intervals)} s interval: missed probes are assumed to match their neighbours`,
            );
        }
    }

    pre.baseline = await answers(pre, input.clients, api, deps);
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
