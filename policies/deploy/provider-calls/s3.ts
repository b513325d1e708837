import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const ACCOUNT_BLOCK = tfProvider("internal/service/s3control/account_public_access_block.go");
/** "DeletePublicAccessBlock: to use this operation, you must have the s3:PutAccountPublicAccessBlock permission." */
const DELETE_BLOCK = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_DeletePublicAccessBlock.html";
const BUCKET = tfProvider("internal/service/s3/bucket.go");
const BUCKET_SCHEMA = cfnSchema("aws-s3-bucket.json");
const BUCKET_POLICY = tfProvider("internal/service/s3/bucket_policy.go");

/** The bucket's read fetches each sub-configuration it reports (`findBucket...` in bucket.go). */
const BUCKET_READS = [
    "s3:GetBucketAcl",
    "s3:GetBucketCORS",
    "s3:GetBucketWebsite",
    "s3:GetBucketVersioning",
    "s3:GetAccelerateConfiguration",
    "s3:GetBucketRequestPayment",
    "s3:GetBucketLogging",
    "s3:GetLifecycleConfiguration",
    "s3:GetReplicationConfiguration",
    "s3:GetEncryptionConfiguration",
    "s3:GetBucketObjectLockConfiguration",
    "s3:GetBucketTagging",
    "s3:GetBucketPolicy",
];

export const S3_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
        arnVariables: {},
        sources: [ACCOUNT_BLOCK],
        calls: [
            { action: "s3:PutAccountPublicAccessBlock", phases: ["create", "update"], source: ACCOUNT_BLOCK },
            { action: "s3:GetAccountPublicAccessBlock", phases: ["read"], source: ACCOUNT_BLOCK },
            { action: "s3:PutAccountPublicAccessBlock", phases: ["delete"], source: DELETE_BLOCK },
        ],
    },
    {
        type: "aws:s3/bucket:Bucket",
        arnVariables: { BucketName: "outputs.name", ObjectName: "*" },
        tags: "inputs.tags",
        sources: [BUCKET, BUCKET_SCHEMA],
        calls: [
            { action: "s3:CreateBucket", phases: ["create"], creates: true, sendsTags: true, source: BUCKET },
            { action: "s3:PutBucketTagging", phases: ["create", "update"], sendsTags: true, source: BUCKET },
            // Waits for the new bucket with HeadBucket, which S3 authorises as ListBucket.
            { action: "s3:ListBucket", phases: ["create", "read"], resourceTypes: ["bucket"], source: BUCKET },
            ...BUCKET_READS.map((action) => ({ action, phases: ["read" as const], resourceTypes: ["bucket"], source: BUCKET })),
            // forceDestroy empties the bucket, every object version included, before deleting it.
            { action: "s3:ListBucketVersions", phases: ["delete"], when: { input: "forceDestroy", equals: true }, resourceTypes: ["bucket"], source: BUCKET },
            { action: "s3:DeleteObjectVersion", phases: ["delete"], when: { input: "forceDestroy", equals: true }, resourceTypes: ["object"], source: BUCKET },
            { action: "s3:DeleteBucket", phases: ["delete"], source: BUCKET },
        ],
    },
    {
        type: "aws:s3/bucketPolicy:BucketPolicy",
        arnVariables: { BucketName: "inputs.bucket" },
        sources: [BUCKET_POLICY, cfnSchema("aws-s3-bucketpolicy.json")],
        calls: [
            { action: "s3:PutBucketPolicy", phases: ["create", "update"], source: BUCKET_POLICY },
            { action: "s3:GetBucketPolicy", phases: ["read"], resourceTypes: ["bucket"], source: BUCKET_POLICY },
            { action: "s3:DeleteBucketPolicy", phases: ["delete"], source: BUCKET_POLICY },
        ],
    },
];
