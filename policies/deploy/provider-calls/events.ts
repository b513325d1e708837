import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const BUS = tfProvider("internal/service/events/bus.go");
const BUS_SCHEMA = cfnSchema("aws-events-eventbus.json");
const BUS_POLICY = tfProvider("internal/service/events/bus_policy.go");
const RULE = tfProvider("internal/service/events/rule.go");
const RULE_SCHEMA = cfnSchema("aws-events-rule.json");
const TARGET = tfProvider("internal/service/events/target.go");
const ARCHIVE = tfProvider("internal/service/events/archive.go");
const ENDPOINT = tfProvider("internal/service/events/endpoint.go");
const ENDPOINT_SCHEMA = cfnSchema("aws-events-endpoint.json");

/** A rule on a custom bus has the bus in its ARN (`rule/<bus>/<rule>`); one on the default bus has not. */
const RULE_ON_BUS = ["rule-on-custom-event-bus|rule-on-default-event-bus"];

export const EVENTS_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:cloudwatch/eventBus:EventBus",
        arnVariables: { EventBusName: "outputs.name" },
        tags: "inputs.tags",
        sources: [BUS, BUS_SCHEMA],
        calls: [
            { action: "events:CreateEventBus", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["event-bus"], source: BUS },
            { action: "events:TagResource", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["event-bus"], source: BUS_SCHEMA },
            { action: "events:UpdateEventBus", phases: ["update"], resourceTypes: ["event-bus"], source: BUS },
            { action: "events:TagResource", phases: ["update"], sendsTags: true, resourceTypes: ["event-bus"], source: BUS },
            { action: "events:UntagResource", phases: ["update"], resourceTypes: ["event-bus"], source: BUS },
            { action: "events:DescribeEventBus", phases: ["read"], resourceTypes: ["event-bus"], source: BUS },
            { action: "events:ListTagsForResource", phases: ["read"], resourceTypes: ["event-bus"], source: BUS },
            { action: "events:DeleteEventBus", phases: ["delete"], resourceTypes: ["event-bus"], source: BUS },
        ],
    },
    {
        // PutPermission and RemovePermission take no resource ARN in the service authorization reference.
        type: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
        arnVariables: { EventBusName: "inputs.eventBusName|last" },
        sources: [BUS_POLICY, cfnSchema("aws-events-eventbuspolicy.json")],
        calls: [
            { action: "events:PutPermission", phases: ["create", "update"], source: BUS_POLICY },
            { action: "events:DescribeEventBus", phases: ["read"], resourceTypes: ["event-bus"], source: BUS_POLICY },
            { action: "events:RemovePermission", phases: ["delete"], source: BUS_POLICY },
        ],
    },
    {
        type: "aws:cloudwatch/eventRule:EventRule",
        arnVariables: { EventBusName: "inputs.eventBusName|last", RuleName: "outputs.name" },
        tags: "inputs.tags",
        sources: [RULE, RULE_SCHEMA],
        calls: [
            { action: "events:PutRule", phases: ["create"], creates: true, sendsTags: true, resourceTypes: RULE_ON_BUS, source: RULE },
            { action: "events:TagResource", phases: ["create"], creates: true, sendsTags: true, resourceTypes: RULE_ON_BUS, source: RULE_SCHEMA },
            { action: "events:PutRule", phases: ["update"], resourceTypes: RULE_ON_BUS, source: RULE },
            { action: "events:TagResource", phases: ["update"], sendsTags: true, resourceTypes: RULE_ON_BUS, source: RULE },
            { action: "events:UntagResource", phases: ["update"], resourceTypes: RULE_ON_BUS, source: RULE },
            { action: "events:DescribeRule", phases: ["read"], resourceTypes: RULE_ON_BUS, source: RULE },
            { action: "events:ListTagsForResource", phases: ["read"], resourceTypes: RULE_ON_BUS, source: RULE },
            { action: "events:DeleteRule", phases: ["delete"], resourceTypes: RULE_ON_BUS, source: RULE },
        ],
    },
    {
        type: "aws:cloudwatch/eventTarget:EventTarget",
        arnVariables: { EventBusName: "inputs.eventBusName|last", RuleName: "inputs.rule|last" },
        requestKeys: { "events:TargetArn": "inputs.arn" },
        sources: [TARGET, RULE_SCHEMA],
        calls: [
            { action: "events:PutTargets", phases: ["create", "update"], resourceTypes: RULE_ON_BUS, source: TARGET },
            {
                action: "iam:PassRole",
                phases: ["create", "update"],
                when: { input: "roleArn" },
                passesRole: { roleArn: "inputs.roleArn", toService: "events.amazonaws.com" },
                source: RULE_SCHEMA,
            },
            { action: "events:ListTargetsByRule", phases: ["read"], resourceTypes: RULE_ON_BUS, source: TARGET },
            { action: "events:RemoveTargets", phases: ["delete"], resourceTypes: RULE_ON_BUS, source: TARGET },
        ],
    },
    {
        type: "aws:cloudwatch/eventArchive:EventArchive",
        arnVariables: { ArchiveName: "outputs.name", EventBusName: "inputs.eventSourceArn|last" },
        sources: [ARCHIVE, cfnSchema("aws-events-archive.json")],
        calls: [
            { action: "events:CreateArchive", phases: ["create"], creates: true, source: ARCHIVE },
            { action: "events:UpdateArchive", phases: ["update"], source: ARCHIVE },
            { action: "events:DescribeArchive", phases: ["read"], source: ARCHIVE },
            { action: "events:DeleteArchive", phases: ["delete"], source: ARCHIVE },
        ],
    },
    {
        type: "aws:cloudwatch/eventEndpoint:EventEndpoint",
        arnVariables: { EndpointName: "outputs.name", Id: "inputs.routingConfig.failoverConfig.primary.healthCheck|last" },
        sources: [ENDPOINT, ENDPOINT_SCHEMA],
        calls: [
            { action: "events:CreateEndpoint", phases: ["create"], creates: true, source: ENDPOINT },
            {
                action: "iam:PassRole",
                phases: ["create", "update"],
                when: { input: "roleArn" },
                passesRole: { roleArn: "inputs.roleArn", toService: "events.amazonaws.com" },
                source: ENDPOINT_SCHEMA,
            },
            { action: "route53:GetHealthCheck", phases: ["create", "update"], source: ENDPOINT_SCHEMA },
            { action: "events:UpdateEndpoint", phases: ["update"], source: ENDPOINT },
            { action: "events:DescribeEndpoint", phases: ["read"], source: ENDPOINT },
            { action: "events:DeleteEndpoint", phases: ["delete"], source: ENDPOINT },
        ],
    },
];
