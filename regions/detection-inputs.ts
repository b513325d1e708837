import { type AlarmTiming, DETECTION_FACTS, type DetectionInputs, type EndpointCheckTiming, type TracerTiming } from "./detection";

/**
 * Reads what the detection model needs from one region's resources, whatever holds them: a
 * plan.json stack (simulate) or a stack under the policy pack (the timing rule). The reading
 * follows the components' conventions: Route 53 checks tagged with their signal (the `bus`
 * signal's checks are the global endpoint's, not DNS's), alarms found by name, the tracer found by
 * its environment, the latency record found by its routing policy.
 */

/** One resource, as either runner has it: `value(key)` is its input, or else its output, of that name. */
export interface ResourceView {
    type: string;
    name: string;
    value(key: string): unknown;
}

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const FUNCTION = "aws:lambda/function:Function";
const RECORD = "aws:route53/record:Record";
const ENDPOINT_TYPES = ["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP"];
const SIGNAL_TAG = "meridian:signal";
/** The tracer's schedule before it was configurable: every minute. */
const LEGACY_TRACE_INTERVAL_SECONDS = 60;

function num(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function tags(resource: ResourceView): Record<string, unknown> {
    return record(resource.value("tags")) ?? {};
}

function nameOf(resource: ResourceView): string {
    const tagged = tags(resource).Name;
    return typeof tagged === "string" ? tagged : resource.name;
}

/** An alarm's period: its own, or for a metric-math alarm the longest period among its queries. */
function alarmPeriod(alarm: ResourceView): number | undefined {
    const own = num(alarm.value("period"));
    if (own !== undefined) return own;
    const queries = alarm.value("metricQueries");
    const periods = (Array.isArray(queries) ? queries : [])
        .map((query) => num(record(record(query)?.metric)?.period) ?? num(record(query)?.period))
        .filter((p): p is number => p !== undefined);
    return periods.length > 0 ? Math.max(...periods) : undefined;
}

function endpointTiming(check: ResourceView, notes: string[]): EndpointCheckTiming {
    const interval = num(check.value("requestInterval"));
    const threshold = num(check.value("failureThreshold"));
    if (interval === undefined || threshold === undefined) {
        notes.push(`check ${nameOf(check)}: requestInterval/failureThreshold unset; Route 53's defaults assumed`);
    }
    return {
        name: nameOf(check),
        requestIntervalSeconds: interval ?? DETECTION_FACTS.defaultRequestInterval.value,
        failureThreshold: threshold ?? DETECTION_FACTS.defaultFailureThreshold.value,
    };
}

function alarmTiming(check: ResourceView, alarms: ResourceView[], notes: string[]): AlarmTiming | undefined {
    const alarmName = check.value("cloudwatchAlarmName");
    const alarm = alarms.find((candidate) => candidate.value("name") === alarmName);
    const period = alarm ? alarmPeriod(alarm) : undefined;
    const evaluations = alarm ? num(alarm.value("evaluationPeriods")) : undefined;
    if (!alarm || period === undefined || evaluations === undefined) {
        notes.push(`metric check ${nameOf(check)}: alarm ${String(alarmName ?? "(none)")} and its period are not in the plan; left out of the bound`);
        return undefined;
    }
    return {
        name: String(alarmName),
        periodSeconds: period,
        evaluationPeriods: evaluations,
        datapointsToAlarm: num(alarm.value("datapointsToAlarm")) ?? evaluations,
    };
}

function tracerTiming(functions: ResourceView[], endpointChecks: Array<{ view: ResourceView; timing: EndpointCheckTiming }>): TracerTiming | undefined {
    for (const fn of functions) {
        const variables = record(record(fn.value("environment"))?.variables) ?? {};
        const timeout = num(variables.TRACE_TIMEOUT_SECONDS);
        if (timeout === undefined) continue;
        const verdict = endpointChecks.find((check) => String(check.view.value("resourcePath") ?? "").endsWith("/check")) ?? endpointChecks[0];
        if (!verdict) return undefined;
        return {
            timeoutSeconds: timeout,
            failuresToUnhealthy: num(variables.TRACE_FAILURES_TO_UNHEALTHY) ?? 1,
            intervalSeconds: num(variables.TRACE_INTERVAL_SECONDS) ?? LEGACY_TRACE_INTERVAL_SECONDS,
            verdictCheck: verdict.timing,
        };
    }
    return undefined;
}

/** The TTL resolvers keep the region's latency answer for: the record's own, or none for an alias (its target's). */
function latencyTtl(records: ResourceView[], notes: string[], region: string): number | undefined {
    const latency = records.filter((r) => Array.isArray(r.value("latencyRoutingPolicies")));
    if (latency.length === 0) {
        notes.push(`${region}: no latency record`);
        return undefined;
    }
    const ttls = latency.map((r) => num(r.value("ttl")));
    return ttls.some((ttl) => ttl === undefined) ? undefined : Math.max(...(ttls as number[]));
}

export function detectionInputs(region: string, resources: readonly ResourceView[]): DetectionInputs {
    const notes: string[] = [];
    const dnsChecks = resources.filter((r) => r.type === HEALTH_CHECK && tags(r)[SIGNAL_TAG] !== "bus");
    const endpointChecks = dnsChecks
        .filter((check) => ENDPOINT_TYPES.includes(String(check.value("type")).toUpperCase()))
        .map((view) => ({ view, timing: endpointTiming(view, notes) }));
    const alarms = resources.filter((r) => r.type === METRIC_ALARM);
    const alarmTimings = dnsChecks
        .filter((check) => String(check.value("type")).toUpperCase() === "CLOUDWATCH_METRIC")
        .map((check) => alarmTiming(check, alarms, notes))
        .filter((timing): timing is AlarmTiming => timing !== undefined);
    return {
        region,
        endpointChecks: endpointChecks.map((check) => check.timing),
        alarms: alarmTimings,
        tracer: tracerTiming(
            resources.filter((r) => r.type === FUNCTION),
            endpointChecks,
        ),
        ttlSeconds: latencyTtl(
            resources.filter((r) => r.type === RECORD),
            notes,
            region,
        ),
        notes,
    };
}
