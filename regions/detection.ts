/**
 * How long, from a region failing, until clients are no longer sent there: one model, per failure
 * class, with a best, a typical and a worst case. `meridian failover simulate`, the
 * health-check-timing policy rule and docs/design/health-check-service.md all use it.
 *
 * A region's DNS check is a CALCULATED check that fails as soon as any child fails, so each class
 * of failure is detected by the children built to see it, and then resolvers may keep the old
 * answer for the record's TTL:
 * - endpoint down: the HTTPS checks get no answer;
 * - errors: the error-rate alarms breach;
 * - stalled: traces stop coming back through the bus, the tracer's verdict turns, and its HTTPS
 *   check sees the 503s.
 * `boundSeconds` is the worst case over the classes.
 */

export type FailureClass = "endpoint-down" | "errors" | "stalled";

/** The catalog's default failover target: the example defaults' worst case (360 s, errors) with a minute to spare. */
export const DEFAULT_FAILOVER_TARGET_SECONDS = 420;

/** One fact the model counts, with where it comes from. */
export interface DetectionFact {
    value: number;
    unit: "s" | "share" | "count";
    meaning: string;
    source: string;
}

const ROUTE53_HEALTH = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html";
const GLOBAL_ENDPOINT_RTO = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html#eb-ge-rpo-rto";
const HEALTH_CHECK_CONFIG = "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html";

export const DETECTION_FACTS = {
    probeTimeout: {
        value: 6,
        unit: "s",
        meaning: "a Route 53 checker fails a probe it gets no answer to after 4 s to connect plus 2 s to respond",
        source: ROUTE53_HEALTH,
    },
    healthyShare: {
        value: 0.18,
        unit: "share",
        meaning: "Route 53 calls an endpoint unhealthy once 18% of its checkers or fewer report it healthy: most checkers must each see the failure threshold",
        source: ROUTE53_HEALTH,
    },
    metricDelayTypical: {
        value: 60,
        unit: "s",
        meaning:
            "metric delivery and alarm evaluation on top of the alarm window, typical: AWS gives 360 s for a global endpoint behind its recommended 5 × 60 s alarm",
        source: GLOBAL_ENDPOINT_RTO,
    },
    metricDelayWorst: {
        value: 120,
        unit: "s",
        meaning: "the same, at most: AWS gives at most 420 s for that 300 s alarm window",
        source: GLOBAL_ENDPOINT_RTO,
    },
    defaultRequestInterval: {
        value: 30,
        unit: "s",
        meaning: "Route 53's request interval when a check leaves it unset",
        source: HEALTH_CHECK_CONFIG,
    },
    defaultFailureThreshold: {
        value: 3,
        unit: "count",
        meaning: "Route 53's failure threshold when a check leaves it unset",
        source: HEALTH_CHECK_CONFIG,
    },
} as const satisfies Record<string, DetectionFact>;

export interface EndpointCheckTiming {
    name: string;
    requestIntervalSeconds: number;
    failureThreshold: number;
}

export interface AlarmTiming {
    name: string;
    periodSeconds: number;
    /** N: Route 53 reads the alarm as N breaching periods in a row. */
    evaluationPeriods: number;
    /** M: the alarm's own M-of-N (the fastest it could turn, if Route 53 followed the alarm state). */
    datapointsToAlarm: number;
}

export interface TracerTiming {
    timeoutSeconds: number;
    /** Failed traces in a row before GET /check answers 503. */
    failuresToUnhealthy: number;
    /** How often the schedule starts a trace. */
    intervalSeconds: number;
    /** The HTTPS check that reads the verdict. */
    verdictCheck: EndpointCheckTiming;
}

/** What the bound depends on, as the plan (or a stack under the policy pack) has it for one region. */
export interface DetectionInputs {
    region: string;
    endpointChecks: EndpointCheckTiming[];
    alarms: AlarmTiming[];
    tracer?: TracerTiming;
    /** The TTL the latency record's answer carries; undefined for an alias record, which takes its target's. */
    ttlSeconds?: number;
    /** What could not be read, and so is left out of the bound. */
    notes: string[];
}

export interface Timing {
    best: number;
    typical: number;
    worst: number;
}

export interface ClassBound extends Timing {
    failureClass: FailureClass;
    /** The checks that see this class of failure. */
    signals: string[];
    /** How the worst case is made up, in words and numbers. */
    formula: string;
}

export interface DetectionBound {
    region: string;
    /** Per class: time until the check turns, plus the TTL resolvers may keep the old answer for. */
    classes: ClassBound[];
    ttlSeconds?: number;
    /** The worst case over the classes; undefined when the TTL or every class is unknown. */
    boundSeconds?: number;
    targetSeconds: number;
    overTarget: boolean;
    notes: string[];
}

function add(a: Timing, b: Timing): Timing {
    return { best: a.best + b.best, typical: a.typical + b.typical, worst: a.worst + b.worst };
}

/**
 * Route 53's verdict on an endpoint check. Each checker probes every interval, unsynchronised
 * with the others, and must see `threshold` failures in a row; the verdict turns once all but 18%
 * of them have. An endpoint that answers (503) fails a probe at once; one that does not takes the
 * probe timeout.
 */
