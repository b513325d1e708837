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
import { mockClient } from "aws-sdk-client-mock";
import { strict as assert } from "node:assert";
import {
    CHECK_DEADLINE_MS,
    type HealthCheckConfig,
    type HealthCheckDeps,
    type TraceEvent,
    type TraceRun,
    createHandler,
    readConfig,
} from "../../components/health-check/handler";
import { traceVerdict, tracesToRead } from "../../components/health-check/verdict";

const NOW = Date.parse("2026-11-26T20:00:00.000Z");
const TRACE_ID = "trace-now";
const config: HealthCheckConfig = {
    region: "eu-west-1",
    tableName: "orders-health-traces",
    busName: "orders-bus",
    parameterName: "/orders/health/force-unhealthy",
    traceTimeoutSeconds: 90,
    traceFailuresToUnhealthy: 2,
    traceIntervalSeconds: 60,
    traceTtlSeconds: 86400,
    metricNamespace: "Meridian/orders",
};

/** `minutesAgo` before NOW, as ISO. */
function ago(seconds: number): string {
    return new Date(NOW - seconds * 1000).toISOString();
}

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

/** One trace a minute, newest first: the last one still in flight, the older ones as given. */
function minuteTraces(outcomes: Array<"ok" | "lost" | "late">): Array<Record<string, AttributeValue>> {
    return outcomes.map((outcome, index) => {
        const startedSecondsAgo = 30 + index * 60;
        const completed = outcome === "ok" ? ago(startedSecondsAgo - 2) : outcome === "late" ? ago(startedSecondsAgo - 95) : undefined;
        return traceItem(`t-${index}`, ago(startedSecondsAgo), completed);
    });
}

const GET = { httpMethod: "GET", path: "/check" } as APIGatewayProxyEvent;
const SCHEDULE = { source: "aws.events", "detail-type": "Scheduled Event", detail: {} };

