import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ORGANIZATION_TRAIL_NAME, organizationTrailBucketName } from "../lib/contracts/naming";
import { trailBucketPolicyDocument } from "./policy-documents/trail-bucket";

export interface OrganizationTrailArgs {
    organizationId: pulumi.Input<string>;
    managementAccountId: string;
    /** Where the trail is created: the organisation's home region. */
    region: string;
    partition?: string;
    /** Deploys into the log-archive account, which holds the trail's bucket. */
    bucketProvider: pulumi.ProviderResource;
    tags?: Record<string, string>;
}

/**
 * One CloudTrail trail for the whole organisation, in the management account, delivered to a
 * versioned, private bucket in the log-archive account. Service control policies never restrict
 * the management account, so the SCP that stops member principals from touching trails never
 * freezes this one; and member accounts cannot change an organisation trail at all.
 */
export class OrganizationTrail extends pulumi.ComponentResource {
    readonly trailArn: pulumi.Output<string>;
    readonly bucketName: pulumi.Output<string>;

    constructor(name: string, args: OrganizationTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:accounts:OrganizationTrail", name, {}, opts);
        const tags = args.tags ?? {};
        const partition = args.partition ?? "aws";
        const inLogArchive = { parent: this, provider: args.bucketProvider };
        const trailArn = `arn:${partition}:cloudtrail:${args.region}:${args.managementAccountId}:trail/${ORGANIZATION_TRAIL_NAME}`;
        const bucketName = pulumi.output(args.organizationId).apply(organizationTrailBucketName);

        // Logs are evidence: the bucket is protected and outlives the stack.
        const bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: bucketName, tags }, { ...inLogArchive, protect: true, retainOnDelete: true });
        const publicAccess = new aws.s3.BucketPublicAccessBlock(
            `${name}-bucket-public-access`,
            { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            inLogArchive,
        );
        new aws.s3.BucketVersioning(`${name}-bucket-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, inLogArchive);
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-bucket-encryption`,
            { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
            inLogArchive,
        );
        const policy = new aws.s3.BucketPolicy(
            `${name}-bucket-policy`,
            {
                bucket: bucket.id,
                policy: pulumi.all([bucketName, args.organizationId]).apply(([bucket, organizationId]) =>
                    JSON.stringify(
                        trailBucketPolicyDocument({
                            bucketName: bucket,
                            trailArn,
                            organizationId,
                            managementAccountId: args.managementAccountId,
                            partition,
                        }),
                    ),
                ),
            },
            { ...inLogArchive, dependsOn: [publicAccess] },
        );

        // CloudTrail checks the bucket policy when the trail is created, so the policy comes first.
        const trail = new aws.cloudtrail.Trail(
            `${name}-trail`,
            {
                name: ORGANIZATION_TRAIL_NAME,
                s3BucketName: bucket.id,
                isOrganizationTrail: true,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                tags,
            },
            { parent: this, dependsOn: [policy] },
        );

        this.trailArn = trail.arn;
        this.bucketName = bucket.id;
        this.registerOutputs({ trailArn: this.trailArn, bucketName: this.bucketName });
    }
}
