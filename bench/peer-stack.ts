/**
 * The peer for `npm run bench`: one stack rendered the way Pulumi documents unit testing
 * (https://www.pulumi.com/docs/iac/guides/testing/unit/): `pulumi.runtime.setMocks`, a program
 * that declares its resources, and a wait for their outputs. It uses no Meridian code. The bench
 * runs it in a fresh process per stack, as a per-stack test run does, with as many resources as
 * the mean Meridian stack has (the first argument), in the mix a regional subsystem stack has.
 */
import * as pulumi from "@pulumi/pulumi";

const resourceCount = Number(process.argv[2] ?? 53);
const region = "eu-west-1";
const account = "123456789012";

pulumi.runtime.setMocks(
    {
        newResource: (args) => ({
            id: `${args.name}-id`,
            state: { ...args.inputs, arn: `arn:aws:${args.type.split(":")[1]}:${region}:${account}:${args.name}` },
        }),
        call: (args) => args.inputs,
    },
    "peer",
    "peer.eu-west-1",
    false,
);

// Loaded after setMocks, as the documented tests import the program after setting the mocks.
const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");

const trust = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

type Declare = (index: number) => pulumi.CustomResource;

/** How many of each kind a Meridian regional stack declares; the list repeats until the count is reached. */
const KINDS: Array<[number, Declare]> = [
    [7, (i) => new aws.route53.HealthCheck(`check-${i}`, { type: "HTTPS", fqdn: "api.example.com", port: 443, resourcePath: "/health", failureThreshold: 3 })],
    [
        5,
        (i) =>
            new aws.cloudwatch.MetricAlarm(`alarm-${i}`, {
                comparisonOperator: "GreaterThanThreshold",
                evaluationPeriods: 1,
                metricName: "Errors",
                namespace: "AWS/Lambda",
                period: 60,
                statistic: "Sum",
                threshold: 0,
            }),
    ],
    [3, (i) => new aws.iam.Role(`role-${i}`, { assumeRolePolicy: trust, permissionsBoundary: `arn:aws:iam::${account}:policy/boundary` })],
    [
        3,
        (i) =>
            new aws.iam.RolePolicy(`role-policy-${i}`, {
                role: `role-${i}`,
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "events:PutEvents", Resource: "*" }] }),
            }),
    ],
    [3, (i) => new aws.cloudwatch.EventRule(`rule-${i}`, { eventBusName: "bus", eventPattern: JSON.stringify({ source: ["peer"] }) })],
    [3, (i) => new aws.cloudwatch.EventTarget(`target-${i}`, { rule: `rule-${i}`, arn: `arn:aws:events:${region}:${account}:event-bus/other` })],
    [2, (i) => new aws.lambda.Permission(`permission-${i}`, { action: "lambda:InvokeFunction", function: "tracer", principal: "events.amazonaws.com" })],
    [
        2,
        (i) =>
            new aws.route53.Record(`record-${i}`, {
                zoneId: "Z123",
                name: "api.example.com",
                type: "A",
                setIdentifier: region,
                latencyRoutingPolicies: [{ region }],
            }),
    ],
    [1, (i) => new aws.dynamodb.Table(`table-${i}`, { attributes: [{ name: "id", type: "S" }], hashKey: "id", billingMode: "PAY_PER_REQUEST" })],
    [
        1,
        (i) =>
            new aws.lambda.Function(`function-${i}`, {
                role: `arn:aws:iam::${account}:role/tracer`,
                runtime: "nodejs22.x",
                handler: "index.handler",
                code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200 });") }),
            }),
    ],
    [1, (i) => new aws.cloudwatch.EventBus(`bus-${i}`, {})],
    [1, (i) => new aws.sqs.Queue(`queue-${i}`, { messageRetentionSeconds: 1209600 })],
    [1, (i) => new aws.kms.Key(`key-${i}`, { enableKeyRotation: true })],
    [1, (i) => new aws.cloudwatch.LogGroup(`logs-${i}`, { retentionInDays: 30 })],
    [1, (i) => new aws.ssm.Parameter(`parameter-${i}`, { type: "String", value: "false" })],
    [1, (i) => new aws.apigateway.RestApi(`api-${i}`, { endpointConfiguration: { types: "REGIONAL" } })],
];
const MIX: Declare[] = KINDS.flatMap(([count, declare]) => Array.from({ length: count }, () => declare));

/** Declares one stack's worth of resources (the stack resource counts as one, as in Meridian's plans) and waits for their ids. */
async function declareStack(copy: number): Promise<void> {
    const resources = Array.from({ length: Math.max(0, resourceCount - 1) }, (_, index) => MIX[index % MIX.length](copy * 10_000 + index));
    await new Promise<void>((resolve) => pulumi.all(resources.map((resource) => resource.id)).apply(() => resolve()));
}

function cpuMilliseconds(): number {
    const cpu = process.cpuUsage();
    return (cpu.user + cpu.system) / 1000;
}

/**
 * With a second argument N, the same process then declares N more stacks' worth of resources, one
 * after another, and reports the median CPU time of one: what the SDK itself costs per stack once
 * loaded, with no start-up. No renderer that runs stack programs through the SDK can render a stack
 * for less, which bounds the ratio any such renderer can reach against the fresh-process peer.
 */
async function main(): Promise<void> {
    await declareStack(0);
    const cold = cpuMilliseconds();
    const warm: number[] = [];
    for (let copy = 1; copy <= Number(process.argv[3] ?? 0); copy++) {
        const before = cpuMilliseconds();
        await declareStack(copy);
        warm.push(cpuMilliseconds() - before);
    }
    warm.sort((a, b) => a - b);
    const warmCpuMilliseconds = warm.length > 0 ? Math.round(warm[Math.floor(warm.length / 2)]) : undefined;
    process.stdout.write(`${JSON.stringify({ resources: resourceCount, cpuMilliseconds: Math.round(cold), warmCpuMilliseconds })}\n`);
}

void main();
