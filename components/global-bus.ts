import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { boundedServiceRole } from "./bounded-service-role";
import { SERVICE_ASSUMPTIONS } from "./policy-documents/service-source-keys";
import { replicationEventPattern } from "./event-patterns";
import { busArn, busName, deadLetterDepthAlarmName, deadLetterQueueName, replicationRoleName } from "../lib/contracts/naming";
import {
    type BusPublishers,
    busKeyPolicyDocument,
    busResourcePolicyDocument,
    deadLetterQueuePolicyDocument,
    putEventsPolicyDocument,
} from "./policy-documents/bus";
import { OWNER_TAG } from "./policy-documents/deployment";
import { arn } from "./policy-documents/policy-document";
import { replicationPeers } from "./region-peers";

export interface GlobalBusArgs {
    subsystem: string;
    accountId: pulumi.Input<string>;
    /** The region this bus is in; the stack's provider must deploy there. */
    region: string;
    /** The subsystem's other regions; one replication rule each. Must not include `region`. */
    peerRegions: string[];
    /** Who may put events: the principals under the account's OU path, or the account alone. */
    publishers: pulumi.Input<BusPublishers>;
    /** The owner's permission boundary, carried by the replication role. */
    boundaryArn: pulumi.Input<string>;
    archiveRetentionDays: number;
    /** Where the dead-letter queue's depth alarm notifies: the subsystem's alarm topic in this region. */
    alarmTopicArn: pulumi.Input<string>;
    partition?: string;
    tags?: Record<string, string>;
}

const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;
/** SQS sends its queue metrics to CloudWatch every minute (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html). */
const DEAD_LETTER_ALARM_PERIOD_SECONDS = 60;

/**
 * One region's EventBridge bus of a subsystem: encrypted with a customer key, archived, open to its
 * account's OU only, with a dead-letter queue, and replicating to each peer region's bus through a
 * role that may put events on those buses and nowhere else. Replication is loop-free: see
 * `replicationEventPattern`. A message in the dead-letter queue is an event that was lost on its
 * way (a replication or a target that failed for good), so its depth alarms at once.
 */
export class GlobalBus extends pulumi.ComponentResource {
    readonly busName: pulumi.Output<string>;
    readonly busArn: pulumi.Output<string>;
    readonly keyArn: pulumi.Output<string>;
    readonly deadLetterQueueArn: pulumi.Output<string>;
    readonly replicationRoleArn: pulumi.Output<string>;
    /** Peer region → the ARN of the bus its replication rule targets. */
    readonly replicationTargets: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: GlobalBusArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:events:GlobalBus", name, {}, opts);
        const parent = { parent: this };
        const partition = args.partition ?? "aws";
        const tags = args.tags ?? {};
        const peers = replicationPeers(args.region, args.peerRegions);
        const accountId = pulumi.output(args.accountId);
        const scope = accountId.apply((id) => ({ accountId: id, partition }));

