import { resource, RuleScenario } from "../scenario-kit";

interface RegionShape {
    traceTimeoutSeconds?: number;
    alias?: boolean;
    /** The latency record's routing policies (default: one, for eu-west-1). */
    latencyRoutingPolicies?: Array<Record<string, unknown>>;
}

/** One region's DNS signal as the components build it: tracer verdict over HTTPS, an error-rate alarm, the tracer, the latency record. */
function region(shape: RegionShape = {}) {
    return [
        resource("aws:route53/record:Record", "latency", {
            name: "api.prod.orders.example.com",
            setIdentifier: "eu-west-1",
            latencyRoutingPolicies: shape.latencyRoutingPolicies ?? [{ region: "eu-west-1" }],
            healthCheckId: "hc-calculated",
            ...(shape.alias
                ? { type: "A", aliases: [{ name: "d-1.execute-api.eu-west-1.amazonaws.com", zoneId: "Z1", evaluateTargetHealth: true }] }
                : { type: "CNAME", ttl: 60, records: ["d-1.execute-api.eu-west-1.amazonaws.com"] }),
        }),
        resource("aws:route53/healthCheck:HealthCheck", "https", {
            type: "HTTPS",
            resourcePath: "/live/check",
            requestInterval: 10,
            failureThreshold: 3,
            tags: { Name: "orders-prod-eu-west-1-https", "meridian:signal": "dns" },
        }),
        resource("aws:route53/healthCheck:HealthCheck", "errors", {
            type: "CLOUDWATCH_METRIC",
            cloudwatchAlarmName: "orders-health-api-5xx-rate",
            tags: { Name: "orders-prod-eu-west-1-metric-api-5xx-rate", "meridian:signal": "dns" },
        }),
        resource("aws:cloudwatch/metricAlarm:MetricAlarm", "errors-alarm", {
            name: "orders-health-api-5xx-rate",
            period: 60,
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
        }),
        // The bus signal's checks are the global endpoint's: slow as AWS recommends, and not the DNS answer's business.
        resource("aws:route53/healthCheck:HealthCheck", "bus-latency", {
            type: "CLOUDWATCH_METRIC",
            cloudwatchAlarmName: "orders-health-bus-delivery-latency",
            tags: { Name: "orders-prod-eu-west-1-metric-bus-delivery-latency", "meridian:signal": "bus" },
        }),
        resource("aws:cloudwatch/metricAlarm:MetricAlarm", "bus-latency-alarm", {
            name: "orders-health-bus-delivery-latency",
            period: 60,
            evaluationPeriods: 5,
        }),
        resource("aws:lambda/function:Function", "tracer", {
            environment: {
                variables: { TRACE_TIMEOUT_SECONDS: String(shape.traceTimeoutSeconds ?? 90), TRACE_FAILURES_TO_UNHEALTHY: "2", TRACE_INTERVAL_SECONDS: "60" },
            },
        }),
    ];
}

export const scenarios: RuleScenario[] = [
    {
        name: "passes the catalog defaults: 360 s worst case (errors), within the 420 s default target",
        resources: region(),
        expect: "pass",
    },
    {
        name: "fails a 300 s trace timeout: a stalled bus keeps clients coming for up to 510 s",
        resources: region({ traceTimeoutSeconds: 300 }),
        expect: "violation",
        messages: [
            "stalled: clients can be sent to eu-west-1 for up to 510 s after it fails (2 traces × 60 s + 300 s trace timeout + 10 s interval × 3 failures + 60 s TTL), over the failover target of 420 s",
        ],
    },
    {
        name: "judges every class against the failover target in the stack's context",
        resources: region(),
        context: { failoverTargetSeconds: 300 },
        expect: "violation",
        messages: [
            "errors: clients can be sent to eu-west-1 for up to 360 s after it fails (60 s period × 3 periods + 120 s metric delivery and alarm evaluation + 60 s TTL), over the failover target of 300 s",
        ],
    },
    {
        name: "fails an alias latency record, whose TTL is its target's and unbounded",
        resources: region({ alias: true }),
        expect: "violation",
        messages: [
            "latency record latency (eu-west-1) is an alias: its answers carry the target's TTL, which nothing here sets, so how long resolvers keep sending clients to eu-west-1 is unbounded",
        ],
    },
    {
        name: "names the region by the record's name when its routing policy names none",
        resources: region({ alias: true, latencyRoutingPolicies: [{}] }),
        expect: "violation",
        messages: [
            "latency record latency (latency) is an alias: its answers carry the target's TTL, which nothing here sets, so how long resolvers keep sending clients to latency is unbounded",
        ],
    },
    {
        name: "names the region by the record's name when its list of routing policies is empty",
        resources: region({ alias: true, latencyRoutingPolicies: [] }),
        expect: "violation",
        messages: [
            "latency record latency (latency) is an alias: its answers carry the target's TTL, which nothing here sets, so how long resolvers keep sending clients to latency is unbounded",
        ],
    },
    {
        name: "is not applicable to a stack whose records are not latency-routed",
        resources: [
            resource("aws:route53/record:Record", "www", { name: "www.example.com", type: "CNAME", ttl: 300, records: ["example.com"] }),
            resource("aws:route53/healthCheck:HealthCheck", "hc", { type: "HTTPS", requestInterval: 30, failureThreshold: 10 }),
        ],
        expect: "not-applicable",
    },
    {
        name: "is not applicable to a stack without a latency-routed record",
        resources: [resource("aws:route53/healthCheck:HealthCheck", "hc", { type: "HTTPS", requestInterval: 30, failureThreshold: 10 })],
        expect: "not-applicable",
    },
];
