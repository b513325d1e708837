import { resource, RuleScenario } from "../scenario-kit";

function healthCheck(props: Record<string, unknown>) {
    return resource("aws:route53/healthCheck:HealthCheck", "hc", props);
}

export const scenarios: RuleScenario[] = [
    {
        name: "passes a threshold equal to the number of children",
        resources: [healthCheck({ type: "CALCULATED", childHealthchecks: ["a", "b"], childHealthThreshold: 2 })],
        expect: "pass",
    },
    {
        name: "fails a threshold below the number of children",
        resources: [healthCheck({ type: "CALCULATED", childHealthchecks: ["a", "b", "c"], childHealthThreshold: 1 })],
        expect: "violation",
        messages: ["calculated health check hc has childHealthThreshold 1 but 3 children: a failing child would not fail the region"],
    },
    {
        name: "fails a calculated check without children",
        resources: [healthCheck({ type: "CALCULATED", childHealthchecks: [] })],
        expect: "violation",
        messages: ["calculated health check hc has no children"],
    },
    {
        name: "is not applicable to endpoint checks",
        resources: [healthCheck({ type: "HTTPS" })],
        expect: "not-applicable",
    },
];
