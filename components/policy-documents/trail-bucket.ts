import { type ResourcePolicyDocument, resourcePolicyDocument } from "./policy-document";

export interface TrailBucketScope {
    bucketName: string;
    trailArn: string;
    organizationId: string;
    managementAccountId: string;
    partition: string;
}

const CLOUDTRAIL = "cloudtrail.amazonaws.com";

/**
 * The organisation trail's bucket policy, as the CloudTrail user guide gives it for organisation
 * trails: CloudTrail may read the bucket ACL and write under `AWSLogs/<management account>/` and
 * `AWSLogs/<organisation id>/`, only for this trail (`aws:SourceArn`), and only objects the bucket
 * owner fully controls. Source:
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 */
export function trailBucketPolicyDocument(scope: TrailBucketScope): ResourcePolicyDocument {
    const bucket = `arn:${scope.partition}:s3:::${scope.bucketName}`;
    const fromThisTrail = { StringEquals: { "aws:SourceArn": scope.trailArn } };
    return resourcePolicyDocument([
        {
            Sid: "CloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: CLOUDTRAIL },
            Action: ["s3:GetBucketAcl"],
            Resource: [bucket],
            Condition: fromThisTrail,
        },
        {
            Sid: "CloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: CLOUDTRAIL },
            Action: ["s3:PutObject"],
            Resource: [`${bucket}/AWSLogs/${scope.managementAccountId}/*`, `${bucket}/AWSLogs/${scope.organizationId}/*`],
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": scope.trailArn } },
        },
    ]);
}
