/**
 * Multi-language components register their children in their own plugin, so the offline plan sees
 * one opaque resource. Their children are known from the component's source: each is checked as
 * if planned, named after the component (Pulumi auto-names them: the random suffix is `*`), with
 * the inputs the component gives it.
 */
export interface RemoteChild {
    type: string;
    /** Fixed inputs the component passes. */
    inputs: Readonly<Record<string, unknown>>;
    /** Component inputs the child receives unchanged. */
    fromComponent?: readonly string[];
    /** Inputs that name a sibling the component auto-names (the trail's bucket): they hold that name. */
    siblingName?: readonly string[];
}

export interface RemoteComponent {
    type: string;
    children: readonly RemoteChild[];
    source: string;
}

export const REMOTE_COMPONENTS: readonly RemoteComponent[] = [
    {
        // With no `s3Bucket` and no `cloudWatchLogsGroup`, the trail gets a bucket (forceDestroy), its
        // CloudTrail bucket policy, and the trail; no log group and no role.
        type: "awsx:cloudtrail:Trail",
        source: "pulumi/pulumi-awsx awsx/cloudtrail/trail.ts",
        children: [
            { type: "aws:s3/bucket:Bucket", inputs: { forceDestroy: true } },
            { type: "aws:s3/bucketPolicy:BucketPolicy", inputs: {}, siblingName: ["bucket"] },
            {
                type: "aws:cloudtrail/trail:Trail",
                inputs: {},
                siblingName: ["s3BucketName"],
                fromComponent: ["isMultiRegionTrail", "includeGlobalServiceEvents", "enableLogFileValidation", "enableLogging", "eventSelectors", "tags"],
            },
        ],
    },
];
