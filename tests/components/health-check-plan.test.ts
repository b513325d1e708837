import { strict as assert } from "node:assert";
import { busAlarmSpecs, calculatedThreshold, dnsAlarmSpecs, healthCheckTags, insufficientDataHealthStatus } from "../../components/health-check-plan";
import { replicationPeers } from "../../components/region-peers";
import { healthCheckSettingsSchema } from "../../regions/region-schema";

describe("health-check plan", () => {
    it("tags a check with the failover tooling's contract and its signal", () => {
        assert.deepEqual(healthCheckTags({ subsystem: "orders", environment: "prod", region: "eu-west-1" }, "bus", "metric", "publish-failure-rate"), {
            Name: "orders-prod-eu-west-1-metric-publish-failure-rate",
            "meridian:subsystem": "orders",
            "meridian:environment": "prod",
            "meridian:region": "eu-west-1",
            "meridian:check": "metric",
            "meridian:signal": "bus",
        });
    });

    it("gives the DNS alarms the catalog's whole-minute period and M-of-N window: Route 53 watches only standard-resolution alarms", () => {
        assert.equal(healthCheckSettingsSchema.safeParse({ alarmPeriodSeconds: 30 }).success, false);
        const settings = healthCheckSettingsSchema.parse({ alarmPeriodSeconds: 120, alarmEvaluationPeriods: 4, alarmDatapointsToAlarm: 3 });
        assert.deepEqual(
            dnsAlarmSpecs("orders", settings).map((spec) => [
                spec.kind,
                spec.periodSeconds,
                spec.evaluationPeriods,
                spec.datapointsToAlarm,
                spec.treatMissingData,
            ]),
            [
                ["api-5xx-rate", 120, 4, 3, "notBreaching"],
                ["trace-error-rate", 120, 4, 3, "breaching"],
            ],
        );
    });

    it("alarms on rates, never on a count of 1: the Average of a 0/1 metric, held to the catalog's share", () => {
        const settings = healthCheckSettingsSchema.parse({ errorRateThreshold: 0.1 });
        for (const spec of [...dnsAlarmSpecs("orders", settings), ...busAlarmSpecs("orders", settings)]) {
            assert.equal(spec.statistic, "Average", spec.kind);
            assert.ok(spec.datapointsToAlarm >= 2 && spec.evaluationPeriods >= spec.datapointsToAlarm, spec.kind);
        }
        const [api] = dnsAlarmSpecs("orders", settings);
        assert.deepEqual(
            [api.metric, api.threshold],
            [{ namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions: { ApiName: "orders-health", Stage: "live" } }, 0.1],
        );
    });

    it("builds the bus check from AWS's recommended global-endpoint alarm and a publishing-side failure rate, no subscriber metric", () => {
        const [latency, publish] = busAlarmSpecs("orders", healthCheckSettingsSchema.parse({}));
        assert.deepEqual(
            [latency.metric, latency.comparisonOperator, latency.threshold, latency.periodSeconds, latency.evaluationPeriods, latency.treatMissingData],
            [{ namespace: "AWS/Events", metricName: "IngestionToInvocationStartLatency", dimensions: {} }, "GreaterThanThreshold", 30000, 60, 5, "breaching"],
        );
        assert.match(latency.source, /eb-ge-cfn/);
        assert.deepEqual([publish.metric.metricName, publish.treatMissingData], ["PublishFailures", "notBreaching"]);
    });

    it("judges a metric check without data the way its alarm judges missing data: a silent tracer is unhealthy, a quiet error metric healthy", () => {
        const settings = healthCheckSettingsSchema.parse({});
        assert.deepEqual(
            [...dnsAlarmSpecs("orders", settings), ...busAlarmSpecs("orders", settings)].map((spec) => [spec.kind, insufficientDataHealthStatus(spec)]),
            [
                ["api-5xx-rate", "Healthy"],
                ["trace-error-rate", "Unhealthy"],
                ["bus-delivery-latency", "Unhealthy"],
                ["publish-failure-rate", "Healthy"],
            ],
        );
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
