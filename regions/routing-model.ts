import { latencyMs } from "./latency-table";

/**
 * Route 53 latency routing, modelled offline: a client is answered by the healthy record region
 * with the lowest latency from it. When every candidate is unhealthy Route 53 answers as if all
 * were healthy, so the client is sent to its nearest region even though that region is down.
 */

export type LatencyLookup = (from: string, to: string) => number | undefined;

export interface RoutingAnswer {
    /** The record region that answers; undefined only when there are no candidates at all. */
    region?: string;
    /** True when no candidate was healthy and Route 53 fell back to answering as if all were. */
    allUnhealthy: boolean;
}

/**
 * Candidates ordered nearest first from `client`. Regions with no latency data rank after those
 * with data, alphabetically, so the result is deterministic.
 */
export function rankByLatency(client: string, candidates: readonly string[], lookup: LatencyLookup = latencyMs): string[] {
    const keyed = candidates.map((region) => ({ region, ms: lookup(client, region) }));
    return keyed
        .sort((a, b) => {
            if (a.ms === undefined || b.ms === undefined) {
                if (a.ms !== b.ms) return a.ms === undefined ? 1 : -1;
            } else if (a.ms !== b.ms) {
                return a.ms - b.ms;
            }
            return a.region.localeCompare(b.region);
        })
        .map((entry) => entry.region);
}

export function answerFor(
    client: string,
    candidates: readonly string[],
    isHealthy: (region: string) => boolean,
    lookup: LatencyLookup = latencyMs,
): RoutingAnswer {
    const ranked = rankByLatency(client, candidates, lookup);
    const healthy = ranked.find(isHealthy);
    if (healthy !== undefined) return { region: healthy, allUnhealthy: false };
    return { region: ranked[0], allUnhealthy: ranked.length > 0 };
}
