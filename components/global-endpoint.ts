import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { boundedServiceRole } from "./bounded-service-role";
import { SERVICE_ASSUMPTIONS } from "./policy-documents/service-source-keys";
import { busArn, endpointRoleName, globalEndpointName, roleArn } from "../lib/contracts/naming";
import { endpointReplicationPolicyDocument } from "./policy-documents/bus";

export interface GlobalEndpointArgs {
    subsystem: string;
    accountId: pulumi.Input<string>;
    /** The primary region: the one this stack deploys to. */
    region: string;
    /** Where publishers fail over to when the primary's health check fails. */
    secondaryRegion: string;
    /** The primary region's CALCULATED Route 53 health check. */
    healthCheckId: pulumi.Input<string>;
    /** Carried by the endpoint's replication role. */
    boundaryArn: pulumi.Input<string>;
    partition?: string;
    tags?: Record<string, string>;
}

export function healthCheckArn(healthCheckId: string, partition = "aws"): string {
    return `arn:${partition}:route53:::healthcheck/${healthCheckId}`;
}

/**
 * The EventBridge global endpoint publishers in this region use: this region's bus as primary, the
 * secondary region's bus (same name) as failover, switched by this region's calculated health check,
 * with event replication on so the secondary is warm and the primary recovers its backlog.
 */
export class GlobalEndpoint extends pulumi.ComponentResource {
    readonly endpointArn: pulumi.Output<string>;
    readonly endpointUrl: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: GlobalEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:events:GlobalEndpoint", name, {}, opts);
        if (args.secondaryRegion === args.region) {
            throw new Error(`global endpoint of ${args.subsystem} in ${args.region}: the secondary region must differ from the primary`);
        }
        const parent = { parent: this };
        const partition = args.partition ?? "aws";
        const tags = args.tags ?? {};
        const accountId = pulumi.output(args.accountId);
        const buses = accountId.apply((id) => ({
            primary: busArn(id, args.region, args.subsystem, partition),
            secondary: busArn(id, args.secondaryRegion, args.subsystem, partition),
        }));

        const roleName = endpointRoleName(args.subsystem, args.region);
        const { role, rolePolicy } = boundedServiceRole(
            {
                roleResourceName: `${name}-role`,
                policyResourceName: `${name}-role-policy`,
                roleName,
                description: `Replicates ${args.subsystem} events between ${args.region} and ${args.secondaryRegion} for the global endpoint.`,
                // AWS does not document whether replication sends aws:SourceAccount: the trust checks it only when sent.
                assumedBy: SERVICE_ASSUMPTIONS.endpointReplication,
                accountId,
                boundaryArn: args.boundaryArn,
                tags,
                policyName: "endpoint-replication",
                // Its own ARN from its name, so the policy is known at the first preview.
                policy: () =>
                    accountId.apply((id) =>
                        endpointReplicationPolicyDocument({
                            accountId: id,
                            partition,
                            subsystem: args.subsystem,
                            regions: [args.region, args.secondaryRegion],
                            roleArn: roleArn(id, roleName, partition),
                        }),
                    ),
            },
            parent,
        );

        const endpoint = new aws.cloudwatch.EventEndpoint(
            `${name}-endpoint`,
            {
                name: globalEndpointName(args.subsystem),
                description: `${args.subsystem} publishers: ${args.region}, failing over to ${args.secondaryRegion}.`,
                eventBuses: [{ eventBusArn: buses.primary }, { eventBusArn: buses.secondary }],
                routingConfig: {
                    failoverConfig: {
                        primary: { healthCheck: pulumi.output(args.healthCheckId).apply((id) => healthCheckArn(id, partition)) },
                        secondary: { route: args.secondaryRegion },
                    },
                },
                replicationConfig: { state: "ENABLED" },
                roleArn: role.arn,
            },
            // EventBridge creates the replication rules as the role as soon as the endpoint exists.
            { ...parent, dependsOn: [rolePolicy] },
        );

        this.endpointArn = endpoint.arn;
        this.endpointUrl = endpoint.endpointUrl;
        this.roleArn = role.arn;
        this.registerOutputs({ endpointArn: this.endpointArn, endpointUrl: this.endpointUrl, roleArn: this.roleArn });
    }
}
