import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { boundedServiceRole } from "./bounded-service-role";
import { SERVICE_ASSUMPTIONS } from "./policy-documents/service-source-keys";
import type { HealthCheckSettings } from "../regions/region-schema";
import { GlobalBus } from "./global-bus";
import { GlobalEndpoint } from "./global-endpoint";
import { HealthDashboard } from "./health-dashboard";
import { LatencyRouting, PUBLIC_HEALTH_PATH } from "./latency-routing";
import {
    busArn,
    deadLetterDepthAlarmName,
    iamPrefix,
    latencyRecordName,
    regionalRecordName,
    rehearsalRevertRoleName,
    workloadRoleName,
} from "../lib/contracts/naming";
import type { BusPublishers } from "./policy-documents/bus";
import { workloadRolePolicyDocument } from "./policy-documents/service-roles";
import { rehearsalRevertRolePolicyDocument } from "./policy-documents/rehearsal-revert";
import { RegionalHealthCheck } from "./regional-health-check";
import { replicationPeers } from "./region-peers";

export interface SubsystemArgs {
    subsystem: string;
    environment: string;
    accountId: pulumi.Input<string>;
    /** The region this stack deploys to. */
    region: string;
    /** The subsystem's other regions (replication targets). */
    peerRegions: string[];
    /** Where this region's global endpoint fails over to; one of `peerRegions`. */
    secondaryRegion: string;
    /** Who may publish to the bus: the principals under the account's OU path, or the account alone. */
    publishers: pulumi.Input<BusPublishers>;
    /** The environment's hosted zone, from the `<account>.global` stack. */
    zoneId: pulumi.Input<string>;
    zoneName: string;
    /** This region's health-check settings from the region catalog. */
    healthCheck: HealthCheckSettings;
    /** TTL of this region's latency record, from the region catalog. */
    dnsTtlSeconds: number;
    /** `<prefix>-boundary` of the account; every role here carries it. */
    boundaryArn: pulumi.Input<string>;
    archiveRetentionDays?: number;
    partition?: string;
    tags?: Record<string, string>;
}

const DEFAULT_ARCHIVE_RETENTION_DAYS = 30;

/**
 * One subsystem in one region (`<account>.<region>` stacks): the bus with replication, the global
 * endpoint, the health-check service, the latency record, the alarm topic every alarm here
 * notifies, and the workload role the subsystem's functions run under. Every role inside carries
 * the permission boundary. A dashboard shows the region's health.
 */
export class Subsystem extends pulumi.ComponentResource {
    readonly busArn: pulumi.Output<string>;
    readonly endpointUrl: pulumi.Output<string>;
    readonly calculatedHealthCheckId: pulumi.Output<string>;
    readonly recordFqdn: pulumi.Output<string>;
    readonly apiHost: pulumi.Output<string>;
    readonly workloadRoleArn: pulumi.Output<string>;

