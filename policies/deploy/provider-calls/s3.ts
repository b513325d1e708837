import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const ACCOUNT_BLOCK = tfProvider("internal/service/s3control/account_public_access_block.go");
/** "DeletePublicAccessBlock: to use this operation, you must have the s3:PutAccountPublicAccessBlock permission." */
const DELETE_BLOCK = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_DeletePublicAccessBlock.html";
const BUCKET = tfProvider("internal/service/s3/bucket.go");
const BUCKET_SCHEMA = cfnSchema("aws-s3-bucket.json");
const BUCKET_POLICY = tfProvider("internal/service/s3/bucket_policy.go");
const PUBLIC_ACCESS_BLOCK = tfProvider("internal/service/s3/bucket_public_access_block.go");
/** "To use this operation, you must have the s3:PutBucketPublicAccessBlock permission." */
const DELETE_PUBLIC_ACCESS_BLOCK = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeletePublicAccessBlock.html";
const ENCRYPTION = tfProvider("internal/service/s3/bucket_server_side_encryption_configuration.go");
/** "To use this operation, you must have permission to perform the s3:PutEncryptionConfiguration action." */
const DELETE_ENCRYPTION = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketEncryption.html";
/** Deleting the resource suspends versioning, which a bucket cannot leave once enabled. */
const VERSIONING = tfProvider("internal/service/s3/bucket_versioning.go");

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
        type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        arnVariables: { BucketName: "inputs.bucket" },
        sources: [PUBLIC_ACCESS_BLOCK],
        calls: [
            { action: "s3:PutBucketPublicAccessBlock", phases: ["create", "update"], source: PUBLIC_ACCESS_BLOCK },
            { action: "s3:GetBucketPublicAccessBlock", phases: ["read"], source: PUBLIC_ACCESS_BLOCK },
            { action: "s3:PutBucketPublicAccessBlock", phases: ["delete"], source: DELETE_PUBLIC_ACCESS_BLOCK },
        ],
    },
    {
        type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        arnVariables: { BucketName: "inputs.bucket" },
        sources: [ENCRYPTION],
        calls: [
            { action: "s3:PutEncryptionConfiguration", phases: ["create", "update"], source: ENCRYPTION },
            { action: "s3:GetEncryptionConfiguration", phases: ["read"], source: ENCRYPTION },
            { action: "s3:PutEncryptionConfiguration", phases: ["delete"], source: DELETE_ENCRYPTION },
        ],
    },
    {
        type: "aws:s3/bucketVersioning:BucketVersioning",
        arnVariables: { BucketName: "inputs.bucket" },
        sources: [VERSIONING],
        calls: [
            { action: "s3:PutBucketVersioning", phases: ["create", "update", "delete"], source: VERSIONING },
            { action: "s3:GetBucketVersioning", phases: ["read"], source: VERSIONING },
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
