import type { HealthCheckInfo, RegionTopology } from "./topology";

/**
 * How long, at most, from a region failing to clients no longer being sent there: the time for
 * the region's calculated health check to turn unhealthy plus the DNS TTL that resolvers may
 * still cache the old answer for.
 */

/**
 * Extra time, on top of the alarm's own evaluation, for Route 53 to see a CloudWatch alarm change
 * state: metric data lands late and Route 53 reads alarm state asynchronously. One minute is a
 * deliberately conservative planning figure, not an AWS guarantee.
 */
export const METRIC_CHECK_LAG_SECONDS = 60;

/** Route 53's defaults when a health check leaves them unset. */
const ROUTE53_DEFAULT_INTERVAL_SECONDS = 30;
const ROUTE53_DEFAULT_FAILURE_THRESHOLD = 3;

export interface ChildDetection {
    check: string;
    kind: HealthCheckInfo["kind"];
    /** Undefined when the check's configuration cannot be read (the reason is in `notes`). */
    seconds?: number;
    formula: string;
}

export interface RegionDetection {
    region: string;
    children: ChildDetection[];
    /** When every child sees the failure (e.g. the whole region is down): the calculated check trips with the quickest children. */
    fastestSeconds?: number;
    /** The worst case: a failure only the slowest child sees. The calculated check trips once that child does. */
    checkSeconds?: number;
    ttlSeconds: number;
    /** `checkSeconds + ttlSeconds`, compared with the catalog's failover target. */
    boundSeconds?: number;
    targetSeconds: number;
    notes: string[];
}

function childDetection(check: HealthCheckInfo, notes: string[]): ChildDetection {
    if (check.kind === "metric") {
        const period = check.alarm?.periodSeconds;
        const evaluations = check.alarm?.evaluationPeriods;
        if (period === undefined || evaluations === undefined) {
            notes.push(`metric check ${check.name}: alarm ${check.alarmName ?? "(none)"} has no period/evaluationPeriods in the plan; left out of the bound`);
            return { check: check.name, kind: check.kind, formula: "alarm unknown" };
        }
        return {
            check: check.name,
            kind: check.kind,
            seconds: period * evaluations + METRIC_CHECK_LAG_SECONDS,
            formula: `${period} s period x ${evaluations} evaluation period(s) + ${METRIC_CHECK_LAG_SECONDS} s Route 53 metric lag`,
        };
    }
    const interval = check.requestIntervalSeconds ?? ROUTE53_DEFAULT_INTERVAL_SECONDS;
    const threshold = check.failureThreshold ?? ROUTE53_DEFAULT_FAILURE_THRESHOLD;
    if (check.requestIntervalSeconds === undefined || check.failureThreshold === undefined) {
        notes.push(`check ${check.name}: requestInterval/failureThreshold unset; Route 53 defaults (30 s x 3) assumed`);
    }
    return { check: check.name, kind: check.kind, seconds: interval * threshold, formula: `${interval} s interval x ${threshold} failures` };
}

export function detectionBound(region: RegionTopology, ttlSeconds: number, targetSeconds: number): RegionDetection {
    const notes: string[] = [];
    const children = region.children.map((child) => childDetection(child, notes));
    const known = children
        .map((c) => c.seconds)
        .filter((s): s is number => s !== undefined)
        .sort((a, b) => a - b);
    const calculated = region.calculated;
    // The calculated check is unhealthy once fewer than `threshold` children are healthy, i.e. once
    // (children - threshold + 1) of them have failed. With threshold = all children that is one child.
    const needed = calculated?.kind === "calculated" ? children.length - (calculated.childThreshold ?? children.length) + 1 : 1;
    if (needed > 1) {
        notes.push(
            `calculated check ${calculated?.name}: childHealthThreshold ${calculated?.childThreshold} of ${children.length} means ${needed} children must fail; a failure only one child sees is never detected`,
        );
    }
    const fastestSeconds = known.length >= needed ? known[Math.max(needed, 1) - 1] : undefined;
    const checkSeconds = known.length > 0 ? known[known.length - 1] : undefined;
    return {
        region: region.region,
        children,
        fastestSeconds,
        checkSeconds,
        ttlSeconds,
        boundSeconds: checkSeconds === undefined ? undefined : checkSeconds + ttlSeconds,
        targetSeconds,
        notes,
    };
}