    constructor(name: string, args: SubsystemArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:subsystem:Subsystem", name, {}, opts);
        if (!args.peerRegions.includes(args.secondaryRegion)) {
            throw new Error(
                `subsystem ${args.subsystem} in ${args.region}: secondary region ${args.secondaryRegion} is not one of its peer regions (${args.peerRegions.join(", ")})`,
            );
        }
        // Before anything is created: a bad peer list must not leave half a region behind.
        replicationPeers(args.region, args.peerRegions);
        const parent = { parent: this };
        const partition = args.partition ?? "aws";
        const tags = { ...args.tags, "meridian:subsystem": args.subsystem, "meridian:environment": args.environment };
        const common = { accountId: args.accountId, region: args.region, boundaryArn: args.boundaryArn, partition, tags };

        // Alarm notifications carry no event data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, so it is left unencrypted.
        const alarmTopic = new aws.sns.Topic(`${name}-alarms`, { name: `${args.subsystem}-alarms`, tags }, parent);
        const recordName = latencyRecordName(args.zoneName);

        const bus = new GlobalBus(
            `${name}-bus`,
            {
                ...common,
                subsystem: args.subsystem,
                peerRegions: args.peerRegions,
                publishers: args.publishers,
                archiveRetentionDays: args.archiveRetentionDays ?? DEFAULT_ARCHIVE_RETENTION_DAYS,
                alarmTopicArn: alarmTopic.arn,
            },
            parent,
        );
        const health = new RegionalHealthCheck(
            `${name}-health`,
            {
                ...common,
                subsystem: args.subsystem,
                environment: args.environment,
                busName: bus.busName,
                deadLetterQueueArn: bus.deadLetterQueueArn,
                settings: args.healthCheck,
                alarmTopicArn: alarmTopic.arn,
                publicHealthCheck: { host: regionalRecordName(recordName, args.region), path: PUBLIC_HEALTH_PATH },
            },
            parent,
        );
        new HealthDashboard(
            `${name}-dashboard`,
            {
                subsystem: args.subsystem,
                accountId: args.accountId,
                region: args.region,
                healthCheckIds: { dns: health.calculatedHealthCheckId, bus: health.busHealthCheckId },
                alarmNames: [...health.alarmNames, deadLetterDepthAlarmName(args.subsystem)],
                partition,
            },
            parent,
        );
        const endpoint = new GlobalEndpoint(
            `${name}-endpoint`,
            { ...common, subsystem: args.subsystem, secondaryRegion: args.secondaryRegion, healthCheckId: health.busHealthCheckId },
            { ...parent, dependsOn: [bus] },
        );
        const routing = new LatencyRouting(
            `${name}-latency`,
            {
                subsystem: args.subsystem,
                zoneId: args.zoneId,
                zoneName: args.zoneName,
                recordName,
                region: args.region,
                healthCheckId: health.calculatedHealthCheckId,
                ttlSeconds: args.dnsTtlSeconds,
                webAclArn: health.webAclArn,
                tags,
            },
            parent,
        );

        const { role: workloadRole } = boundedServiceRole(
            {
                roleResourceName: `${name}-workload-role`,
                policyResourceName: `${name}-workload-policy`,
                roleName: workloadRoleName(args.subsystem, args.region),
                description: `Execution role of ${args.subsystem} functions in ${args.region}.`,
                assumedBy: SERVICE_ASSUMPTIONS.functionExecution,
                accountId: args.accountId,
                boundaryArn: args.boundaryArn,
                tags,
                policyName: "workload",
                policy: () =>
                    pulumi.output(args.accountId).apply((accountId) =>
                        workloadRolePolicyDocument({
                            accountId,
                            partition,
                            region: args.region,
                            busArns: [args.region, args.secondaryRegion].map((region) => busArn(accountId, region, args.subsystem, partition)),
                            // Workload functions are named under the prefix, whatever they are called.
                            functionNamePattern: `${iamPrefix(args.subsystem)}-*`,
                        }),
                    ),
            },
            parent,
        );

        // EventBridge Scheduler runs a failover rehearsal's AWS-side revert as this role (regions/failover/levers.ts).
        boundedServiceRole(
            {
                roleResourceName: `${name}-rehearsal-revert-role`,
                policyResourceName: `${name}-rehearsal-revert-policy`,
                roleName: rehearsalRevertRoleName(args.subsystem, args.region),
                description: `Puts a failover rehearsal's lever back in ${args.region} if the operator's run cannot.`,
                assumedBy: SERVICE_ASSUMPTIONS.scheduleExecution,
                accountId: args.accountId,
                boundaryArn: args.boundaryArn,
                tags,
                policyName: "rehearsal-revert",
                policy: () =>
                    pulumi
                        .output(args.accountId)
                        .apply((accountId) => rehearsalRevertRolePolicyDocument({ accountId, partition, owner: args.subsystem, region: args.region })),
            },
            parent,
        );

        this.busArn = bus.busArn;
        this.endpointUrl = endpoint.endpointUrl;
        this.calculatedHealthCheckId = health.calculatedHealthCheckId;
        this.recordFqdn = routing.recordFqdn;
        this.apiHost = health.apiHost;
        this.workloadRoleArn = workloadRole.arn;
        this.registerOutputs({
            busArn: this.busArn,
            endpointUrl: this.endpointUrl,
            calculatedHealthCheckId: this.calculatedHealthCheckId,
            recordFqdn: this.recordFqdn,
            apiHost: this.apiHost,
            workloadRoleArn: this.workloadRoleArn,
        });
    }
}
