import { UNKNOWN_SENTINEL } from "../../unknown-values-proxy";
import { resource, RuleScenario } from "../scenario-kit";

function latencyRecord(props: Record<string, unknown>) {
    return resource("aws:route53/record:Record", "api", {
        name: "api.prod.orders.example.com",
        type: "A",
        setIdentifier: "eu-west-1",
        healthCheckId: "hc-1",
        latencyRoutingPolicies: [{ region: "eu-west-1" }],
        aliases: [{ name: "d.example", zoneId: "Z1", evaluateTargetHealth: true }],
        ...props,
    });
}

const unchecked = latencyRecord({});
delete unchecked.props.healthCheckId;

export const scenarios: RuleScenario[] = [
    {
        name: "passes a health-checked record whose set identifier is its region",
        resources: [latencyRecord({})],
        expect: "pass",
    },
    {
        name: "passes at the first preview a health check id not known yet: the record carries a health check",
        resources: [latencyRecord({ healthCheckId: UNKNOWN_SENTINEL })],
        expect: "pass",
    },
    {
        name: "fails a mismatched set identifier and an alias not evaluating health",
        resources: [latencyRecord({ setIdentifier: "primary", aliases: [{ name: "d", zoneId: "Z", evaluateTargetHealth: false }] })],
        expect: "violation",
        messages: [
            'latency record api has setIdentifier "primary", not its region "eu-west-1"',
            "latency record api has an alias that does not evaluate target health",
        ],
    },
    {
        name: "fails a record without a health check",
        resources: [unchecked],
        expect: "violation",
        messages: ["latency record api (eu-west-1) has no health check: an unhealthy region would stay in DNS answers"],
    },
    {
        name: "passes a record that is not an alias, whose state records an empty list of aliases",
        resources: [latencyRecord({ type: "CNAME", ttl: 60, records: ["d.example"], aliases: [] })],
        expect: "pass",
    },
    {
        name: "is not applicable to a record with an empty list of latency routing policies",
        resources: [latencyRecord({ latencyRoutingPolicies: [] })],
        expect: "not-applicable",
    },
    {
        name: "is not applicable to records without latency routing",
        resources: [resource("aws:route53/record:Record", "ns", { type: "NS", records: ["ns1"] })],
        expect: "not-applicable",
    },
];
