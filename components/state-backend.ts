import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyJson } from "./policy-documents/policy-document";
import { type StatePolicyScope, type StateStore, stateBucketPolicyDocument, stateKeyPolicyDocument } from "./policy-documents/state";

/** Bucket policies may be 20 KB (S3 User Guide, "Bucket policies"); key policies 32 KB (AWS KMS quotas). */
const BUCKET_POLICY_MAX_CHARS = 20 * 1024;
const KEY_POLICY_MAX_CHARS = 32 * 1024;

export interface StateBackendArgs {
    /** The bucket and key, created once by the bootstrap in the management account. */
    state: StateStore;
    organizationId: pulumi.Input<string>;
    managementAccountId: string;
    /** Stacks every pipeline reads beyond its own account's (see stacks/ci-identity.ts). */
    sharedReads: string[];
    /** Stacks only the management account may write. */
    managementStacks: string[];
}

/**
 * The Pulumi state bucket's and state key's guard rails, owned by the organization stack: the one
 * stack only the management pipeline writes, in the account that holds both. The bucket and key
 * themselves predate every stack (state must live somewhere before the first `pulumi up`): the
 * bootstrap creates them, and this component takes over their policies, versioning (every
 * overwritten checkpoint stays recoverable) and public access block. Protected: removing any of
 * them would open the state, so it takes an explicit unprotect.
 */
export class StateBackend extends pulumi.ComponentResource {
    constructor(name: string, args: StateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:state:StateBackend", name, {}, opts);
        const guarded = { parent: this, protect: true };
        const scope = pulumi.output(args.organizationId).apply((organizationId): StatePolicyScope => ({
            ...args.state,
            organizationId,
            managementAccountId: args.managementAccountId,
            sharedReads: args.sharedReads,
            managementStacks: args.managementStacks,
        }));
        const bucket = args.state.bucketName;
        new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access-block`,
            { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            guarded,
        );
        new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, guarded);
        new aws.s3.BucketPolicy(
            `${name}-bucket-policy`,
            { bucket, policy: scope.apply((s) => policyJson(stateBucketPolicyDocument(s), BUCKET_POLICY_MAX_CHARS, `${bucket} bucket policy`)) },
            guarded,
        );
        new aws.kms.KeyPolicy(
            `${name}-key-policy`,
            { keyId: args.state.keyArn, policy: scope.apply((s) => policyJson(stateKeyPolicyDocument(s), KEY_POLICY_MAX_CHARS, "state key policy")) },
            guarded,
        );
        this.registerOutputs({});
    }
}