describe("health-check handler", () => {
    const dynamodb = new DynamoDBClient({ region: config.region });
    const events = new EventBridgeClient({ region: config.region });
    const ssm = new SSMClient({ region: config.region });
    const dynamoMock = mockClient(dynamodb);
    const eventsMock = mockClient(events);
    const ssmMock = mockClient(ssm);
    let logged: string[];
    let deps: HealthCheckDeps;
    const handler = () => createHandler(deps, config);
    const check = async () => (await handler()(GET)) as APIGatewayProxyResult;

    beforeEach(() => {
        dynamoMock.reset();
        eventsMock.reset();
        ssmMock.reset();
        logged = [];
        deps = { dynamodb, events, ssm, now: () => NOW, newTraceId: () => TRACE_ID, log: (line) => logged.push(line) };
        ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: config.parameterName, Value: "false" } });
        dynamoMock.on(PutItemCommand).resolves({});
        dynamoMock.on(UpdateItemCommand).resolves({});
        dynamoMock.on(QueryCommand).resolves({ Items: minuteTraces(["ok", "ok", "ok", "ok"]) });
        eventsMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] });
    });

    describe("GET /check", () => {
        it("answers 200 when the last traces came back, reading only: no write, no publish", async () => {
            const response = await check();
            assert.equal(response.statusCode, 200);
            assert.deepEqual(JSON.parse(response.body), { status: "healthy", region: "eu-west-1" });
            assert.equal(dynamoMock.commandCalls(PutItemCommand).length, 0);
            assert.equal(eventsMock.commandCalls(PutEventsCommand).length, 0);
            const query = dynamoMock.commandCalls(QueryCommand)[0].args[0].input;
            assert.deepEqual([query.Limit, query.ScanIndexForward, query.ConsistentRead], [tracesToRead(config), false, true]);
        });

        it("stays healthy after one lost trace: a single lost event is noise", async () => {
            dynamoMock.on(QueryCommand).resolves({ Items: minuteTraces(["ok", "lost", "ok", "ok"]) });
            assert.equal((await check()).statusCode, 200);
        });

        it("answers 503 after the configured number of failed traces in a row", async () => {
            dynamoMock.on(QueryCommand).resolves({ Items: minuteTraces(["ok", "lost", "late", "ok"]) });
            const response = await check();
            assert.equal(response.statusCode, 503);
            assert.deepEqual(JSON.parse(response.body), {
                status: "unhealthy",
                region: "eu-west-1",
                reason: "the last 2 traces did not come back through the bus within 90s",
            });
        });

        it("does not judge a trace still in flight (started within the timeout)", async () => {
            // The two newest never completed, but only the second is due; the third came back.
            dynamoMock.on(QueryCommand).resolves({ Items: minuteTraces(["lost", "lost", "ok"]) });
            assert.equal((await check()).statusCode, 200);
        });

        it("is healthy on a fresh table, with too few traces to judge", async () => {
            dynamoMock.on(QueryCommand).resolves({ Items: [] });
            assert.equal((await check()).statusCode, 200);
        });

        it("answers 503 when the schedule has stopped starting traces", async () => {
            dynamoMock.on(QueryCommand).resolves({ Items: [traceItem("t-old", ago(400), ago(398))] });
            assert.equal(JSON.parse((await check()).body).reason, `no trace started since ${ago(400)}`);
        });

        it("answers 503 without reading traces when the rehearsal switch is on", async () => {
            ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: "true" } });
            const response = await check();
            assert.equal(response.statusCode, 503);
            assert.equal(JSON.parse(response.body).reason, "forced unhealthy by the rehearsal switch");
            assert.equal(dynamoMock.commandCalls(QueryCommand).length, 0);
        });

        it("treats a missing switch parameter as off", async () => {
            ssmMock.on(GetParameterCommand).rejects(new ParameterNotFound({ message: "not found", $metadata: {} }));
            assert.equal((await check()).statusCode, 200);
        });

        it("treats a switch it cannot read as off, not as an outage, and logs why", async () => {
            ssmMock.on(GetParameterCommand).rejects(new Error("ThrottlingException: Rate exceeded"));
            assert.equal((await check()).statusCode, 200);
            assert.match(logged.join("\n"), /"switch-unreadable".*Rate exceeded/);
        });

        it("answers 503 with its own words when the table cannot be read: no AWS error text leaves the function", async () => {
            dynamoMock
                .on(QueryCommand)
                .rejects(new Error("User: arn:aws:sts::555555555555:assumed-role/orders-health-eu-west-1/x is not authorized to perform: dynamodb:Query"));
            const response = await check();
            assert.equal(response.statusCode, 503);
            assert.deepEqual(JSON.parse(response.body), { status: "unhealthy", region: "eu-west-1", reason: "the trace table could not be read" });
            assert.doesNotMatch(response.body, /arn:|555555555555|not authorized/);
            assert.match(logged.join("\n"), /not authorized/, "the AWS text goes to the log");
        });

        it("gives every AWS call a deadline under Route 53's 2 s response window", async () => {
            assert.ok(CHECK_DEADLINE_MS < 2000);
            await check();
            for (const call of [...ssmMock.commandCalls(GetParameterCommand), ...dynamoMock.commandCalls(QueryCommand)]) {
                const options = (call.args as unknown[])[1] as { abortSignal?: AbortSignal } | undefined;
                assert.ok(options?.abortSignal instanceof AbortSignal, call.args[0].constructor.name);
            }
        });

        it("answers 503 within the deadline, saying so, when the table does not answer", async () => {
            dynamoMock.on(QueryCommand).callsFake(() => new Promise(() => undefined));
            const started = Date.now();
            const response = await check();
            assert.ok(Date.now() - started < CHECK_DEADLINE_MS + 300);
            assert.deepEqual([response.statusCode, JSON.parse(response.body).reason], [503, `no answer within ${CHECK_DEADLINE_MS} ms`]);
        });
    });

    describe("the schedule", () => {
        it("writes a pending trace with a TTL and publishes it stamped with its origin region", async () => {
            const run = (await handler()(SCHEDULE)) as TraceRun;
            assert.deepEqual(run, { traceId: TRACE_ID, written: true, published: true });
            const put = dynamoMock.commandCalls(PutItemCommand)[0].args[0].input;
            assert.deepEqual(put.Item?.sk, { S: "2026-11-26T20:00:00.000Z#trace-now" });
            assert.deepEqual(put.Item?.status, { S: "pending" });
            assert.deepEqual(put.Item?.expiresAt, { N: String(NOW / 1000 + 86400) });
            const entry = eventsMock.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0];
            assert.deepEqual([entry?.EventBusName, entry?.Source, entry?.DetailType], ["orders-bus", "meridian.health", "HealthTrace"]);
            assert.deepEqual(JSON.parse(entry?.Detail ?? "{}"), {
                origin: { region: "eu-west-1" },
                traceId: TRACE_ID,
                sortKey: "2026-11-26T20:00:00.000Z#trace-now",
                startedAt: "2026-11-26T20:00:00.000Z",
            });
        });

        it("traces even while the rehearsal switch is on: the switch moves DNS, not the bus's signal", async () => {
            ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: "true" } });
            assert.deepEqual(await handler()(SCHEDULE), { traceId: TRACE_ID, written: true, published: true });
        });

        const runs: Array<[string, () => void, number, number]> = [
            ["works", () => undefined, 0, 0],
            ["cannot write the trace", () => dynamoMock.on(PutItemCommand).rejects(new Error("throttled")), 1, 1],
            ["cannot publish", () => eventsMock.on(PutEventsCommand).rejects(new Error("bus down")), 1, 1],
            [
                "has its entry rejected",
                () => eventsMock.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: "InternalFailure", ErrorMessage: "retry" }] }),
                1,
                1,
            ],
        ];
        for (const [when, arrange, traceErrors, publishFailures] of runs) {
            it(`reports TraceErrors ${traceErrors} and PublishFailures ${publishFailures} when it ${when}, at standard resolution`, async () => {
                arrange();
                await handler()(SCHEDULE);
                const line = JSON.parse(logged[logged.length - 1]) as Record<string, unknown> & { _aws: { CloudWatchMetrics: unknown } };
                assert.deepEqual([line.TraceErrors, line.PublishFailures], [traceErrors, publishFailures]);
                assert.deepEqual(line._aws.CloudWatchMetrics, [
                    {
                        Namespace: "Meridian/orders",
                        Dimensions: [[]],
                        Metrics: [
                            { Name: "TraceErrors", Unit: "Count", StorageResolution: 60 },
                            { Name: "PublishFailures", Unit: "Count", StorageResolution: 60 },
                        ],
                    },
                ]);
            });
        }
    });

    describe("trace completion", () => {
        const traceEvent = (startedAt: string, extra: Partial<TraceEvent> = {}): TraceEvent => ({
            source: "meridian.health",
            "detail-type": "HealthTrace",
            detail: { origin: { region: "eu-west-1" }, traceId: "t-1", sortKey: `${startedAt}#t-1`, startedAt },
            ...extra,
        });

        it("completes a pending trace when its event comes back through the bus", async () => {
            await handler()(traceEvent(ago(1)));
            const update = dynamoMock.commandCalls(UpdateItemCommand)[0].args[0].input;
            assert.deepEqual(update.Key, { region: { S: "eu-west-1" }, sk: { S: `${ago(1)}#t-1` } });
            assert.equal(update.ConditionExpression, "#status = :pending");
            assert.equal(dynamoMock.commandCalls(PutItemCommand).length, 0, "a completion does not start a new trace");
        });

        it("ignores an event replayed from the archive", async () => {
            await handler()(traceEvent(ago(1), { "replay-name": "orders-replay" }));
            assert.equal(dynamoMock.commandCalls(UpdateItemCommand).length, 0);
        });

        it("ignores a stale event, older than the timeout", async () => {
            await handler()(traceEvent(ago(91)));
            assert.equal(dynamoMock.commandCalls(UpdateItemCommand).length, 0);
        });

        it("ignores another region's trace", async () => {
            const event = traceEvent(ago(1));
            await handler()({ ...event, detail: { ...event.detail, origin: { region: "us-east-1" } } });
            assert.equal(dynamoMock.commandCalls(UpdateItemCommand).length, 0);
        });

        it("does not move a trace already completed (a duplicate delivery)", async () => {
            dynamoMock.on(UpdateItemCommand).rejects(new ConditionalCheckFailedException({ message: "condition", $metadata: {} }));
            await handler()(traceEvent(ago(1)));
        });
    });

    it("names the missing environment variable when misconfigured", () => {
        assert.throws(() => readConfig({ AWS_REGION: "eu-west-1" }), { message: "health check misconfigured: environment variable TRACE_TABLE is not set" });
    });
});

describe("tracer verdict", () => {
    const settings = { traceTimeoutSeconds: 300, traceFailuresToUnhealthy: 2, traceIntervalSeconds: 60 };
    const trace = (startedSecondsAgo: number, tookSeconds?: number) => ({
        traceId: `t-${startedSecondsAgo}`,
        status: tookSeconds === undefined ? ("pending" as const) : ("completed" as const),
        startedAt: ago(startedSecondsAgo),
        ...(tookSeconds === undefined ? {} : { completedAt: ago(startedSecondsAgo - tookSeconds) }),
    });

    it("cannot call a stalled bus before the trace timeout has passed", () => {
        // Every trace of the last 5 minutes is lost, but none is due yet; the last due one came back.
        const lost = [30, 90, 150, 210, 270].map((s) => trace(s));
        assert.deepEqual(traceVerdict([...lost, trace(330, 1), trace(390, 1)], NOW, settings), { healthy: true });
        assert.equal(traceVerdict([...lost, trace(330), trace(390)], NOW, settings).healthy, false);
    });

    it("reads enough traces to see every one in flight and the due ones it judges", () => {
        assert.equal(tracesToRead(settings), 5 + 2 + 1);
    });
});
