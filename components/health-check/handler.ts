import { DynamoDBClient, PutItemCommand, QueryCommand, UpdateItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetParameterCommand, ParameterNotFound, SSMClient } from "@aws-sdk/client-ssm";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { randomUUID } from "node:crypto";
import { TRACE_FAILURE_METRIC } from "../health-check-plan";
import { HEALTH_TRACE_DETAIL_TYPE, HEALTH_TRACE_SOURCE, type OriginStamp, originStamp } from "../event-patterns";

/**
 * The regional tracer. Each run reads the force-unhealthy switch, writes a trace, publishes it on
 * the region's bus, and reads the region's traces back. The bus delivers the trace event to this
 * same function, which marks the trace complete, so a trace completes only when the table, the
 * bus and the function all work. A run answers 503 when a step fails, the switch is on, or the
 * trace that is now older than the timeout never completed (or completed too late).
 *
 * This file is bundled as it is into the Lambda asset (see bundle.ts); it must not import the
 * Pulumi SDK, only the AWS SDK, Node and pure modules.
 */

/** How many recent traces a run reports. */
const RECENT_TRACES = 5;

export interface HealthCheckConfig {
    region: string;
    tableName: string;
    busName: string;
    parameterName: string;
    traceTimeoutSeconds: number;
    /** Traces expire (DynamoDB TTL) after this long. */
    traceTtlSeconds: number;
    metricNamespace: string;
}

export interface HealthCheckDeps {
    dynamodb: DynamoDBClient;
    events: EventBridgeClient;
    ssm: SSMClient;
    now: () => number;
    newTraceId: () => string;
    log: (line: string) => void;
}

export type StepName = "read-switch" | "write-trace" | "publish-trace" | "read-traces" | "read-due-trace";

export interface Observation {
    step: StepName;
    ok: boolean;
    durationMs: number;
    error?: string;
}

export interface TraceRecord {
    traceId: string;
    status: "pending" | "completed";
    startedAt: string;
    completedAt?: string;
}

export interface CheckResult {
    healthy: boolean;
    region: string;
    reason?: string;
    traceId?: string;
    observations: Observation[];
    recentTraces: TraceRecord[];
}

/** Detail of the trace event; `origin` is the stamp every publisher sets (see event-patterns.ts). */
export interface TraceEventDetail extends OriginStamp {
    traceId: string;
    sortKey: string;
    startedAt: string;
}

export interface TraceEvent {
    source: string;
    "detail-type": string;
    detail: TraceEventDetail;
}

export function readConfig(env: NodeJS.ProcessEnv): HealthCheckConfig {
    const required = (name: string): string => {
        const value = env[name];
        if (!value) {
            throw new Error(`health check misconfigured: environment variable ${name} is not set`);
        }
        return value;
    };
    return {
        region: required("AWS_REGION"),
        tableName: required("TRACE_TABLE"),
        busName: required("BUS_NAME"),
        parameterName: required("FORCE_UNHEALTHY_PARAMETER"),
        traceTimeoutSeconds: Number(required("TRACE_TIMEOUT_SECONDS")),
        traceTtlSeconds: Number(required("TRACE_TTL_SECONDS")),
        metricNamespace: required("METRIC_NAMESPACE"),
    };
}

function sortKey(startedAt: number, traceId: string): string {
    return `${new Date(startedAt).toISOString()}#${traceId}`;
}