        const key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `Encrypts the ${args.subsystem} bus, its archive and its dead-letter queue in ${args.region}.`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: scope.apply((s) => JSON.stringify(busKeyPolicyDocument(s))),
                tags: { ...tags, [OWNER_TAG]: args.subsystem },
            },
            parent,
        );
        new aws.kms.Alias(`${name}-key-alias`, { name: `alias/${busName(args.subsystem)}`, targetKeyId: key.keyId }, parent);

        const queueName = deadLetterQueueName(args.subsystem);
        const deadLetters = new aws.sqs.Queue(
            `${name}-dlq`,
            {
                name: queueName,
                kmsMasterKeyId: key.arn,
                messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
                tags,
            },
            parent,
        );
        new aws.cloudwatch.MetricAlarm(
            `${name}-dlq-depth`,
            {
                name: deadLetterDepthAlarmName(args.subsystem),
                alarmDescription: `Events the ${args.subsystem} bus in ${args.region} or its rules could not deliver are waiting in ${queueName}.`,
                namespace: "AWS/SQS",
                metricName: "ApproximateNumberOfMessagesVisible",
                dimensions: { QueueName: queueName },
                statistic: "Maximum",
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                threshold: 1,
                period: DEAD_LETTER_ALARM_PERIOD_SECONDS,
                evaluationPeriods: 1,
                // SQS stops sending metrics for a queue that has been empty and idle for a while: that is no lost event.
                treatMissingData: "notBreaching",
                alarmActions: [args.alarmTopicArn],
                okActions: [args.alarmTopicArn],
                tags,
            },
            parent,
        );
        new aws.sqs.QueuePolicy(
            `${name}-dlq-policy`,
            {
                queueUrl: deadLetters.url,
                // The queue's ARN from its name, so the policy is known at the first preview.
                policy: scope.apply((s) =>
                    JSON.stringify(deadLetterQueuePolicyDocument(s, args.region, args.subsystem, arn(s, "sqs", args.region, queueName))),
                ),
            },
            parent,
        );

        const bus = new aws.cloudwatch.EventBus(
            `${name}-bus`,
            {
                name: busName(args.subsystem),
                description: `${args.subsystem} events in ${args.region}; replicated to ${peers.join(", ")}.`,
                kmsKeyIdentifier: key.arn,
                deadLetterConfig: { arn: deadLetters.arn },
                tags,
            },
            parent,
        );
        new aws.cloudwatch.EventArchive(
            `${name}-archive`,
            {
                name: `${busName(args.subsystem)}-archive`,
                eventSourceArn: bus.arn,
                retentionDays: args.archiveRetentionDays,
                kmsKeyIdentifier: key.arn,
            },
            parent,
        );
        new aws.cloudwatch.EventBusPolicy(
            `${name}-policy`,
            {
                eventBusName: bus.name,
                policy: pulumi
                    .all([accountId, args.publishers])
                    .apply(([id, publishers]) => JSON.stringify(busResourcePolicyDocument(busArn(id, args.region, args.subsystem, partition), publishers))),
            },
            parent,
        );

        const peerBusArns = accountId.apply((id) => Object.fromEntries(peers.map((peer) => [peer, busArn(id, peer, args.subsystem, partition)])));
        const { role } = boundedServiceRole(
            {
                roleResourceName: `${name}-replication-role`,
                policyResourceName: `${name}-replication-policy`,
                roleName: replicationRoleName(args.subsystem, args.region),
                description: `Replicates ${args.subsystem} events from ${args.region} to ${peers.join(", ")}.`,
                assumedBy: SERVICE_ASSUMPTIONS.busRuleTarget,
                accountId,
                boundaryArn: args.boundaryArn,
                tags,
                policyName: "replicate-to-peers",
                policy: () => peerBusArns.apply((arns) => putEventsPolicyDocument(Object.values(arns))),
            },
            parent,
        );

        for (const peer of peers) {
            const rule = new aws.cloudwatch.EventRule(
                `${name}-replicate-${peer}`,
                {
                    name: `${args.subsystem}-replicate-to-${peer}`,
                    description: `Forwards events that originated in ${args.region} to ${peer}.`,
                    eventBusName: bus.name,
                    eventPattern: JSON.stringify(replicationEventPattern(args.region)),
                    tags,
                },
                parent,
            );
            new aws.cloudwatch.EventTarget(
                `${name}-replicate-${peer}-target`,
                {
                    rule: rule.name,
                    eventBusName: bus.name,
                    arn: peerBusArns.apply((arns) => arns[peer]),
                    roleArn: role.arn,
                    deadLetterConfig: { arn: deadLetters.arn },
                },
                parent,
            );
        }

        this.busName = bus.name;
        this.busArn = bus.arn;
        this.keyArn = key.arn;
        this.deadLetterQueueArn = deadLetters.arn;
        this.replicationRoleArn = role.arn;
        this.replicationTargets = peerBusArns;
        this.registerOutputs({
            busName: this.busName,
            busArn: this.busArn,
            keyArn: this.keyArn,
            deadLetterQueueArn: this.deadLetterQueueArn,
            replicationRoleArn: this.replicationRoleArn,
            replicationTargets: this.replicationTargets,
        });
    }
}
