import { ACCOUNT, resource, role, RuleScenario } from "../scenario-kit";

function bus(region: string, name = "orders-bus", partition = "aws") {
    return resource(
        "aws:cloudwatch/eventBus:EventBus",
        name,
        { name },
        { outputs: { name, arn: `arn:${partition}:events:${region}:${ACCOUNT}:event-bus/${name}` } },
    );
}

function replicationTarget(region: string, name = "orders-bus", partition = "aws") {
    return resource("aws:cloudwatch/eventTarget:EventTarget", `to-${region}-${name}`, {
        arn: `arn:${partition}:events:${region}:${ACCOUNT}:event-bus/${name}`,
    });
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
        name: "judges each bus by the targets that reach its own name: another bus's replication does not count",
        resources: [
            bus("us-east-1"),
            bus("us-east-1", "payments-bus"),
            replicationTarget("eu-west-1", "payments-bus"),
            replicationTarget("ap-southeast-2", "payments-bus"),
        ],
        context: THREE_REGIONS,
        expect: "violation",
        messages: ["bus orders-bus in us-east-1 does not replicate to eu-west-1, ap-southeast-2"],
    },
    {
        name: "does not count a target at the bus's own region as a peer",
        resources: [bus("us-east-1"), replicationTarget("us-east-1")],
        expect: "violation",
        messages: ["bus orders-bus replicates to no peer region"],
    },
    {
        name: "passes a bus with one peer when the context names no regions",
        resources: [bus("us-east-1"), replicationTarget("eu-west-1")],
        expect: "pass",
    },
    {
        name: "reads bus ARNs in another partition",
        resources: [bus("us-gov-west-1", "orders-bus", "aws-us-gov"), replicationTarget("us-gov-east-1", "orders-bus", "aws-us-gov")],
        context: { subsystemRegions: ["us-gov-west-1", "us-gov-east-1"] },
        expect: "pass",
    },
    {
        name: "does not count a target that is not a bus, nor a rule target of another type",
        resources: [
            bus("us-east-1"),
            resource("aws:cloudwatch/eventTarget:EventTarget", "to-queue", { arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-bus` }),
            resource("aws:sqs/queue:Queue", "q", { arn: `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/orders-bus` }),
            resource("aws:cloudwatch/eventTarget:EventTarget", "to-bus-rule", { arn: `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/orders-bus/extra` }),
        ],
        expect: "violation",
        messages: ["bus orders-bus replicates to no peer region"],
    },
    {
        name: "counts every listed region as a peer of a bus whose ARN names no region (the stack does not record it)",
        resources: [resource("aws:cloudwatch/eventBus:EventBus", "orders-bus", { name: "orders-bus" }), replicationTarget("eu-west-1")],
        context: { subsystemRegions: ["us-east-1", "eu-west-1"] },
        expect: "violation",
        messages: ["bus orders-bus does not replicate to us-east-1"],
    },
    {
        name: "reads no home region from a bus ARN that is not an event bus's, and still judges the bus",
        resources: [
            resource(
                "aws:cloudwatch/eventBus:EventBus",
                "orders-bus",
                { name: "orders-bus" },
                { outputs: { arn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/orders-bus` } },
            ),
            replicationTarget("eu-west-1"),
        ],
        context: { subsystemRegions: ["us-east-1", "eu-west-1"] },
        expect: "violation",
        messages: ["bus orders-bus does not replicate to us-east-1"],
    },
    {
        name: "selects no bus whose name the stack does not record, even under a pattern that matches every name",
        resources: [resource("aws:cloudwatch/eventBus:EventBus", "orders-bus", {}), replicationTarget("eu-west-1")],
        config: { "bus-replication": { busNamePattern: "*" } },
        expect: "not-applicable",
    },
    {
        name: "leaves buses the name pattern does not select, and resources of other types with a matching name",
        resources: [bus("us-east-1", "orders-archive"), resource("aws:sqs/queue:Queue", "orders-bus", { name: "orders-bus" })],
        expect: "not-applicable",
    },
    {
        name: "is not applicable to a stack without a subsystem bus",
        resources: [role("r")],
        expect: "not-applicable",
    },
];
