import { resource, RuleScenario } from "../scenario-kit";

function healthCheck(props: Record<string, unknown>) {
    return resource("aws:route53/healthCheck:HealthCheck", "hc", props);
}

export const scenarios: RuleScenario[] = [
    {
        name: "passes 10 s × 3 within the default 180 s target",
        resources: [healthCheck({ type: "HTTPS", requestInterval: 10, failureThreshold: 3 })],
        expect: "pass",
    },
    {
        name: "fails disallowed values and detection slower than the failover target",
        resources: [healthCheck({ type: "HTTPS", requestInterval: 20, failureThreshold: 11 })],
        expect: "violation",
        messages: [
            "requestInterval 20 is not one of 10, 30",
            "failureThreshold 11 is not an integer from 1 to 10",
            "detection takes up to 280 s (20 s × 11 + 60 s TTL), over the failover target of 180 s",
        ],
    },
    {
        name: "judges against the failover target in the stack's context",
        resources: [healthCheck({ type: "HTTPS", requestInterval: 10, failureThreshold: 3 })],
        context: { failoverTargetSeconds: 60 },
        expect: "violation",
        messages: ["detection takes up to 90 s (10 s × 3 + 60 s TTL), over the failover target of 60 s"],
    },
    {
        name: "is not applicable to calculated checks",
        resources: [healthCheck({ type: "CALCULATED" })],
        expect: "not-applicable",
    },
    {
        name: "is not applicable to metric checks",
        resources: [healthCheck({ type: "CLOUDWATCH_METRIC" })],
        expect: "not-applicable",
    },
];
