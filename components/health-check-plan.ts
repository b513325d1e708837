import type { HealthCheckSettings } from "../regions/region-schema";
import { healthAlarmName, healthFunctionName, traceTableName } from "../lib/contracts/naming";
import { metricNamespace } from "./policy-documents/permission-boundary";

/**
 * Pure decisions behind the RegionalHealthCheck component: the tags the failover tooling finds
 * health checks by, the alarms and their settings, and the calculated check's threshold.
 */

export type HealthCheckKind = "https" | "metric" | "calculated";

/** The tag contract with `meridian failover`: it finds a region's checks by exactly these keys. */
export const HEALTH_CHECK_TAG_KEYS = {
    name: "Name",
    subsystem: "meridian:subsystem",
    environment: "meridian:environment",
    region: "meridian:region",
    check: "meridian:check",
} as const;

export interface HealthCheckContext {
    subsystem: string;
    environment: string;
    region: string;
}

export function healthCheckTags(context: HealthCheckContext, kind: HealthCheckKind, detail?: string): Record<string, string> {
    const name = [context.subsystem, context.environment, context.region, kind, ...(detail ? [detail] : [])].join("-");
    return {
        [HEALTH_CHECK_TAG_KEYS.name]: name,
        [HEALTH_CHECK_TAG_KEYS.subsystem]: context.subsystem,
        [HEALTH_CHECK_TAG_KEYS.environment]: context.environment,
        [HEALTH_CHECK_TAG_KEYS.region]: context.region,
        [HEALTH_CHECK_TAG_KEYS.check]: kind,
    };
}

/** The stage `GET /check` is served from; the HTTPS check's path is `/<stage>/check`. */
export const HEALTH_STAGE_NAME = "live";
export const TRACE_FAILURE_METRIC = "TraceFailures";

export function healthApiName(subsystem: string): string {
    return `${subsystem}-health`;
}

export function healthCheckResourcePath(stageName: string): string {
    return `/${stageName}/check`;
}

/** DynamoDB publishes SystemErrors per operation; these are the ones the tracer performs. */
export const TRACER_TABLE_OPERATIONS = ["PutItem", "UpdateItem", "Query"] as const;
type TracerTableOperation = (typeof TRACER_TABLE_OPERATIONS)[number];

export type AlarmKind = "api-5xx" | "lambda-errors" | "lambda-throttles" | `dynamodb-system-errors-${Lowercase<TracerTableOperation>}` | "tracer-failures";

export interface AlarmMetric {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
}

/**
 * One alarm behind one Route 53 CLOUDWATCH_METRIC check. Route 53 copies a single metric's namespace,
 * name, dimensions, period and statistic from the alarm (its CloudWatchAlarmConfiguration), so an
 * alarm it watches cannot use metric math, and it must be on a standard-resolution metric.
 */
export interface AlarmSpec {
    kind: AlarmKind;
    name: string;
    description: string;
    /** Summed: the alarm fires when the sum over a period reaches 1. */
    metric: AlarmMetric;
    periodSeconds: number;
    evaluationPeriods: number;
    /** A silent tracer is a failed tracer; silence elsewhere means nothing went wrong. */
    treatMissingData: "breaching" | "notBreaching";
}

export function alarmSpecs(subsystem: string, settings: HealthCheckSettings, stageName: string = HEALTH_STAGE_NAME): AlarmSpec[] {
    const functionName = healthFunctionName(subsystem);
    const tableName = traceTableName(subsystem);
    const base = {
        evaluationPeriods: settings.alarmEvaluationPeriods,
        treatMissingData: "notBreaching" as const,
        // Whole minutes only (the region catalog rejects anything else): Route 53 watches standard-resolution alarms.
        periodSeconds: settings.alarmPeriodSeconds,
    };
    const tableAlarms = TRACER_TABLE_OPERATIONS.map((operation): AlarmSpec => {
        const kind = `dynamodb-system-errors-${lowercase(operation)}` as const;
        return {
            ...base,
            kind,
            name: healthAlarmName(subsystem, kind),
            description: `DynamoDB returned system errors to ${operation} on ${tableName}.`,
            metric: { namespace: "AWS/DynamoDB", metricName: "SystemErrors", dimensions: { TableName: tableName, Operation: operation } },
        };
    });
    return [
        {
            ...base,
            kind: "api-5xx",
            name: healthAlarmName(subsystem, "api-5xx"),
            description: `GET /check of ${subsystem} answered 5xx.`,
            metric: { namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions: { ApiName: healthApiName(subsystem), Stage: stageName } },
        },
        {
            ...base,
            kind: "lambda-errors",
            name: healthAlarmName(subsystem, "lambda-errors"),
            description: `The ${functionName} function failed.`,
            metric: { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: functionName } },
        },
        {
            ...base,
            kind: "lambda-throttles",
            name: healthAlarmName(subsystem, "lambda-throttles"),
            description: `The ${functionName} function was throttled.`,
            metric: { namespace: "AWS/Lambda", metricName: "Throttles", dimensions: { FunctionName: functionName } },
        },
        ...tableAlarms,
        {
            ...base,
            kind: "tracer-failures",
            name: healthAlarmName(subsystem, "tracer-failures"),
            description: `The ${subsystem} tracer reported a failed or missing trace.`,
            metric: { namespace: metricNamespace(subsystem), metricName: TRACE_FAILURE_METRIC, dimensions: {} },
            treatMissingData: "breaching",
        },
    ];
}

/**
 * What a Route 53 metric check reports while the alarm's metric has no data. Route 53 evaluates the
 * alarm's metric itself and does not apply the alarm's `treatMissingData`, so the check is told the
 * same thing: a silent tracer is unhealthy, and a quiet error metric healthy. `LastKnownStatus`
 * would hold an error metric that is only published when it is non-zero unhealthy after one error.
 */
export function insufficientDataHealthStatus(spec: AlarmSpec): "Healthy" | "Unhealthy" {
    return spec.treatMissingData === "breaching" ? "Unhealthy" : "Healthy";
}

function lowercase<T extends string>(value: T): Lowercase<T> {
    return value.toLowerCase() as Lowercase<T>;
}

/** The calculated check is healthy only when every child is: one failing signal takes the region out. */
export function calculatedThreshold(childCount: number): number {
    if (childCount < 1) {
        throw new Error("a calculated health check needs at least one child");
    }
    return childCount;
}
