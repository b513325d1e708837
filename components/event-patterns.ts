/**
 * EventBridge event patterns the components install, and the event fields publishers stamp so that
 * replication is loop-free.
 */

/** Publishers stamp `detail.origin.region` with the region they published in; replication never rewrites it. */
export interface OriginStamp {
    origin: { region: string };
}

export function originStamp(region: string): OriginStamp {
    return { origin: { region } };
}

export type PatternValue = string | number | boolean | null;

/** The subset of EventBridge matchers the platform uses (and `matchesPattern` evaluates). */
export type PatternMatcher = PatternValue | { prefix: string } | { "anything-but": PatternValue | PatternValue[] | { prefix: string } } | { exists: boolean };

export interface EventPattern {
    [field: string]: PatternMatcher[] | EventPattern;
}

/**
 * Events this region's bus forwards to its peers: those published here (origin stamp = this region)
 * and not already replicated by a global endpoint (`replication-name` is absent on original events).
 * A forwarded event keeps its origin, so on the peer bus it never matches that bus's replication
 * rule, whose origin is the peer region: no event crosses more than one hop.
 */
export function replicationEventPattern(region: string): EventPattern {
    return {
        "replication-name": [{ exists: false }],
        detail: { origin: { region: [region] } },
    };
}

export const HEALTH_TRACE_SOURCE = "meridian.health";
export const HEALTH_TRACE_DETAIL_TYPE = "HealthTrace";

/**
 * The tracer's own events, published in this region, delivered back to it to complete the trace.
 * Events replayed from the archive (`replay-name` set) say nothing about the bus now: not delivered.
 */
export function healthTracePattern(region: string): EventPattern {
    return {
        "replay-name": [{ exists: false }],
        source: [HEALTH_TRACE_SOURCE],
        "detail-type": [HEALTH_TRACE_DETAIL_TYPE],
        detail: { origin: { region: [region] } },
    };
}
