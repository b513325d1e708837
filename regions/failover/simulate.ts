import type { RegionCatalog } from "../region-schema";
import { LATENCY_SOURCE, latencyMs } from "../latency-table";
import { answerFor, type LatencyLookup } from "../routing-model";
import { type DetectionBound, detectionBound, worstClass } from "../detection";
import { offersGlobalEndpoints } from "../aws-regions";
import { latencyNames, type SubsystemTopology } from "../topology";
import { busArn } from "../../lib/contracts/naming";
import { matchesIamGlob } from "../../lib/iam-glob";

/**
 * The offline what-if: for each scenario (a set of regions down), which region answers each
 * client location for every latency name, where each global endpoint publishes, and what is
 * wrong with the topology. Pure: it takes the extracted topology and the region catalog.
 */

export type WarningKind =
    | "all-regions-down"
    | "no-health-check"
    | "single-region"
    | "replication-gap"
    | "third-region-gap"
    | "no-global-endpoints"
    | "slow-detection"
    | "endpoint-to-down-region"
    | "publish-denied-after-failover"
    | "convention";

export interface SimulationWarning {
    kind: WarningKind;
    subsystem?: string;
    environment?: string;
    region?: string;
    message: string;
}

export interface ClientAnswer {
    client: string;
    before?: string;
    after?: string;
    /** The region answering after the failure is itself down (all-unhealthy fallback, or no health check). */
    afterIsDown: boolean;
}

export interface NameRouting {
    subsystem: string;
    environment: string;
    name: string;
    regions: string[];
    allUnhealthy: boolean;
    answers: ClientAnswer[];
}

/** Whether the primary region's publishers may write to the secondary's bus, which is where the endpoint sends them after failover. */
export type PublishAfterFailover = "allowed" | "denied" | "unknown";

export interface EndpointRouting {
    subsystem: string;
    environment: string;
    endpoint: string;
    primary: string;
    secondary?: string;
    before: string;
    after: string;
    /** Only when the endpoint has failed over. */
    publishers?: PublishAfterFailover;
    /** Regions that never receive events published through the endpoint while it is failed over. */
    missedBy?: string[];
}

/**
 * How long until clients stop being sent to a downed region: the detection model's typical and
 * worst case over failure classes, each already counting Route 53's verdict after the failure
 * threshold and the TTL resolvers may keep the old answer for.
 */
export interface ShiftTime {
    subsystem: string;
    environment: string;
    region: string;
    typicalSeconds: number;
    worstSeconds: number;
    /** The failure class of the worst case. */
    worstClass: string;
    ttlSeconds?: number;
}

export interface ScenarioResult {
    down: string[];
    names: NameRouting[];
    /** One per downed region of each subsystem environment that runs there, when the model could bound it. */
    shifts: ShiftTime[];
    endpoints: EndpointRouting[];
    warnings: SimulationWarning[];
}

export interface SubsystemDetection {
    subsystem: string;
    environment: string;
    /** Per region: best, typical and worst case per failure class; `boundSeconds` is the worst over classes. */
    regions: DetectionBound[];
}

export interface SimulationReport {
    clients: string[];
    latencySource: string;
    failoverTargetSeconds: number;
    detection: SubsystemDetection[];
    /** Warnings about the topology itself, true in every scenario. */
    warnings: SimulationWarning[];
    scenarios: ScenarioResult[];
}

export interface SimulationOptions {
    /** Each entry is one scenario's set of downed regions; default: each catalog region down in turn. */
    scenarios?: string[][];
    latency?: LatencyLookup;
}

function topologyWarnings(topology: SubsystemTopology): SimulationWarning[] {
    const { subsystem, environment } = topology;
    const warnings: SimulationWarning[] = topology.problems.map((p) => ({ kind: p.kind, subsystem, environment, region: p.region, message: p.message }));
    const regions = topology.regions.map((r) => r.region);
    if (regions.length === 1) {
        warnings.push({
            kind: "single-region",
            subsystem,
            environment,
            region: regions[0],
            message: `${subsystem}/${environment} runs only in ${regions[0]}: it has nowhere to fail over to`,
        });
    }
    for (const endpoint of topology.endpoints) {
        const unsupported = [endpoint.primaryRegion, endpoint.secondaryRegion].filter((region): region is string => !!region && !offersGlobalEndpoints(region));
        if (unsupported.length > 0) {
            warnings.push({
                kind: "no-global-endpoints",
                subsystem,
                environment,
                region: endpoint.primaryRegion,
                message: `global endpoint ${endpoint.name} uses ${unsupported.join(", ")}, where EventBridge offers no global endpoints (regions/aws-regions.ts): it cannot be created`,
            });
        }
    }
    for (const region of topology.regions) {
        const missing = regions.filter((peer) => peer !== region.region && !region.replicatesTo.includes(peer));
        if (missing.length > 0) {
            warnings.push({
                kind: "replication-gap",
                subsystem,
                environment,
                region: region.region,
                message: `${subsystem}/${environment}: the bus in ${region.region} does not replicate to ${missing.join(", ")}; events published there are lost to those regions`,
            });
        }
    }
    return warnings;
}

