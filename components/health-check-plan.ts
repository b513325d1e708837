import type { HealthCheckSettings } from "../regions/region-schema";
import { healthAlarmName } from "../lib/contracts/naming";
import { metricNamespace } from "./policy-documents/permission-boundary";
import { PUBLISH_FAILURE_METRIC, TRACE_ERROR_METRIC } from "./health-check/metrics";

/**
 * Pure decisions behind the RegionalHealthCheck component: the tags the failover tooling finds
 * health checks by, the alarms of each signal and their settings, and the calculated checks'
 * thresholds.
 *
 * A region has two signals, each a CALCULATED check:
 * - `dns`: is the region serving? The tracer's verdict and the public custom domain over HTTPS,
 *   and error-rate alarms. The latency record follows it.
 * - `bus`: can publishers still publish here? AWS's recommended signals for an EventBridge global
 *   endpoint, all on the publishing side (no subscriber metric). The global endpoint follows it.
 */

export type HealthCheckKind = "https" | "metric" | "calculated";
export type HealthSignal = "dns" | "bus";

/** The tag contract with `meridian failover`: it finds a region's checks by exactly these keys. */
export const HEALTH_CHECK_TAG_KEYS = {
    name: "Name",
    subsystem: "meridian:subsystem",
    environment: "meridian:environment",
    region: "meridian:region",
    check: "meridian:check",
    signal: "meridian:signal",
} as const;

export interface HealthCheckContext {
    subsystem: string;
    environment: string;
    region: string;
}

export function healthCheckTags(context: HealthCheckContext, signal: HealthSignal, kind: HealthCheckKind, detail?: string): Record<string, string> {
    const name = [context.subsystem, context.environment, context.region, kind, ...(detail ? [detail] : [])].join("-");
    return {
        [HEALTH_CHECK_TAG_KEYS.name]: name,
        [HEALTH_CHECK_TAG_KEYS.subsystem]: context.subsystem,
        [HEALTH_CHECK_TAG_KEYS.environment]: context.environment,
        [HEALTH_CHECK_TAG_KEYS.region]: context.region,
        [HEALTH_CHECK_TAG_KEYS.check]: kind,
        [HEALTH_CHECK_TAG_KEYS.signal]: signal,
    };
}

/** The stage `GET /check` is served from; the HTTPS check's path is `/<stage>/check`. */
export const HEALTH_STAGE_NAME = "live";

/** The schedule that starts a trace, and its interval: the verdict's unit of time. */
export const TRACE_SCHEDULE = "rate(1 minute)";
export const TRACE_INTERVAL_SECONDS = 60;

export function healthApiName(subsystem: string): string {
    return `${subsystem}-health`;
}

export function healthCheckResourcePath(stageName: string): string {
    return `/${stageName}/check`;
}

export type AlarmKind = "api-5xx-rate" | "trace-error-rate" | "bus-delivery-latency" | "publish-failure-rate";

export interface AlarmMetric {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
}

/**
 * One alarm behind one Route 53 CLOUDWATCH_METRIC check. Route 53 keeps its own copy of a single
 * metric's namespace, name, dimensions, statistic, period, evaluation periods, threshold and
 * comparison (CloudWatchAlarmConfiguration, where MetricName, Namespace and Statistic are
 * required: https://docs.aws.amazon.com/Route53/latest/APIReference/API_CloudWatchAlarmConfiguration.html),
 * so an alarm it watches cannot use metric math. Each alarm therefore watches one metric whose
 * Average is already a rate, and Route 53, which has no DatapointsToAlarm in that copy, reads it
 * as `evaluationPeriods` breaching periods in a row; the alarm's own M-of-N state drives the
 * notification.
 */
export interface AlarmSpec {
    kind: AlarmKind;
    signal: HealthSignal;
    name: string;
    description: string;
    metric: AlarmMetric;
    statistic: "Average";
    comparisonOperator: "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold";
    threshold: number;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    /** A silent tracer is a failed tracer; silence elsewhere means nothing went wrong. */
    treatMissingData: "breaching" | "notBreaching";
    /** Where the alarm's settings come from. */
    source: string;
}

/** A share of failed runs; one 0/1 sample per run, so half the runs of a period failing breaches. */
const FAILED_RUN_SHARE = 0.5;

/**
 * AWS's recommended health check for an EventBridge global endpoint: average
 * IngestionToInvocationStartLatency above 30 s for 5 one-minute periods, missing data breaching.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-ge-cfn.html (its CloudFormation template).
 */
export const BUS_LATENCY_ALARM = {
    thresholdMs: 30_000,
    periodSeconds: 60,
    evaluationPeriods: 5,
    source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-ge-cfn.html",
} as const;

const API_5XX_RATE_SOURCE =
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html (5XXError: the Average statistic is the 5XXError rate)";

