import { DynamoDBClient, PutItemCommand, QueryCommand, UpdateItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetParameterCommand, ParameterNotFound, SSMClient } from "@aws-sdk/client-ssm";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { strict as assert } from "node:assert";
import { type CheckResult, type HealthCheckConfig, type HealthCheckDeps, createHandler, readConfig, runCheck } from "../../components/health-check/handler";

const NOW = Date.parse("2026-11-26T20:00:00.000Z");
const TRACE_ID = "trace-now";
const OUR_SORT_KEY = "2026-11-26T20:00:00.000Z#trace-now";
const config: HealthCheckConfig = {
    region: "eu-west-1",
    tableName: "orders-health-traces",
    busName: "orders-bus",
    parameterName: "/orders/health/force-unhealthy",
    traceTimeoutSeconds: 90,
    traceTtlSeconds: 86400,
    metricNamespace: "Meridian/orders",
};

function traceItem(traceId: string, startedAt: string, completedAt?: string): Record<string, AttributeValue> {
    return {
        region: { S: config.region },
        sk: { S: `${startedAt}#${traceId}` },
        traceId: { S: traceId },
        status: { S: completedAt ? "completed" : "pending" },
        startedAt: { S: startedAt },
        ...(completedAt ? { completedAt: { S: completedAt } } : {}),
    };
}

const OUR_TRACE = traceItem(TRACE_ID, "2026-11-26T20:00:00.000Z");
/** Started 2 minutes ago, completed after 3 s: the trace that should be complete by now, and is. */
const DUE_COMPLETED = traceItem("trace-due", "2026-11-26T19:58:00.000Z", "2026-11-26T19:58:03.000Z");

