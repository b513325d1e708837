import {
    ConditionalCheckFailedException,
    DynamoDBClient,
    PutItemCommand,
    QueryCommand,
    UpdateItemCommand,
    type AttributeValue,
} from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetParameterCommand, ParameterNotFound, SSMClient } from "@aws-sdk/client-ssm";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { randomUUID } from "node:crypto";
import { PUBLISH_FAILURE_METRIC, TRACE_ERROR_METRIC } from "./metrics";
import { HEALTH_TRACE_DETAIL_TYPE, HEALTH_TRACE_SOURCE, type OriginStamp, originStamp } from "../event-patterns";
import { type TraceRecord, type VerdictSettings, traceVerdict, tracesToRead } from "./verdict";

/**
 * The regional tracer: one function, three jobs.
 * - The one-minute schedule starts a trace: it writes it to the table and publishes it on the
 *   region's bus, and reports whether that worked as metrics (the error alarms and the bus
 *   failover check watch them).
 * - The bus delivers the trace event back here, which marks the trace complete.
 * - GET /check only reads: the force-unhealthy switch and the newest traces, and answers 503 when
 *   the last traces failed in a row. It writes nothing and publishes nothing, so calling it costs
 *   one parameter read and one query, and it answers within Route 53's response window.
 *
 * This file is bundled as it is into the Lambda asset (see bundle.ts); it must not import the
 * Pulumi SDK, only the AWS SDK, Node and pure modules.
 */

/**
 * Route 53 fails a probe unless the endpoint answers within 2 s of connecting
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html);
 * the GET path gives up before that and says so, instead of letting the checker time out.
 */
export const CHECK_DEADLINE_MS = 1500;

export interface HealthCheckConfig extends VerdictSettings {
    region: string;
    tableName: string;
    busName: string;
    parameterName: string;
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

/** What GET /check answers: our own words only, never an AWS error message (those go to the log). */
export interface CheckAnswer {
    status: "healthy" | "unhealthy";
    region: string;
    reason?: string;
}

export interface TraceRun {
    traceId: string;
    written: boolean;
    published: boolean;
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
    /** Set by EventBridge on events replayed from an archive. */
    "replay-name"?: string;
    detail: TraceEventDetail;
}

interface ScheduledEvent {
    source: "aws.events";
    "detail-type": "Scheduled Event";
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
        traceFailuresToUnhealthy: Number(required("TRACE_FAILURES_TO_UNHEALTHY")),
        traceIntervalSeconds: Number(required("TRACE_INTERVAL_SECONDS")),
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

/** Settles with `work`, or rejects once `signal` aborts: the deadline holds even if a client ignores the signal. */
function withinDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        const abort = () => reject(new Error(`deadline of ${CHECK_DEADLINE_MS} ms passed`));
        if (signal.aborted) return abort();
        signal.addEventListener("abort", abort, { once: true });
        work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
    });
}

/**
 * The rehearsal lever. A read that fails is not an outage: the switch counts as off (and the log
 * says why), so a throttled or briefly unavailable SSM never takes the region out of DNS.
 */
async function switchIsOn(deps: HealthCheckDeps, config: HealthCheckConfig, abortSignal: AbortSignal): Promise<boolean> {
    try {
        const response = await withinDeadline(deps.ssm.send(new GetParameterCommand({ Name: config.parameterName }), { abortSignal }), abortSignal);
        return response.Parameter?.Value?.trim().toLowerCase() === "true";
    } catch (error) {
        if (!(error instanceof ParameterNotFound))
            deps.log(JSON.stringify({ event: "switch-unreadable", parameter: config.parameterName, error: errorMessage(error) }));
        return false;
    }
}

async function newestTraces(deps: HealthCheckDeps, config: HealthCheckConfig, abortSignal: AbortSignal): Promise<TraceRecord[]> {
    const response = await withinDeadline(
        deps.dynamodb.send(
            new QueryCommand({
                TableName: config.tableName,
                KeyConditionExpression: "#region = :region",
                ExpressionAttributeNames: { "#region": "region" },
                ExpressionAttributeValues: { ":region": { S: config.region } },
                ScanIndexForward: false,
                Limit: tracesToRead(config),
                ConsistentRead: true,
            }),
            { abortSignal },
        ),
        abortSignal,
    );
    return (response.Items ?? []).map(toTraceRecord);
}

/** GET /check: read-only, bounded by CHECK_DEADLINE_MS. */
export async function answerCheck(deps: HealthCheckDeps, config: HealthCheckConfig): Promise<CheckAnswer> {
    const unhealthy = (reason: string): CheckAnswer => ({ status: "unhealthy", region: config.region, reason });
    const abortSignal = AbortSignal.timeout(CHECK_DEADLINE_MS);
    if (await switchIsOn(deps, config, abortSignal)) return unhealthy("forced unhealthy by the rehearsal switch");
    let traces: TraceRecord[];
    try {
        traces = await newestTraces(deps, config, abortSignal);
    } catch (error) {
        deps.log(JSON.stringify({ event: "traces-unreadable", error: errorMessage(error) }));
        return unhealthy(abortSignal.aborted ? `no answer within ${CHECK_DEADLINE_MS} ms` : "the trace table could not be read");
    }
    const verdict = traceVerdict(traces, deps.now(), config);
    return verdict.healthy ? { status: "healthy", region: config.region } : unhealthy(verdict.reason);
}