/** The DNS signal's alarms: error rates of the health API and of the tracer's scheduled runs. */
export function dnsAlarmSpecs(subsystem: string, settings: HealthCheckSettings, stageName: string = HEALTH_STAGE_NAME): AlarmSpec[] {
    const window = {
        signal: "dns" as const,
        statistic: "Average" as const,
        comparisonOperator: "GreaterThanOrEqualToThreshold" as const,
        // Whole minutes only (the region catalog rejects anything else): Route 53 watches standard-resolution alarms.
        periodSeconds: settings.alarmPeriodSeconds,
        evaluationPeriods: settings.alarmEvaluationPeriods,
        datapointsToAlarm: settings.alarmDatapointsToAlarm,
    };
    return [
        {
            ...window,
            kind: "api-5xx-rate",
            name: healthAlarmName(subsystem, "api-5xx-rate"),
            description: `At least ${settings.errorRateThreshold * 100}% of GET /check answers of ${subsystem} were 5xx, in ${settings.alarmDatapointsToAlarm} of ${settings.alarmEvaluationPeriods} periods.`,
            metric: { namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions: { ApiName: healthApiName(subsystem), Stage: stageName } },
            threshold: settings.errorRateThreshold,
            treatMissingData: "notBreaching",
            source: API_5XX_RATE_SOURCE,
        },
        {
            ...window,
            kind: "trace-error-rate",
            name: healthAlarmName(subsystem, "trace-error-rate"),
            description: `The ${subsystem} tracer could not write or publish at least half of its traces, in ${settings.alarmDatapointsToAlarm} of ${settings.alarmEvaluationPeriods} periods (a silent tracer counts).`,
            metric: { namespace: metricNamespace(subsystem), metricName: TRACE_ERROR_METRIC, dimensions: {} },
            threshold: FAILED_RUN_SHARE,
            treatMissingData: "breaching",
            source: "components/health-check/handler.ts (traceMetricLine: one 0/1 sample per scheduled run)",
        },
    ];
}

/**
 * The bus signal's alarms, all on the publishing side: EventBridge's own ingestion-to-invocation
 * latency (AWS's recommended check) and the share of the tracer's PutEvents calls that failed.
 * No subscriber metric: AWS advises against them for a global endpoint, because one failing
 * consumer would move every publisher
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-ge-best-practices.html#eb-ge-bp-sub-metrics).
 */
export function busAlarmSpecs(subsystem: string, settings: HealthCheckSettings): AlarmSpec[] {
    return [
        {
            kind: "bus-delivery-latency",
            signal: "bus",
            name: healthAlarmName(subsystem, "bus-delivery-latency"),
            description: `EventBridge in this region took over ${BUS_LATENCY_ALARM.thresholdMs / 1000} s on average from ingestion to invocation, ${BUS_LATENCY_ALARM.evaluationPeriods} minutes in a row.`,
            metric: { namespace: "AWS/Events", metricName: "IngestionToInvocationStartLatency", dimensions: {} },
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: BUS_LATENCY_ALARM.thresholdMs,
            periodSeconds: BUS_LATENCY_ALARM.periodSeconds,
            evaluationPeriods: BUS_LATENCY_ALARM.evaluationPeriods,
            datapointsToAlarm: BUS_LATENCY_ALARM.evaluationPeriods,
            treatMissingData: "breaching",
            source: BUS_LATENCY_ALARM.source,
        },
        {
            kind: "publish-failure-rate",
            signal: "bus",
            name: healthAlarmName(subsystem, "publish-failure-rate"),
            description: `At least half of the ${subsystem} tracer's PutEvents calls on its bus failed, in ${settings.alarmDatapointsToAlarm} of ${settings.alarmEvaluationPeriods} periods.`,
            metric: { namespace: metricNamespace(subsystem), metricName: PUBLISH_FAILURE_METRIC, dimensions: {} },
            statistic: "Average",
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: FAILED_RUN_SHARE,
            periodSeconds: settings.alarmPeriodSeconds,
            evaluationPeriods: settings.alarmEvaluationPeriods,
            datapointsToAlarm: settings.alarmDatapointsToAlarm,
            // A stopped tracer says nothing about whether publishers can publish: no data is no failover.
            treatMissingData: "notBreaching",
            source: "components/health-check/handler.ts (traceMetricLine: one 0/1 sample per scheduled run)",
        },
    ];
}

/**
 * What a Route 53 metric check reports while the alarm's metric has no data. Route 53 evaluates the
 * alarm's metric itself and does not apply the alarm's `treatMissingData`, so the check is told the
 * same thing: a silent tracer is unhealthy, and a quiet error metric healthy.
 */
export function insufficientDataHealthStatus(spec: AlarmSpec): "Healthy" | "Unhealthy" {
    return spec.treatMissingData === "breaching" ? "Unhealthy" : "Healthy";
}

/** A calculated check is healthy only when every child is: one failing signal takes the region out. */
export function calculatedThreshold(childCount: number): number {
    if (childCount < 1) {
        throw new Error("a calculated health check needs at least one child");
    }
    return childCount;
}
