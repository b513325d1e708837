import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentRoles, type DeploymentRolesArgs } from "./deployment-roles";
import { PermissionBoundary } from "./permission-boundary";
import { PreviewRole } from "./preview-roles";

/** A subsystem environment's zone, delegated from the parent zone in another account. */
export interface DelegatedZoneArgs {
    kind: "delegated";
    /** `environmentZoneName(subsystem.dnsName, environment)`. */
    zoneName: string;
    parentZoneId: pulumi.Input<string>;
    /** Deploys into the account holding the parent zone (shared services); the NS record is written there. */
    parentProvider: pulumi.ProviderResource;
}

/** The organisation's parent zone, in the account that holds it. */
export interface ParentZoneArgs {
    kind: "parent";
    zoneName: string;
}

export interface AccountBaselineArgs {
    /** The subsystem the account runs, or the account's name for accounts without one; it names the IAM prefix. */
    owner: string;
    accountId: pulumi.Input<string>;
    partition?: string;
    /**
     * The pipeline's GitHub repository and the account's own environment, its share of the state,
     * and who else may deploy. Absent for an account that runs no subsystem and did not ask for CI
     * roles: it gets no pipeline or deployment role, so no CI job can act in it.
     */
    deployment?: Pick<DeploymentRolesArgs, "githubRepository" | "githubEnvironment" | "state" | "bootstrapRoleArn" | "organizationId" | "githubOidcProvider">;
    /** Pull-request previews: the management account's preview entry role, the only principal that may assume this account's preview role. */
    preview: {
        entryRoleArn: pulumi.Input<string>;
        organizationId: pulumi.Input<string>;
    };
    /** Which hosted zone the account holds, if any. */
    dns?: DelegatedZoneArgs | ParentZoneArgs;
    tags?: Record<string, string>;
}

const DELEGATION_TTL_SECONDS = 300;

/**
 * What every member account gets once (`<account>.global` stacks): the permission boundary, the
 * read-only preview role, the pipeline and deployment roles where the account deploys from CI, the
 * account's hosted zone (a subsystem environment's zone with its NS delegation in the parent zone,
 * or the parent zone itself) and the S3 account-level public access block. The audit trail is the
 * organisation's one trail (OrganizationTrail, in the organization stack), so no account keeps a
 * trail of its own that an SCP would have to freeze.
 */
export class AccountBaseline extends pulumi.ComponentResource {
    readonly boundaryArn: pulumi.Output<string>;
    readonly pipelineRoleArn: pulumi.Output<string> | undefined;
    readonly deploymentRoleArn: pulumi.Output<string> | undefined;
    readonly previewRoleArn: pulumi.Output<string>;
    readonly zoneId: pulumi.Output<string> | undefined;
    readonly nameServers: pulumi.Output<string[]> | undefined;

    constructor(name: string, args: AccountBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:accounts:AccountBaseline", name, {}, opts);
        const parent = { parent: this };
        const tags = args.tags ?? {};

        const boundary = new PermissionBoundary(`${name}-boundary`, { owner: args.owner, accountId: args.accountId, partition: args.partition, tags }, parent);
        const roles = args.deployment
            ? new DeploymentRoles(
                  `${name}-deployment`,
                  { owner: args.owner, accountId: args.accountId, partition: args.partition, ...args.deployment, dependsOn: [boundary], tags },
                  parent,
              )
            : undefined;
        const preview = new PreviewRole(
            `${name}-preview`,
            { owner: args.owner, accountId: args.accountId, partition: args.partition, ...args.preview, tags },
            parent,
        );

        if (args.dns) {
            const zone = new aws.route53.Zone(`${name}-zone`, { name: args.dns.zoneName, comment: `Managed by Meridian for ${args.owner}.`, tags }, parent);
            if (args.dns.kind === "delegated") {
                new aws.route53.Record(
                    `${name}-zone-delegation`,
                    { zoneId: args.dns.parentZoneId, name: args.dns.zoneName, type: "NS", ttl: DELEGATION_TTL_SECONDS, records: zone.nameServers },
                    { ...parent, provider: args.dns.parentProvider },
                );
            }
            this.zoneId = zone.zoneId;
            this.nameServers = zone.nameServers;
        }

        new aws.s3.AccountPublicAccessBlock(
            `${name}-s3-public-access-block`,
            { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            parent,
        );

        this.boundaryArn = boundary.policyArn;
        this.pipelineRoleArn = roles?.pipelineRoleArn;
        this.deploymentRoleArn = roles?.deploymentRoleArn;
        this.previewRoleArn = preview.roleArn;
        this.registerOutputs({
            boundaryArn: this.boundaryArn,
            pipelineRoleArn: this.pipelineRoleArn,
            deploymentRoleArn: this.deploymentRoleArn,
            previewRoleArn: this.previewRoleArn,
            zoneId: this.zoneId,
            nameServers: this.nameServers,
        });
    }
}
