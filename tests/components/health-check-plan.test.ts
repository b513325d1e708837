import { strict as assert } from "node:assert";
import { alarmSpecs, calculatedThreshold, healthCheckTags, servicePeriodSeconds } from "../../components/health-check-plan";
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

    it("applies the catalog's alarm period to the tracer metric and at least a minute to service metrics", () => {
        assert.deepEqual([10, 30, 60].map(servicePeriodSeconds), [60, 60, 60]);
        const settings = healthCheckSettingsSchema.parse({ alarmPeriodSeconds: 10, alarmEvaluationPeriods: 3 });
        const specs = alarmSpecs("orders", settings);
        assert.deepEqual(
            specs.map((spec) => [spec.kind, spec.periodSeconds, spec.evaluationPeriods, spec.treatMissingData]),
            [
                ["api-5xx", 60, 3, "notBreaching"],
                ["lambda-errors", 60, 3, "notBreaching"],
                ["lambda-throttles", 60, 3, "notBreaching"],
                ["dynamodb-system-errors", 60, 3, "notBreaching"],
                ["tracer-failures", 10, 3, "breaching"],
            ],
        );
    });

    it("watches the API stage and function the component creates", () => {
        const [api, errors] = alarmSpecs("orders", healthCheckSettingsSchema.parse({}));
        assert.deepEqual(api.metrics, [{ namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions: { ApiName: "orders-health", Stage: "live" } }]);
        assert.deepEqual(errors.metrics, [{ namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: "orders-health-check" } }]);
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
