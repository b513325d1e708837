import type { RegionCatalog } from "../region-schema";
import { LATENCY_SOURCE, latencyMs } from "../latency-table";
import { answerFor, type LatencyLookup } from "../routing-model";
import { type DetectionBound, detectionBound, worstClass } from "../detection";
import { offersGlobalEndpoints } from "../aws-regions";
import { latencyNames, type SubsystemTopology } from "../topology";

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

export interface EndpointRouting {
    subsystem: string;
    environment: string;
    endpoint: string;
    primary: string;
    secondary?: string;
    before: string;
    after: string;
}

export interface ScenarioResult {
    down: string[];
    names: NameRouting[];
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

function publishTargets(topology: SubsystemTopology, down: ReadonlySet<string>): EndpointRouting[] {
    return topology.endpoints.map((endpoint) => ({
        subsystem: topology.subsystem,
        environment: topology.environment,
        endpoint: endpoint.name,
        primary: endpoint.primaryRegion,
        secondary: endpoint.secondaryRegion,
        before: endpoint.primaryRegion,
        after: down.has(endpoint.healthCheckRegion) && endpoint.secondaryRegion ? endpoint.secondaryRegion : endpoint.primaryRegion,
    }));
}

/**
 * While an endpoint has failed over, its events land on the secondary's bus with the primary as
 * their origin. The secondary forwards only events that originated there, and the copies EventBridge
 * replicates back to the primary carry `replication-name`, which replication never forwards: so the
 * subsystem's other regions never receive those events.
 */
function thirdRegionWarnings(topologies: SubsystemTopology[], endpoints: EndpointRouting[]): SimulationWarning[] {
    return endpoints.flatMap((endpoint) => {
        const topology = topologies.find((t) => t.subsystem === endpoint.subsystem && t.environment === endpoint.environment);
        const others = (topology?.regions ?? []).map((r) => r.region).filter((region) => region !== endpoint.primary && region !== endpoint.after);
        if (endpoint.after === endpoint.before || others.length === 0) return [];
        return [
            {
                kind: "third-region-gap" as const,
                subsystem: endpoint.subsystem,
                environment: endpoint.environment,
                region: endpoint.after,
                message:
                    `while ${endpoint.primary} is down, events published through global endpoint ${endpoint.endpoint} land on ${endpoint.after}, ` +
                    `whose bus forwards only events that originated there: ${others.join(", ")} never receive them`,
            },
        ];
    });
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
                endpoints,
                warnings: [...scenarioWarnings(names, endpoints, down), ...thirdRegionWarnings(topologies, endpoints)],
            };
        }),
    };
}