function endpointVerdict(check: EndpointCheckTiming, answers: boolean): Timing {
    const { requestIntervalSeconds: interval, failureThreshold: threshold } = check;
    const wait = answers ? 0 : DETECTION_FACTS.probeTimeout.value;
    return {
        best: (threshold - 1) * interval,
        typical: (threshold - 1) * interval + (1 - DETECTION_FACTS.healthyShare.value) * interval + wait,
        worst: threshold * interval + wait,
    };
}

function alarmVerdict(alarm: AlarmTiming): Timing {
    return {
        best: alarm.datapointsToAlarm * alarm.periodSeconds,
        typical: alarm.evaluationPeriods * alarm.periodSeconds + DETECTION_FACTS.metricDelayTypical.value,
        worst: alarm.evaluationPeriods * alarm.periodSeconds + DETECTION_FACTS.metricDelayWorst.value,
    };
}

/** The first trace that cannot come back starts at most one interval after the stall; the verdict needs that many in a row, each due. */
function traceVerdict(tracer: TracerTiming): Timing {
    const { timeoutSeconds: timeout, failuresToUnhealthy: failures, intervalSeconds: interval } = tracer;
    return {
        best: (failures - 1) * interval + timeout,
        typical: (failures - 1) * interval + interval / 2 + timeout,
        worst: failures * interval + timeout,
    };
}

/** A failure only the slowest of several signals sees. */
function slowest(timings: Timing[]): Timing {
    return {
        best: Math.min(...timings.map((t) => t.best)),
        typical: Math.max(...timings.map((t) => t.typical)),
        worst: Math.max(...timings.map((t) => t.worst)),
    };
}

/** Resolvers may keep the old answer for up to the TTL; on average half of it has run when the record changes. */
function cached(ttl: number): Timing {
    return { best: 0, typical: ttl / 2, worst: ttl };
}

function rounded(timing: Timing): Timing {
    return { best: Math.ceil(timing.best), typical: Math.ceil(timing.typical), worst: Math.ceil(timing.worst) };
}

function heaviest<T>(items: readonly T[], worst: (item: T) => number): T {
    return items.reduce((a, b) => (worst(b) > worst(a) ? b : a));
}

function classes(inputs: DetectionInputs, ttl: number): ClassBound[] {
    const result: ClassBound[] = [];
    const ttlText = `${ttl} s TTL`;
    if (inputs.endpointChecks.length > 0) {
        const check = heaviest(inputs.endpointChecks, (c) => endpointVerdict(c, false).worst);
        result.push({
            failureClass: "endpoint-down",
            signals: inputs.endpointChecks.map((c) => c.name),
            ...rounded(add(slowest(inputs.endpointChecks.map((c) => endpointVerdict(c, false))), cached(ttl))),
            formula: `${check.requestIntervalSeconds} s interval × ${check.failureThreshold} failures + ${DETECTION_FACTS.probeTimeout.value} s probe timeout + ${ttlText}`,
        });
    }
    if (inputs.alarms.length > 0) {
        const alarm = heaviest(inputs.alarms, (a) => alarmVerdict(a).worst);
        result.push({
            failureClass: "errors",
            signals: inputs.alarms.map((a) => a.name),
            ...rounded(add(slowest(inputs.alarms.map(alarmVerdict)), cached(ttl))),
            formula: `${alarm.periodSeconds} s period × ${alarm.evaluationPeriods} periods + ${DETECTION_FACTS.metricDelayWorst.value} s metric delivery and alarm evaluation + ${ttlText}`,
        });
    }
    if (inputs.tracer) {
        const { tracer } = inputs;
        const check = tracer.verdictCheck;
        result.push({
            failureClass: "stalled",
            signals: [check.name],
            ...rounded(add(add(traceVerdict(tracer), endpointVerdict(check, true)), cached(ttl))),
            formula:
                `${tracer.failuresToUnhealthy} traces × ${tracer.intervalSeconds} s + ${tracer.timeoutSeconds} s trace timeout + ` +
                `${check.requestIntervalSeconds} s interval × ${check.failureThreshold} failures + ${ttlText}`,
        });
    }
    return result;
}

export function detectionBound(inputs: DetectionInputs, targetSeconds: number): DetectionBound {
    const notes = [...inputs.notes];
    if (inputs.ttlSeconds === undefined) {
        notes.push(`${inputs.region}: the latency record is an alias, whose answer carries its target's TTL, which the plan does not know; no bound`);
    }
    if (!inputs.tracer) notes.push(`${inputs.region}: no tracer found, so a stalled bus or consumer is detected by nothing counted here`);
    const bounds = classes(inputs, inputs.ttlSeconds ?? 0);
    const boundSeconds = inputs.ttlSeconds === undefined || bounds.length === 0 ? undefined : Math.max(...bounds.map((b) => b.worst));
    return {
        region: inputs.region,
        classes: bounds,
        ttlSeconds: inputs.ttlSeconds,
        boundSeconds,
        targetSeconds,
        overTarget: boundSeconds !== undefined && boundSeconds > targetSeconds,
        notes,
    };
}

/** The class whose worst case is the bound. */
export function worstClass(bound: DetectionBound): ClassBound | undefined {
    return bound.classes.length > 0 ? heaviest(bound.classes, (c) => c.worst) : undefined;
}
