import { ACCOUNT, resource, role, RuleScenario } from "../scenario-kit";

function bus(region: string) {
    return resource(
        "aws:cloudwatch/eventBus:EventBus",
        "orders-bus",
        { name: "orders-bus" },
        { outputs: { name: "orders-bus", arn: `arn:aws:events:${region}:${ACCOUNT}:event-bus/orders-bus` } },
    );
}

function replicationTarget(region: string) {
    return resource("aws:cloudwatch/eventTarget:EventTarget", `to-${region}`, { arn: `arn:aws:events:${region}:${ACCOUNT}:event-bus/orders-bus` });
}

const THREE_REGIONS = { subsystemRegions: ["us-east-1", "eu-west-1", "ap-southeast-2"] };

export const scenarios: RuleScenario[] = [
    {
        name: "passes a bus that forwards to every region of its subsystem (from the stack's context)",
        resources: [bus("us-east-1"), replicationTarget("eu-west-1"), replicationTarget("ap-southeast-2")],
        context: THREE_REGIONS,
        expect: "pass",
    },
    {
        name: "fails a bus missing a peer, naming the bus",
        resources: [bus("us-east-1"), replicationTarget("eu-west-1")],
        context: THREE_REGIONS,
        expect: "violation",
        messages: ["bus orders-bus in us-east-1 does not replicate to ap-southeast-2"],
    },
    {
        name: "fails a bus with no peer at all when the context names no regions",
        resources: [bus("us-east-1")],
        expect: "violation",
        messages: ["bus orders-bus replicates to no peer region"],
    },
    {
        name: "cannot check a bus whose ARN a preview file does not record, as the engine cannot during a preview",
        resources: [
            { ...resource("aws:cloudwatch/eventBus:EventBus", "orders-bus", { name: "orders-bus" }), outputsUnknown: true },
            replicationTarget("eu-west-1"),
        ],
        context: THREE_REGIONS,
        expect: "cannot-check",
    },
    {
        name: "is not applicable to a stack without a subsystem bus",
        resources: [role("r")],
        expect: "not-applicable",
    },
];
