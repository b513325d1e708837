import { strict as assert } from "node:assert";
import { alarmSpecs, calculatedThreshold, healthCheckTags, insufficientDataHealthStatus } from "../../components/health-check-plan";
import { replicationPeers } from "../../components/region-peers";
import { healthCheckSettingsSchema } from "../../regions/region-schema";

describe("health-check plan", () => {
    it("tags a check with the failover tooling's contract", () => {
        assert.deepEqual(healthCheckTags({ subsystem: "orders", environment: "prod", region: "eu-west-1" }, "metric", "api-5xx"), {
            Name: "orders-prod-eu-west-1-metric-api-5xx",
            "meridian:subsystem": "orders",
            "meridian:environment": "prod",
            "meridian:region": "eu-west-1",
            "meridian:check": "metric",
        });
    });

    it("gives every alarm the catalog's whole-minute period: Route 53 watches only standard-resolution alarms", () => {
        assert.equal(healthCheckSettingsSchema.safeParse({ alarmPeriodSeconds: 30 }).success, false);
        const settings = healthCheckSettingsSchema.parse({ alarmPeriodSeconds: 120, alarmEvaluationPeriods: 3 });
        const specs = alarmSpecs("orders", settings);
        assert.deepEqual(
            specs.map((spec) => [spec.kind, spec.periodSeconds, spec.evaluationPeriods, spec.treatMissingData]),
            [
                ["api-5xx", 120, 3, "notBreaching"],
                ["lambda-errors", 120, 3, "notBreaching"],
                ["lambda-throttles", 120, 3, "notBreaching"],
                ["dynamodb-system-errors-putitem", 120, 3, "notBreaching"],
                ["dynamodb-system-errors-updateitem", 120, 3, "notBreaching"],
                ["dynamodb-system-errors-query", 120, 3, "notBreaching"],
                ["tracer-failures", 120, 3, "breaching"],
            ],
        );
    });

    it("gives each DynamoDB operation its own single-metric alarm (Route 53 cannot watch metric math)", () => {
        const dynamo = alarmSpecs("orders", healthCheckSettingsSchema.parse({})).filter((spec) => spec.metric.namespace === "AWS/DynamoDB");
        assert.deepEqual(
            dynamo.map((spec) => [spec.name, spec.metric.metricName, spec.metric.dimensions]),
            [
                ["orders-health-dynamodb-system-errors-putitem", "SystemErrors", { TableName: "orders-health-traces", Operation: "PutItem" }],
                ["orders-health-dynamodb-system-errors-updateitem", "SystemErrors", { TableName: "orders-health-traces", Operation: "UpdateItem" }],
                ["orders-health-dynamodb-system-errors-query", "SystemErrors", { TableName: "orders-health-traces", Operation: "Query" }],
            ],
        );
    });

    it("judges a metric check without data the way its alarm judges missing data: a silent tracer is unhealthy, a quiet error metric healthy", () => {
        const specs = alarmSpecs("orders", healthCheckSettingsSchema.parse({}));
        assert.deepEqual(
            specs.map((spec) => [spec.kind, insufficientDataHealthStatus(spec)]),
            [
                ["api-5xx", "Healthy"],
                ["lambda-errors", "Healthy"],
                ["lambda-throttles", "Healthy"],
                ["dynamodb-system-errors-putitem", "Healthy"],
                ["dynamodb-system-errors-updateitem", "Healthy"],
                ["dynamodb-system-errors-query", "Healthy"],
                ["tracer-failures", "Unhealthy"],
            ],
        );
    });

    it("watches the API stage and function the component creates", () => {
        const [api, errors] = alarmSpecs("orders", healthCheckSettingsSchema.parse({}));
        assert.deepEqual(api.metric, { namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions: { ApiName: "orders-health", Stage: "live" } });
        assert.deepEqual(errors.metric, { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: "orders-health-check" } });
    });

    it("sets the calculated threshold to the number of children, and refuses none", () => {
        assert.equal(calculatedThreshold(6), 6);
        assert.throws(() => calculatedThreshold(0), { message: "a calculated health check needs at least one child" });
    });
});

describe("replication peers", () => {
    it("lists each other region once, in a stable order", () => {
        assert.deepEqual(replicationPeers("us-east-1", ["eu-west-1", "ap-southeast-2"]), ["ap-southeast-2", "eu-west-1"]);
    });

    it("refuses a region listed twice", () => {
        assert.throws(() => replicationPeers("us-east-1", ["eu-west-1", "eu-west-1"]), { message: "peer regions of us-east-1 list eu-west-1 more than once" });
    });
});
