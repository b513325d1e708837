import type { HealthCheckSettings } from "../regions/region-schema";
import { healthAlarmName, healthFunctionName, traceTableName } from "./naming";
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

export type AlarmKind = "api-5xx" | "lambda-errors" | "lambda-throttles" | "dynamodb-system-errors" | "tracer-failures";

export interface AlarmMetric {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
}

export interface AlarmSpec {
    kind: AlarmKind;
    name: string;
    description: string;
    /** Summed: the alarm fires when the sum over a period reaches 1. */
    metrics: AlarmMetric[];
    periodSeconds: number;
    evaluationPeriods: number;
    /** A silent tracer is a failed tracer; silence elsewhere means nothing went wrong. */
    treatMissingData: "breaching" | "notBreaching";
}

/** DynamoDB publishes SystemErrors per operation; these are the ones the tracer performs. */
export const TRACER_TABLE_OPERATIONS = ["PutItem", "UpdateItem", "Query"] as const;

/**
 * AWS service metrics are published once a minute, and CloudWatch only accepts sub-minute alarm
 * periods on high-resolution metrics. The catalog's period applies as given to the tracer's own
 * (high-resolution) metric and is raised to 60 s for service metrics.
 */
export function servicePeriodSeconds(configured: number): number {
    return Math.max(configured, 60);
}

export function alarmSpecs(subsystem: string, settings: HealthCheckSettings, stageName: string = HEALTH_STAGE_NAME): AlarmSpec[] {
    const functionName = healthFunctionName(subsystem);
    const tableName = traceTableName(subsystem);
    const service = servicePeriodSeconds(settings.alarmPeriodSeconds);
    const base = { evaluationPeriods: settings.alarmEvaluationPeriods, treatMissingData: "notBreaching" as const, periodSeconds: service };
    return [
        {
            ...base,
            kind: "api-5xx",
            name: healthAlarmName(subsystem, "api-5xx"),
            description: `GET /check of ${subsystem} answered 5xx.`,
            metrics: [{ namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions: { ApiName: healthApiName(subsystem), Stage: stageName } }],
        },
        {
            ...base,
            kind: "lambda-errors",
            name: healthAlarmName(subsystem, "lambda-errors"),
            description: `The ${functionName} function failed.`,
            metrics: [{ namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: functionName } }],
        },
        {
            ...base,
            kind: "lambda-throttles",
            name: healthAlarmName(subsystem, "lambda-throttles"),
            description: `The ${functionName} function was throttled.`,
            metrics: [{ namespace: "AWS/Lambda", metricName: "Throttles", dimensions: { FunctionName: functionName } }],
        },
        {
            ...base,
            kind: "dynamodb-system-errors",
            name: healthAlarmName(subsystem, "dynamodb-system-errors"),
            description: `DynamoDB returned system errors on ${tableName}.`,
            metrics: TRACER_TABLE_OPERATIONS.map((operation) => ({
                namespace: "AWS/DynamoDB",
                metricName: "SystemErrors",
                dimensions: { TableName: tableName, Operation: operation },
            })),
        },
        {
            ...base,
            kind: "tracer-failures",
            name: healthAlarmName(subsystem, "tracer-failures"),
            description: `The ${subsystem} tracer reported a failed or missing trace.`,
            metrics: [{ namespace: metricNamespace(subsystem), metricName: TRACE_FAILURE_METRIC, dimensions: {} }],
            periodSeconds: settings.alarmPeriodSeconds,
            treatMissingData: "breaching",
        },
    ];
}

/** The calculated check is healthy only when every child is: one failing signal takes the region out. */
export function calculatedThreshold(childCount: number): number {
    if (childCount < 1) {
        throw new Error("a calculated health check needs at least one child");
    }
    return childCount;
}