describe("health-check handler", () => {
    const dynamodb = new DynamoDBClient({ region: config.region });
    const events = new EventBridgeClient({ region: config.region });
    const ssm = new SSMClient({ region: config.region });
    const dynamoMock = mockClient(dynamodb);
    const eventsMock = mockClient(events);
    const ssmMock = mockClient(ssm);
    let logged: string[];
    let deps: HealthCheckDeps;

    /** Every step works and the due trace completed in time. */
    function healthyWorld(): void {
        ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: config.parameterName, Value: "false" } });
        dynamoMock.on(PutItemCommand).resolves({});
        dynamoMock.on(UpdateItemCommand).resolves({});
        dynamoMock.on(QueryCommand, { Limit: 5 }).resolves({ Items: [OUR_TRACE, DUE_COMPLETED] });
        dynamoMock.on(QueryCommand, { Limit: 1 }).resolves({ Items: [DUE_COMPLETED] });
        eventsMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] });
    }

    beforeEach(() => {
        dynamoMock.reset();
        eventsMock.reset();
        ssmMock.reset();
        logged = [];
        deps = { dynamodb, events, ssm, now: () => NOW, newTraceId: () => TRACE_ID, log: (line) => logged.push(line) };
        healthyWorld();
    });

    function stepsOf(result: CheckResult): Array<[string, boolean]> {
        return result.observations.map((o) => [o.step, o.ok]);
    }

    it("answers 200 with its observations when every step works", async () => {
        const handler = createHandler(deps, config);
        const response = (await handler({ httpMethod: "GET", path: "/check" } as APIGatewayProxyEvent)) as APIGatewayProxyResult;
        assert.equal(response.statusCode, 200);
        const body = JSON.parse(response.body) as CheckResult & { status: string };
        assert.equal(body.status, "healthy");
        assert.deepEqual(stepsOf(body), [
            ["read-switch", true],
            ["write-trace", true],
            ["publish-trace", true],
            ["read-traces", true],
            ["read-due-trace", true],
        ]);
        assert.deepEqual(
            body.recentTraces.map((t) => [t.traceId, t.status]),
            [
                [TRACE_ID, "pending"],
                ["trace-due", "completed"],
            ],
        );
    });

    it("writes the trace with a TTL and publishes it stamped with its origin region", async () => {
        await runCheck(deps, config);
        const put = dynamoMock.commandCalls(PutItemCommand)[0].args[0].input;
        assert.equal(put.TableName, "orders-health-traces");
        assert.deepEqual(put.Item?.sk, { S: OUR_SORT_KEY });
        assert.deepEqual(put.Item?.expiresAt, { N: String(NOW / 1000 + 86400) });
        const entry = eventsMock.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0];
        assert.equal(entry?.EventBusName, "orders-bus");
        assert.equal(entry?.Source, "meridian.health");
        assert.equal(entry?.DetailType, "HealthTrace");
        assert.deepEqual(JSON.parse(entry?.Detail ?? "{}"), {
            origin: { region: "eu-west-1" },
            traceId: TRACE_ID,
            sortKey: OUR_SORT_KEY,
            startedAt: "2026-11-26T20:00:00.000Z",
        });
    });

    it("judges the newest trace older than the timeout", async () => {
        await runCheck(deps, config);
        const due = dynamoMock.commandCalls(QueryCommand, { Limit: 1 })[0].args[0].input;
        assert.deepEqual(due.ExpressionAttributeValues?.[":due"], { S: "2026-11-26T19:58:30.000Z#" });
        assert.equal(due.ScanIndexForward, false);
        assert.equal(due.ConsistentRead, true);
    });

    it("is healthy on a fresh table with no trace old enough to judge", async () => {
        dynamoMock.on(QueryCommand, { Limit: 1 }).resolves({ Items: [] });
        assert.equal((await runCheck(deps, config)).healthy, true);
    });

    it("answers 503 without writing anything when forced unhealthy", async () => {
        ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: "true" } });
        const response = (await createHandler(deps, config)({ httpMethod: "GET" } as APIGatewayProxyEvent)) as APIGatewayProxyResult;
        assert.equal(response.statusCode, 503);
        assert.equal(JSON.parse(response.body).reason, "forced unhealthy by /orders/health/force-unhealthy");
        assert.equal(dynamoMock.commandCalls(PutItemCommand).length, 0);
        assert.equal(eventsMock.commandCalls(PutEventsCommand).length, 0);
    });

    it("treats a missing switch parameter as not forced", async () => {
        ssmMock.on(GetParameterCommand).rejects(new ParameterNotFound({ message: "not found", $metadata: {} }));
        assert.equal((await runCheck(deps, config)).healthy, true);
    });

    const failures: Array<[string, () => void, string, string]> = [
        ["the switch cannot be read", () => ssmMock.on(GetParameterCommand).rejects(new Error("AccessDenied")), "read-switch failed", "Error: AccessDenied"],
        ["the trace cannot be written", () => dynamoMock.on(PutItemCommand).rejects(new Error("throttled")), "write-trace failed", "Error: throttled"],
        ["the bus rejects the call", () => eventsMock.on(PutEventsCommand).rejects(new Error("bus down")), "publish-trace failed", "Error: bus down"],
        [
            "the bus rejects the entry",
            () => eventsMock.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: "InternalFailure", ErrorMessage: "retry" }] }),
            "publish-trace failed",
            "Error: PutEvents rejected the trace: InternalFailure retry",
        ],
        ["the traces cannot be read", () => dynamoMock.on(QueryCommand, { Limit: 5 }).rejects(new Error("timeout")), "read-traces failed", "Error: timeout"],
        [
            "the written trace is not read back",
            () => dynamoMock.on(QueryCommand, { Limit: 5 }).resolves({ Items: [DUE_COMPLETED] }),
            "read-traces failed",
            "Error: trace trace-now was written but not read back",
        ],
        [
            "the due trace cannot be read",
            () => dynamoMock.on(QueryCommand, { Limit: 1 }).rejects(new Error("timeout")),
            "read-due-trace failed",
            "Error: timeout",
        ],
    ];
    for (const [when, arrange, reason, error] of failures) {
        it(`answers 503 when ${when}`, async () => {
            arrange();
            const response = (await createHandler(deps, config)({ httpMethod: "GET" } as APIGatewayProxyEvent)) as APIGatewayProxyResult;
            assert.equal(response.statusCode, 503);
            const body = JSON.parse(response.body) as CheckResult;
            assert.equal(body.reason, reason);
            const failed = body.observations.filter((o) => !o.ok);
            assert.deepEqual(
                failed.map((o) => [o.step, o.error]),
                [[reason.replace(" failed", ""), error]],
            );
            assert.equal(body.observations[body.observations.length - 1].ok, false, "stops at the failed step");
        });
    }

    it("answers 503 when the due trace never completed", async () => {
        dynamoMock.on(QueryCommand, { Limit: 1 }).resolves({ Items: [traceItem("trace-lost", "2026-11-26T19:58:00.000Z")] });
        const result = await runCheck(deps, config);
        assert.equal(result.healthy, false);
        assert.equal(result.reason, "trace trace-lost started 2026-11-26T19:58:00.000Z did not complete within 90s");
    });

    it("answers 503 when the due trace completed too slowly", async () => {
        dynamoMock.on(QueryCommand, { Limit: 1 }).resolves({ Items: [traceItem("trace-slow", "2026-11-26T19:57:00.000Z", "2026-11-26T19:59:00.000Z")] });
        const result = await runCheck(deps, config);
        assert.equal(result.healthy, false);
        assert.equal(result.reason, "trace trace-slow took 120s, more than 90s");
    });

    it("accepts a due trace that completed exactly at the timeout", async () => {
        dynamoMock.on(QueryCommand, { Limit: 1 }).resolves({ Items: [traceItem("trace-edge", "2026-11-26T19:57:00.000Z", "2026-11-26T19:58:30.000Z")] });
        assert.equal((await runCheck(deps, config)).healthy, true);
    });

    it("completes a trace when its event comes back through the bus", async () => {
        const result = await createHandler(
            deps,
            config,
        )({
            source: "meridian.health",
            "detail-type": "HealthTrace",
            detail: { origin: { region: "eu-west-1" }, traceId: "t-1", sortKey: "2026-11-26T19:59:59.000Z#t-1", startedAt: "2026-11-26T19:59:59.000Z" },
        });
        assert.equal(result, undefined);
        const update = dynamoMock.commandCalls(UpdateItemCommand)[0].args[0].input;
        assert.deepEqual(update.Key, { region: { S: "eu-west-1" }, sk: { S: "2026-11-26T19:59:59.000Z#t-1" } });
        assert.deepEqual(update.ExpressionAttributeValues, { ":completed": { S: "completed" }, ":now": { S: "2026-11-26T20:00:00.000Z" } });
        assert.equal(dynamoMock.commandCalls(PutItemCommand).length, 0, "a completion does not start a new trace");
    });

    it("runs the tracer on the schedule and reports the failure metric in embedded metric format, at standard resolution", async () => {
        const handler = createHandler(deps, config);
        const healthy = (await handler({ source: "aws.events", "detail-type": "Scheduled Event", detail: {} })) as CheckResult;
        assert.equal(healthy.healthy, true);
        ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: "true" } });
        await handler({ source: "aws.events", "detail-type": "Scheduled Event", detail: {} });
        const lines = logged.map((line) => JSON.parse(line) as Record<string, unknown> & { _aws: { CloudWatchMetrics: unknown } });
        assert.deepEqual(
            lines.map((line) => line.TraceFailures),
            [0, 1],
        );
        assert.deepEqual(lines[0]._aws.CloudWatchMetrics, [
            { Namespace: "Meridian/orders", Dimensions: [[]], Metrics: [{ Name: "TraceFailures", Unit: "Count", StorageResolution: 60 }] },
        ]);
    });

    it("names the missing environment variable when misconfigured", () => {
        assert.throws(() => readConfig({ AWS_REGION: "eu-west-1" }), { message: "health check misconfigured: environment variable TRACE_TABLE is not set" });
    });
});