/** The schedule: write a pending trace and publish it on the region's bus. */
export async function startTrace(deps: HealthCheckDeps, config: HealthCheckConfig): Promise<TraceRun> {
    const startedAt = deps.now();
    const traceId = deps.newTraceId();
    const key = sortKey(startedAt, traceId);
    const startedIso = new Date(startedAt).toISOString();
    const run: TraceRun = { traceId, written: false, published: false };
    try {
        await deps.dynamodb.send(
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
        );
        run.written = true;
        const detail: TraceEventDetail = { ...originStamp(config.region), traceId, sortKey: key, startedAt: startedIso };
        const response = await deps.events.send(
            new PutEventsCommand({
                Entries: [{ EventBusName: config.busName, Source: HEALTH_TRACE_SOURCE, DetailType: HEALTH_TRACE_DETAIL_TYPE, Detail: JSON.stringify(detail) }],
            }),
        );
        if ((response.FailedEntryCount ?? 0) > 0) {
            const entry = response.Entries?.find((e) => e.ErrorCode);
            throw new Error(`PutEvents rejected the trace: ${entry?.ErrorCode ?? "unknown"} ${entry?.ErrorMessage ?? ""}`.trim());
        }
        run.published = true;
    } catch (error) {
        deps.log(JSON.stringify({ event: "trace-not-started", traceId, written: run.written, error: errorMessage(error) }));
    }
    return run;
}

/**
 * Marks a trace complete when its event comes back through the bus. Replayed events (from the
 * archive) and events older than the timeout are ignored: neither says anything about the bus now.
 * Only a pending trace is completed, so a duplicate delivery cannot move its completion time.
 */
export async function completeTrace(deps: HealthCheckDeps, config: HealthCheckConfig, event: TraceEvent): Promise<"completed" | "ignored"> {
    const { detail } = event;
    const ageMs = deps.now() - Date.parse(detail.startedAt);
    if (event["replay-name"] !== undefined || detail.origin?.region !== config.region || !(ageMs <= config.traceTimeoutSeconds * 1000)) {
        deps.log(JSON.stringify({ event: "trace-event-ignored", traceId: detail.traceId, replay: event["replay-name"], ageMs }));
        return "ignored";
    }
    try {
        await deps.dynamodb.send(
            new UpdateItemCommand({
                TableName: config.tableName,
                Key: { region: { S: config.region }, sk: { S: detail.sortKey } },
                UpdateExpression: "SET #status = :completed, completedAt = :now",
                ConditionExpression: "#status = :pending",
                ExpressionAttributeNames: { "#status": "status" },
                ExpressionAttributeValues: {
                    ":completed": { S: "completed" },
                    ":pending": { S: "pending" },
                    ":now": { S: new Date(deps.now()).toISOString() },
                },
            }),
        );
        return "completed";
    } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return "ignored";
        throw error;
    }
}

/**
 * CloudWatch embedded-metric-format line: the log line becomes the metrics, no PutMetricData call
 * needed. One 0/1 sample per scheduled run, so a period's Average is the share of runs that
 * failed: a rate, which a single-metric alarm (all Route 53 can watch) can hold a threshold on.
 * Standard resolution, because Route 53 cannot watch a high-resolution metric.
 */
export function traceMetricLine(config: HealthCheckConfig, run: TraceRun, timestamp: number): string {
    const metric = (name: string) => ({ Name: name, Unit: "Count", StorageResolution: 60 });
    return JSON.stringify({
        _aws: {
            Timestamp: timestamp,
            CloudWatchMetrics: [{ Namespace: config.metricNamespace, Dimensions: [[]], Metrics: [metric(TRACE_ERROR_METRIC), metric(PUBLISH_FAILURE_METRIC)] }],
        },
        [TRACE_ERROR_METRIC]: run.written && run.published ? 0 : 1,
        [PUBLISH_FAILURE_METRIC]: run.published ? 0 : 1,
        region: config.region,
        traceId: run.traceId,
    });
}

export function httpResponse(answer: CheckAnswer): APIGatewayProxyResult {
    return {
        statusCode: answer.status === "healthy" ? 200 : 503,
        headers: { "content-type": "application/json", "cache-control": "no-store" },
        body: JSON.stringify(answer),
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

function isScheduledEvent(event: unknown): event is ScheduledEvent {
    return (
        typeof event === "object" &&
        event !== null &&
        (event as ScheduledEvent).source === "aws.events" &&
        (event as ScheduledEvent)["detail-type"] === "Scheduled Event"
    );
}

function isApiEvent(event: unknown): event is APIGatewayProxyEvent {
    return typeof event === "object" && event !== null && typeof (event as APIGatewayProxyEvent).httpMethod === "string";
}

export type HandlerEvent = APIGatewayProxyEvent | TraceEvent | ScheduledEvent | Record<string, unknown>;
export type HandlerResult = APIGatewayProxyResult | TraceRun | void;

/** One function serves `GET /check`, the one-minute schedule, and trace completion from the bus. */
export function createHandler(deps: HealthCheckDeps, config: HealthCheckConfig): (event: HandlerEvent) => Promise<HandlerResult> {
    return async (event) => {
        if (isTraceEvent(event)) {
            await completeTrace(deps, config, event);
            return;
        }
        if (isScheduledEvent(event)) {
            const run = await startTrace(deps, config);
            deps.log(traceMetricLine(config, run, deps.now()));
            return run;
        }
        if (isApiEvent(event)) {
            const answer = await answerCheck(deps, config);
            deps.log(JSON.stringify({ event: "check", ...answer }));
            return httpResponse(answer);
        }
        deps.log(JSON.stringify({ event: "unrecognised-event" }));
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
