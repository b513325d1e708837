import type { PlanDocument } from "../../lib/contracts/plan-document";
import { simulate, SimulationReport } from "../../regions/failover/simulate";
import type { RegionCatalog } from "../../regions/region-schema";
import { extractTopology } from "../../regions/topology";

/**
 * How failover changes between two plans, from the failover simulation of each (regions/): which
 * region answers each client for each latency name, normally and with each region down in turn;
 * where each global endpoint publishes; and each region's detection bound.
 */

export interface AnswerChange {
    /** `normal`, or the regions down: `eu-west-1 down`. */
    scenario: string;
    subsystem: string;
    environment: string;
    name: string;
    client: string;
    before?: string;
    after?: string;
}

export interface DetectionChange {
    subsystem: string;
    environment: string;
    region: string;
    /** Health-check time plus DNS TTL, in seconds; undefined when it cannot be computed. */
    beforeSeconds?: number;
    afterSeconds?: number;
    targetSeconds: number;
}

export interface EndpointChange {
    scenario: string;
    subsystem: string;
    environment: string;
    endpoint: string;
    before?: string;
    after?: string;
}

export type FailoverDiff = { answers: AnswerChange[]; detection: DetectionChange[]; endpoints: EndpointChange[] } | { skipped: string };

const NORMAL = "normal";
const scenarioLabel = (down: readonly string[]) => `${down.join(" + ")} down`;

interface Facts {
    answers: Map<string, AnswerChange>;
    detection: Map<string, DetectionChange>;
    endpoints: Map<string, EndpointChange>;
}

function facts(report: SimulationReport): Facts {
    const answers = new Map<string, AnswerChange>();
    const endpoints = new Map<string, EndpointChange>();
    for (const scenario of report.scenarios) {
        const label = scenarioLabel(scenario.down);
        for (const routing of scenario.names) {
            for (const answer of routing.answers) {
                const fact = { subsystem: routing.subsystem, environment: routing.environment, name: routing.name, client: answer.client };
                answers.set(JSON.stringify([NORMAL, routing.name, answer.client]), { scenario: NORMAL, ...fact, after: answer.before });
                answers.set(JSON.stringify([label, routing.name, answer.client]), { scenario: label, ...fact, after: answer.after });
            }
        }
        for (const endpoint of scenario.endpoints) {
            const fact = {
                scenario: label,
                subsystem: endpoint.subsystem,
                environment: endpoint.environment,
                endpoint: endpoint.endpoint,
                after: endpoint.after,
            };
            endpoints.set(JSON.stringify([label, endpoint.endpoint]), fact);
        }
    }
    const detection = new Map<string, DetectionChange>();
    for (const subsystem of report.detection) {
        for (const region of subsystem.regions) {
            detection.set(JSON.stringify([subsystem.subsystem, subsystem.environment, region.region]), {
                subsystem: subsystem.subsystem,
                environment: subsystem.environment,
                region: region.region,
                afterSeconds: region.boundSeconds,
                targetSeconds: region.targetSeconds,
            });
        }
    }
    return { answers, detection, endpoints };
}

/** Facts whose value differs, or that exist on one side only, in key order (normal operation first). */
function changed<T>(base: Map<string, T>, head: Map<string, T>, valueOf: (fact: T) => unknown, merge: (was: T | undefined, now: T | undefined) => T): T[] {
    const result: T[] = [];
    const order = (key: string) => (key.startsWith(`["${NORMAL}"`) ? `0${key}` : `1${key}`);
    for (const key of [...new Set([...base.keys(), ...head.keys()])].sort((a, b) => order(a).localeCompare(order(b)))) {
        const was = base.get(key);
        const now = head.get(key);
        if (was && now && valueOf(was) === valueOf(now)) continue;
        result.push(merge(was, now));
    }
    return result;
}

export function failoverDiff(base: PlanDocument, head: PlanDocument, baseRegions?: RegionCatalog, headRegions?: RegionCatalog): FailoverDiff {
    if (!baseRegions || !headRegions) {
        const missing = !baseRegions ? base.root : head.root;
        return { skipped: `the region catalog of ${missing} could not be read` };
    }
    const before = facts(simulate(extractTopology(base), baseRegions));
    const after = facts(simulate(extractTopology(head), headRegions));
    return {
        answers: changed(
            before.answers,
            after.answers,
            (fact) => fact.after,
            (was, now) => ({ ...(now ?? was)!, before: was?.after, after: now?.after }),
        ),
        detection: changed(
            before.detection,
            after.detection,
            (fact) => fact.afterSeconds,
            (was, now) => ({ ...(now ?? was)!, beforeSeconds: was?.afterSeconds, afterSeconds: now?.afterSeconds }),
        ),
        endpoints: changed(
            before.endpoints,
            after.endpoints,
            (fact) => fact.after,
            (was, now) => ({ ...(now ?? was)!, before: was?.after, after: now?.after }),
        ),
    };
}