function detectionFor(topology: SubsystemTopology, catalog: RegionCatalog): { detection: SubsystemDetection; warnings: SimulationWarning[] } {
    const { subsystem, environment } = topology;
    const warnings: SimulationWarning[] = [];
    const regions = topology.regions.map((region) => {
        const result = detectionBound(region.detection, catalog.failoverTargetSeconds);
        for (const note of result.notes) warnings.push({ kind: "convention", subsystem, environment, region: region.region, message: note });
        const worst = worstClass(result);
        if (result.overTarget && worst) {
            warnings.push({
                kind: "slow-detection",
                subsystem,
                environment,
                region: region.region,
                message:
                    `${subsystem}/${environment} in ${region.region}: clients can be sent there for up to ${result.boundSeconds} s after it fails ` +
                    `(${worst.failureClass}: ${worst.formula}), slower than the ${catalog.failoverTargetSeconds} s failover target`,
            });
        }
        return result;
    });
    return { detection: { subsystem, environment, regions }, warnings };
}

function route(topology: SubsystemTopology, clients: string[], down: ReadonlySet<string>, latency: LatencyLookup): NameRouting[] {
    return latencyNames(topology).map(({ name, regions }) => {
        const hasCheck = (region: string) =>
            topology.regions.some((r) => r.records.some((rec) => rec.name === name && rec.latencyRegion === region && rec.healthCheckId));
        // A record without a health check is always "healthy" to Route 53, whatever state its region is in.
        const healthyAfter = (region: string) => !down.has(region) || !hasCheck(region);
        let allUnhealthy = false;
        const answers = clients.map((client) => {
            const before = answerFor(client, regions, () => true, latency).region;
            const after = answerFor(client, regions, healthyAfter, latency);
            allUnhealthy ||= after.allUnhealthy;
            return { client, before, after: after.region, afterIsDown: after.region !== undefined && down.has(after.region) };
        });
        return { subsystem: topology.subsystem, environment: topology.environment, name, regions, allUnhealthy, answers };
    });
}

/**
 * After failover the endpoint sends the primary's publishers to the secondary's bus, and PutEvents
 * there is authorised against that bus: the publishers' role must allow it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html).
 */
function publishersAfterFailover(topology: SubsystemTopology, primary: string, secondary: string): PublishAfterFailover {
    const allowed = topology.regions.find((r) => r.region === primary)?.publishableBuses;
    if (!allowed || !topology.accountId) return "unknown";
    const target = busArn(topology.accountId, secondary, topology.subsystem);
    return allowed.some((pattern) => matchesIamGlob(pattern, target)) ? "allowed" : "denied";
}

/**
 * The regions other than primary and secondary that an event published during failover never
 * reaches: it lands on the secondary stamped with the primary as origin, so it is forwarded only
 * where the secondary's replication rule forwards that origin; the endpoint's own replication runs
 * between primary and secondary alone.
 */
function missedDuringFailover(topology: SubsystemTopology, primary: string, secondary: string): string[] {
    const forwards = topology.regions.find((r) => r.region === secondary)?.forwardedOrigins ?? {};
    return topology.regions
        .map((r) => r.region)
        .filter((region) => region !== primary && region !== secondary)
        .filter((region) => {
            const origins = forwards[region];
            return origins !== "any" && !origins?.includes(primary);
        });
}