function errorMessage(error: unknown): string {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function toTraceRecord(item: Record<string, AttributeValue>): TraceRecord {
    const completedAt = item.completedAt?.S;
    return {
        traceId: item.traceId?.S ?? "",
        status: item.status?.S === "completed" ? "completed" : "pending",
        startedAt: item.startedAt?.S ?? "",
        ...(completedAt ? { completedAt } : {}),
    };
}

/** Why the trace that should have completed by now makes the region unhealthy, or undefined if it does not. */
export function dueTraceProblem(trace: TraceRecord | undefined, traceTimeoutSeconds: number): string | undefined {
    if (!trace) {
        return undefined;
    }
    if (trace.status !== "completed" || !trace.completedAt) {
        return `trace ${trace.traceId} started ${trace.startedAt} did not complete within ${traceTimeoutSeconds}s`;
    }
    const tookMs = Date.parse(trace.completedAt) - Date.parse(trace.startedAt);
    if (tookMs > traceTimeoutSeconds * 1000) {
        return `trace ${trace.traceId} took ${Math.round(tookMs / 1000)}s, more than ${traceTimeoutSeconds}s`;
    }
    return undefined;
}

export async function runCheck(deps: HealthCheckDeps, config: HealthCheckConfig): Promise<CheckResult> {
    const observations: Observation[] = [];
    const result = (healthy: boolean, extra: Partial<CheckResult> = {}): CheckResult => ({
        healthy,
        region: config.region,
        observations,
        recentTraces: [],
        ...extra,
    });
    const step = async <T>(name: StepName, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> => {
        const started = deps.now();
        try {
            const value = await run();
            observations.push({ step: name, ok: true, durationMs: deps.now() - started });
            return { ok: true, value };
        } catch (error) {
            observations.push({ step: name, ok: false, durationMs: deps.now() - started, error: errorMessage(error) });
            return { ok: false };
        }
    };

    const forced = await step("read-switch", async () => {
        try {
            const response = await deps.ssm.send(new GetParameterCommand({ Name: config.parameterName }));
            return response.Parameter?.Value?.trim().toLowerCase() === "true";
        } catch (error) {
            // No parameter means nobody has pulled the lever.
            if (error instanceof ParameterNotFound) {
                return false;
            }
            throw error;
        }
    });
    if (!forced.ok) {
        return result(false, { reason: "read-switch failed" });
    }
    if (forced.value) {
        return result(false, { reason: `forced unhealthy by ${config.parameterName}` });
    }

    const startedAt = deps.now();
    const traceId = deps.newTraceId();
    const key = sortKey(startedAt, traceId);
    const startedIso = new Date(startedAt).toISOString();
    const written = await step("write-trace", () =>
        deps.dynamodb.send(
            new PutItemCommand({
                TableName: config.tableName,
                Item: {
                    region: { S: config.region },
                    sk: { S: key },
                    traceId: { S: traceId },
                    status: { S: "pending" },
                    startedAt: { S: startedIso },
                    expiresAt: { N: String(Math.floor(startedAt / 1000) + config.traceTtlSeconds) },
                },
            }),
        ),
    );
    if (!written.ok) {
        return result(false, { reason: "write-trace failed", traceId });
    }

    const detail: TraceEventDetail = { ...originStamp(config.region), traceId, sortKey: key, startedAt: startedIso };
    const published = await step("publish-trace", async () => {
        const response = await deps.events.send(
            new PutEventsCommand({
                Entries: [{ EventBusName: config.busName, Source: HEALTH_TRACE_SOURCE, DetailType: HEALTH_TRACE_DETAIL_TYPE, Detail: JSON.stringify(detail) }],
            }),
        );
        if ((response.FailedEntryCount ?? 0) > 0) {
            const entry = response.Entries?.find((e) => e.ErrorCode);
            throw new Error(`PutEvents rejected the trace: ${entry?.ErrorCode ?? "unknown"} ${entry?.ErrorMessage ?? ""}`.trim());
        }
    });
    if (!published.ok) {
        return result(false, { reason: "publish-trace failed", traceId });
    }

    const recent = await step("read-traces", async () => {
        const response = await deps.dynamodb.send(
            new QueryCommand({
                TableName: config.tableName,
                KeyConditionExpression: "#region = :region",
                ExpressionAttributeNames: { "#region": "region" },
                ExpressionAttributeValues: { ":region": { S: config.region } },
                ScanIndexForward: false,
                Limit: RECENT_TRACES,
                ConsistentRead: true,
            }),
        );
        const traces = (response.Items ?? []).map(toTraceRecord);
        if (!traces.some((trace) => trace.traceId === traceId)) {
            throw new Error(`trace ${traceId} was written but not read back`);
        }
        return traces;
    });
    if (!recent.ok) {
        return result(false, { reason: "read-traces failed", traceId });
    }

    const dueBefore = sortKey(deps.now() - config.traceTimeoutSeconds * 1000, "");
    const due = await step("read-due-trace", async () => {
        const response = await deps.dynamodb.send(
            new QueryCommand({
                TableName: config.tableName,
                KeyConditionExpression: "#region = :region AND sk < :due",
                ExpressionAttributeNames: { "#region": "region" },
                ExpressionAttributeValues: { ":region": { S: config.region }, ":due": { S: dueBefore } },
                ScanIndexForward: false,
                Limit: 1,
                ConsistentRead: true,
            }),
        );
        const item = response.Items?.[0];
        return item ? toTraceRecord(item) : undefined;
    });
    if (!due.ok) {
        return result(false, { reason: "read-due-trace failed", traceId, recentTraces: recent.value });
    }
    const problem = dueTraceProblem(due.value, config.traceTimeoutSeconds);
    return result(problem === undefined, { traceId, recentTraces: recent.value, ...(problem ? { reason: problem } : {}) });
}

/** Marks a trace complete when its event comes back through the bus. */
export async function completeTrace(deps: HealthCheckDeps, config: HealthCheckConfig, detail: TraceEventDetail): Promise<void> {
    await deps.dynamodb.send(
        new UpdateItemCommand({
            TableName: config.tableName,
            Key: { region: { S: config.region }, sk: { S: detail.sortKey } },
            UpdateExpression: "SET #status = :completed, completedAt = :now",
            ConditionExpression: "attribute_exists(sk)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":completed": { S: "completed" }, ":now": { S: new Date(deps.now()).toISOString() } },
        }),
    );
}

/**
 * CloudWatch embedded-metric-format line: the log line becomes the tracer-failure metric, no
 * PutMetricData call needed. Standard resolution, because the Route 53 check on its alarm cannot
 * watch a high-resolution metric.
 */
export function traceMetricLine(config: HealthCheckConfig, result: CheckResult, timestamp: number): string {
    return JSON.stringify({
        _aws: {
            Timestamp: timestamp,
            CloudWatchMetrics: [
                { Namespace: config.metricNamespace, Dimensions: [[]], Metrics: [{ Name: TRACE_FAILURE_METRIC, Unit: "Count", StorageResolution: 60 }] },
            ],
        },
        [TRACE_FAILURE_METRIC]: result.healthy ? 0 : 1,
        region: result.region,
        reason: result.reason,
        traceId: result.traceId,
    });
}

export function httpResponse(result: CheckResult): APIGatewayProxyResult {
    return {
        statusCode: result.healthy ? 200 : 503,
        headers: { "content-type": "application/json", "cache-control": "no-store" },
        body: JSON.stringify({ status: result.healthy ? "healthy" : "unhealthy", ...result }),
    };
}

function isTraceEvent(event: unknown): event is TraceEvent {
    return (
        typeof event === "object" &&
        event !== null &&
        (event as TraceEvent).source === HEALTH_TRACE_SOURCE &&
        (event as TraceEvent)["detail-type"] === HEALTH_TRACE_DETAIL_TYPE
    );
}

function isApiEvent(event: unknown): event is APIGatewayProxyEvent {
    return typeof event === "object" && event !== null && typeof (event as APIGatewayProxyEvent).httpMethod === "string";
}

export type HandlerEvent = APIGatewayProxyEvent | TraceEvent | Record<string, unknown>;
export type HandlerResult = APIGatewayProxyResult | CheckResult | void;

/** One function serves `GET /check`, the one-minute schedule, and trace completion from the bus. */
export function createHandler(deps: HealthCheckDeps, config: HealthCheckConfig): (event: HandlerEvent) => Promise<HandlerResult> {
    return async (event) => {
        if (isTraceEvent(event)) {
            await completeTrace(deps, config, event.detail);
            return;
        }
        const result = await runCheck(deps, config);
        deps.log(traceMetricLine(config, result, deps.now()));
        return isApiEvent(event) ? httpResponse(result) : result;
    };
}

let deployed: ((event: HandlerEvent) => Promise<HandlerResult>) | undefined;

/** The Lambda entry point: clients are created once per container. */
export async function handler(event: HandlerEvent): Promise<HandlerResult> {
    deployed ??= createHandler(
        {
            dynamodb: new DynamoDBClient({}),
            events: new EventBridgeClient({}),
            ssm: new SSMClient({}),
            now: Date.now,
            newTraceId: randomUUID,
            log: (line) => console.log(line),
        },
        readConfig(process.env),
    );
    return deployed(event);
}
