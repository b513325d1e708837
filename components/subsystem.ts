import * as pulumi from "@pulumi/pulumi";
import { boundedServiceRole } from "./bounded-service-role";
import type { HealthCheckSettings } from "../regions/region-schema";
import { GlobalBus } from "./global-bus";
import { GlobalEndpoint } from "./global-endpoint";
import { LatencyRouting } from "./latency-routing";
import { iamPrefix, workloadRoleName } from "../lib/contracts/naming";
import type { BusPublishers } from "./policy-documents/bus";
import { workloadRolePolicyDocument } from "./policy-documents/service-roles";
import { RegionalHealthCheck } from "./regional-health-check";

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
    /** `<prefix>-boundary` of the account; every role here carries it. */
    boundaryArn: pulumi.Input<string>;
    archiveRetentionDays?: number;
    partition?: string;
    tags?: Record<string, string>;
}

const DEFAULT_ARCHIVE_RETENTION_DAYS = 30;

/**
 * One subsystem in one region (`<account>.<region>` stacks): the bus with replication, the global
 * endpoint, the health-check service, the latency record, and the workload role the subsystem's
 * functions run under. Every role inside carries the permission boundary.
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
        const parent = { parent: this };
        const partition = args.partition ?? "aws";
        const tags = { ...args.tags, "meridian:subsystem": args.subsystem, "meridian:environment": args.environment };
        const common = { accountId: args.accountId, region: args.region, boundaryArn: args.boundaryArn, partition, tags };

        const bus = new GlobalBus(
            `${name}-bus`,
            {
                ...common,
                subsystem: args.subsystem,
                peerRegions: args.peerRegions,
                publishers: args.publishers,
                archiveRetentionDays: args.archiveRetentionDays ?? DEFAULT_ARCHIVE_RETENTION_DAYS,
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
                busArn: bus.busArn,
                deadLetterQueueArn: bus.deadLetterQueueArn,
                settings: args.healthCheck,
            },
            parent,
        );
        const endpoint = new GlobalEndpoint(
            `${name}-endpoint`,
            { ...common, subsystem: args.subsystem, secondaryRegion: args.secondaryRegion, healthCheckId: health.calculatedHealthCheckId },
            { ...parent, dependsOn: [bus] },
        );
        const routing = new LatencyRouting(
            `${name}-latency`,
            {
                zoneId: args.zoneId,
                zoneName: args.zoneName,
                region: args.region,
                restApiId: health.restApiId,
                stageName: health.stageName,
                healthCheckId: health.calculatedHealthCheckId,
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
                service: "lambda.amazonaws.com",
                boundaryArn: args.boundaryArn,
                tags,
                policyName: "workload",
                policy: () =>
                    pulumi.all([pulumi.output(args.accountId), bus.busArn]).apply(([accountId, busArn]) =>
                        workloadRolePolicyDocument({
                            accountId,
                            partition,
                            region: args.region,
                            busArn,
                            // Workload functions are named under the prefix, whatever they are called.
                            functionNamePattern: `${iamPrefix(args.subsystem)}-*`,
                        }),
                    ),
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