function publishTargets(topology: SubsystemTopology, down: ReadonlySet<string>): EndpointRouting[] {
    return topology.endpoints.map((endpoint) => {
        const failedOver = down.has(endpoint.healthCheckRegion) && endpoint.secondaryRegion !== undefined;
        const routing: EndpointRouting = {
            subsystem: topology.subsystem,
            environment: topology.environment,
            endpoint: endpoint.name,
            primary: endpoint.primaryRegion,
            secondary: endpoint.secondaryRegion,
            before: endpoint.primaryRegion,
            after: failedOver && endpoint.secondaryRegion ? endpoint.secondaryRegion : endpoint.primaryRegion,
        };
        if (failedOver && endpoint.secondaryRegion) {
            routing.publishers = publishersAfterFailover(topology, endpoint.primaryRegion, endpoint.secondaryRegion);
            routing.missedBy = missedDuringFailover(topology, endpoint.primaryRegion, endpoint.secondaryRegion);
        }
        return routing;
    });
}

function shiftTimes(detection: readonly SubsystemDetection[], down: ReadonlySet<string>): ShiftTime[] {
    return detection.flatMap(({ subsystem, environment, regions }) =>
        regions
            .filter((bound) => down.has(bound.region))
            .flatMap((bound) => {
                const worst = worstClass(bound);
                if (!worst || bound.boundSeconds === undefined) return [];
                const typicalSeconds = Math.max(...bound.classes.map((c) => c.typical));
                return [
                    {
                        subsystem,
                        environment,
                        region: bound.region,
                        typicalSeconds,
                        worstSeconds: worst.worst,
                        worstClass: worst.failureClass,
                        ttlSeconds: bound.ttlSeconds,
                    },
                ];
            }),
    );
}

function scenarioWarnings(names: NameRouting[], endpoints: EndpointRouting[], down: ReadonlySet<string>): SimulationWarning[] {
    const warnings: SimulationWarning[] = [];
    for (const routing of names.filter((n) => n.allUnhealthy)) {
        warnings.push({
            kind: "all-regions-down",
            subsystem: routing.subsystem,
            environment: routing.environment,
            message: `${routing.name}: every region (${routing.regions.join(", ")}) is down; Route 53 then answers as if all were healthy, so clients are sent to a dead region`,
        });
    }
    for (const endpoint of endpoints.filter((e) => down.has(e.after))) {
        warnings.push({
            kind: "endpoint-to-down-region",
            subsystem: endpoint.subsystem,
            environment: endpoint.environment,
            region: endpoint.after,
            message: `global endpoint ${endpoint.endpoint} still publishes to ${endpoint.after}, which is down`,
        });
    }
    for (const endpoint of endpoints) {
        const { subsystem, environment } = endpoint;
        if (endpoint.publishers === "denied") {
            warnings.push({
                kind: "publish-denied-after-failover",
                subsystem,
                environment,
                region: endpoint.primary,
                message:
                    `global endpoint ${endpoint.endpoint} fails over from ${endpoint.primary} to ${endpoint.after}, but the publishers in ${endpoint.primary} ` +
                    `may PutEvents only on their own bus: their events are denied (AccessDenied) until ${endpoint.primary} is healthy again`,
            });
        }
        if (endpoint.missedBy && endpoint.missedBy.length > 0) {
            warnings.push({
                kind: "third-region-gap",
                subsystem,
                environment,
                region: endpoint.after,
                message:
                    `events published through ${endpoint.endpoint} while it is failed over to ${endpoint.after} never reach ${endpoint.missedBy.join(", ")}: ` +
                    `they keep ${endpoint.primary} as their origin, ${endpoint.after} forwards only its own, and the endpoint replicates only back to ${endpoint.primary}`,
            });
        }
    }
    return warnings;
}

export function simulate(topologies: SubsystemTopology[], catalog: RegionCatalog, options: SimulationOptions = {}): SimulationReport {
    const clients = catalog.regions.map((r) => r.code);
    const latency = options.latency ?? latencyMs;
    const scenarios = options.scenarios ?? clients.map((region) => [region]);
    const warnings: SimulationWarning[] = [];
    const detection: SubsystemDetection[] = [];
    for (const topology of topologies) {
        warnings.push(...topologyWarnings(topology));
        const result = detectionFor(topology, catalog);
        detection.push(result.detection);
        warnings.push(...result.warnings);
    }
    return {
        clients,
        latencySource: LATENCY_SOURCE,
        failoverTargetSeconds: catalog.failoverTargetSeconds,
        detection,
        warnings,
        scenarios: scenarios.map((downList) => {
            const down = new Set(downList);
            const names = topologies.flatMap((t) => route(t, clients, down, latency));
            const endpoints = topologies.flatMap((t) => publishTargets(t, down));
            return {
                down: [...downList],
                names,
                shifts: shiftTimes(detection, down),
                endpoints,
                warnings: scenarioWarnings(names, endpoints, down),
            };
        }),
    };
}
