import { STACK_ENCRYPTION_CONTEXT_KEY, STATE_PREFIX_TAG, pipelineRoleName, stateStackPrefix } from "../../lib/contracts/naming";
import {
    STATE_METADATA_KEY,
    checkpointKeyPattern,
    checkpointListPrefix,
    stackStateKeyPatterns,
    stackStateListPrefixes,
} from "../../lib/contracts/state-layout";
import { KEY_ADMINISTRATION_ACTIONS } from "./key-administration";
import { type AllowStatement, type ConditionBlock, type PrincipalStatement, type ResourcePolicyDocument, resourcePolicyDocument } from "./policy-document";

/**
 * Who may touch which stacks' state in the Pulumi state bucket, and with the state key. Each
 * pipeline writes only the stacks it deploys and reads only those and the stacks they reference;
 * its identity policy names them exactly. The bucket's and key's own policies hold the same line
 * account by account, through the `meridian:state-prefix` tag the bootstrap puts on every pipeline
 * role, so a mistake in one layer does not open another account's state.
 */

/** The state bucket and key, and the Pulumi project whose stacks they hold. */
export interface StateStore {
    bucketName: string;
    keyArn: string;
    project: string;
    partition: string;
}

/** One pipeline's share of the state. */
export interface StateAccess extends StateStore {
    /** The pipeline's account; its ceiling is the account's stacks (`<account>.*`). */
    account: string;
    /** Stacks whose state it writes: checkpoints, history, backups and locks. */
    writes: string[];
    /** Further stacks whose checkpoint it only reads: the stacks its own stacks reference. */
    reads: string[];
}

/** Object actions a pipeline needs on its own stacks: the backend reads, writes, copies (Get + Put) and deletes (locks), and aborts failed uploads. */
const STATE_WRITE_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"];

function bucketArn(store: StateStore): string {
    return `arn:${store.partition}:s3:::${store.bucketName}`;
}

function objectArns(store: StateStore, keys: readonly string[]): string[] {
    return keys.map((key) => `${bucketArn(store)}/${key}`);
}

function stackContext(stacks: readonly string[]): Record<string, string[]> {
    return { [`kms:EncryptionContext:${STACK_ENCRYPTION_CONTEXT_KEY}`]: [...stacks] };
}

/**
 * A pipeline's exact grants. Stack secrets are sealed under the state key with the stack's name as
 * encryption context (the secrets provider URL's `context_meridian-stack`), so the pipeline can
 * open only its own stacks' data keys, and those of the stacks it references, although every
 * stack's encrypted key is committed in its stack file.
 */
export function pipelineStateStatements(access: StateAccess): AllowStatement[] {
    const statements: AllowStatement[] = [];
    if (access.writes.length > 0) {
        statements.push({
            Sid: "StateOfOwnStacks",
            Effect: "Allow",
            Action: [...STATE_WRITE_ACTIONS],
            Resource: objectArns(
                access,
                access.writes.flatMap((stack) => stackStateKeyPatterns(access.project, stack)),
            ),
        });
    }
    statements.push(
        {
            Sid: "ReadReferencedStacks",
            Effect: "Allow",
            Action: ["s3:GetObject"],
            Resource: objectArns(access, [STATE_METADATA_KEY, ...access.reads.map((stack) => checkpointKeyPattern(access.project, stack))]),
        },
        {
            Sid: "ListOwnAndReferencedStacks",
            Effect: "Allow",
            Action: ["s3:ListBucket"],
            Resource: [bucketArn(access)],
            Condition: {
                StringLike: {
                    "s3:prefix": [
                        ...access.writes.flatMap((stack) => stackStateListPrefixes(access.project, stack)),
                        ...access.reads.map((stack) => checkpointListPrefix(access.project, stack)),
                    ],
                },
            },
        },
    );
    if (access.writes.length > 0) {
        statements.push({
            Sid: "SealOwnStackSecrets",
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:Decrypt"],
            Resource: [access.keyArn],
            Condition: { StringEquals: stackContext(access.writes) },
        });
    }
    if (access.reads.length > 0) {
        statements.push({
            Sid: "OpenReferencedStackSecrets",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: [access.keyArn],
            Condition: { StringEquals: stackContext(access.reads) },
        });
    }
    return statements;
}

/**
 * The state part of the platform roles' ceiling: the pipeline's account's stacks and the stacks
 * they reference, by pattern, so the ceiling stays one size however many regions the account runs.
 */
export function stateCeilingStatements(access: StateAccess): AllowStatement[] {
    const own = `${stateStackPrefix(access.account)}*`;
    const readable = [own, ...access.reads];
    return [
        {
            Sid: "CeilingStateOfOwnAccount",
            Effect: "Allow",
            Action: [...STATE_WRITE_ACTIONS],
            Resource: objectArns(access, stackStateKeyPatterns(access.project, own)),
        },
        {
            Sid: "CeilingReadReferencedStacks",
            Effect: "Allow",
            Action: ["s3:GetObject"],
            Resource: objectArns(access, [STATE_METADATA_KEY, ...readable.map((stack) => checkpointKeyPattern(access.project, stack))]),
        },
        {
            Sid: "CeilingListState",
            Effect: "Allow",
            Action: ["s3:ListBucket"],
            Resource: [bucketArn(access)],
            Condition: { StringLike: { "s3:prefix": readable.flatMap((stack) => stackStateListPrefixes(access.project, stack)) } },
        },
        {
            Sid: "CeilingStackSecrets",
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:Decrypt"],
            Resource: [access.keyArn],
            Condition: { StringLike: stackContext(readable) },
        },
    ];
}

/**
 * The preview entry role's share: every stack's checkpoint read, never written. Pull-request
 * previews of any stack run through this one role. Two writes remain, because the backend makes
 * them for a preview: the lock object it takes and releases around the preview (pkg/backend/diy
 * backend.go, Preview locks the stack), and a data key sealed under the stack's context when the
 * checkout's stack file has no `encryptedkey` yet (a stack first created in CI).
 */
export function previewStateStatements(store: StateStore): AllowStatement[] {
    const everyStack = "*";
    const locks = stackStateKeyPatterns(store.project, everyStack).filter((key) => key.startsWith(".pulumi/locks/"));
    return [
        {
            Sid: "ReadEveryCheckpoint",
            Effect: "Allow",
            Action: ["s3:GetObject"],
            Resource: objectArns(store, [STATE_METADATA_KEY, checkpointKeyPattern(store.project, everyStack)]),
        },
        {
            Sid: "TakeAndReleasePreviewLocks",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
            Resource: objectArns(store, locks),
        },
        {
            Sid: "ListCheckpointsAndLocks",
            Effect: "Allow",
            Action: ["s3:ListBucket"],
            Resource: [bucketArn(store)],
            Condition: {
                StringLike: {
                    "s3:prefix": stackStateListPrefixes(store.project, everyStack).filter(
                        (prefix) => prefix.startsWith(".pulumi/stacks/") || prefix.startsWith(".pulumi/locks/"),
                    ),
                },
            },
        },
        {
            Sid: "OpenAndSealStackSecrets",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:Encrypt"],
            Resource: [store.keyArn],
            Condition: { StringLike: stackContext([everyStack]) },
        },
    ];
}

/** What the state bucket's and key's policies need to know about the fleet. */
export interface StatePolicyScope extends StateStore {
    organizationId: string;
    managementAccountId: string;
    /** Stacks that every pipeline reads beyond its own account's (the organization stack's exports). */
    sharedReads: string[];
    /** Stack-name patterns only the management account may write: the organization stack and every `<account>.global`. */
    managementStacks: string[];
}

const PIPELINE_TAG_VARIABLE = `\${aws:PrincipalTag/${STATE_PREFIX_TAG}}`;

/**
 * Any principal of the organisation that is a pipeline role (in member accounts only the bootstrap
 * role may create or tag one: the protect-platform SCP), plus the statement's own conditions.
 */
function pipelineCondition(scope: StatePolicyScope, own: ConditionBlock = {}): ConditionBlock {
    return {
        ...own,
        StringEquals: { "aws:PrincipalOrgID": scope.organizationId, ...own.StringEquals },
        ArnLike: { "aws:PrincipalArn": `arn:${scope.partition}:iam::*:role/${pipelineRoleName("*")}` },
    };
}

/**
 * The state bucket's policy. Pipelines are in other accounts, so this policy is what lets them in
 * at all, and it lets each in only to its own account's stacks: the object keys are written with
 * the pipeline's `meridian:state-prefix` tag, which the bootstrap set to `<account>.`. Writes to
 * the organization stack, every `.global` stack and the backend's metadata, and deleting object
 * versions (the record of a forged checkpoint), are denied to every principal outside the
 * management account; so is everything to principals outside the organisation or without TLS.
 * Sources: S3 User Guide, "Bucket policy examples" and "Policy variables"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html);
 * IAM User Guide, aws:PrincipalTag and aws:PrincipalOrgID
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
 */
export function stateBucketPolicyDocument(scope: StatePolicyScope): ResourcePolicyDocument {
    const bucket = bucketArn(scope);
    const ownKeys = stackStateKeyPatterns(scope.project, `${PIPELINE_TAG_VARIABLE}*`);
    const ownListing = stackStateListPrefixes(scope.project, `${PIPELINE_TAG_VARIABLE}*`);
    const shared = scope.sharedReads.map((stack) => checkpointKeyPattern(scope.project, stack));
    const statements: PrincipalStatement[] = [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:*"],
            Resource: [bucket, `${bucket}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "DenyPrincipalsOutsideOrganisation",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:*"],
            Resource: [bucket, `${bucket}/*`],
            Condition: { StringNotEquals: { "aws:PrincipalOrgID": scope.organizationId } },
        },
        {
            Sid: "DenyManagementStateWritesOutsideManagement",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"],
            Resource: objectArns(scope, [STATE_METADATA_KEY, ...scope.managementStacks.flatMap((stack) => stackStateKeyPatterns(scope.project, stack))]),
            Condition: { StringNotEquals: { "aws:PrincipalAccount": scope.managementAccountId } },
        },
        {
            Sid: "DenyVersionDeletionOutsideManagement",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:DeleteObjectVersion"],
            Resource: [`${bucket}/*`],
            Condition: { StringNotEquals: { "aws:PrincipalAccount": scope.managementAccountId } },
        },
        {
            Sid: "PipelinesUseOwnAccountState",
            Effect: "Allow",
            Principal: "*",
            Action: [...STATE_WRITE_ACTIONS],
            Resource: objectArns(scope, ownKeys),
            Condition: pipelineCondition(scope),
        },
        {
            Sid: "PipelinesReadSharedStacks",
            Effect: "Allow",
            Principal: "*",
            Action: ["s3:GetObject"],
            Resource: objectArns(scope, [STATE_METADATA_KEY, ...shared]),
            Condition: pipelineCondition(scope),
        },
        {
            Sid: "PipelinesListOwnAndSharedStacks",
            Effect: "Allow",
            Principal: "*",
            Action: ["s3:ListBucket"],
            Resource: [bucket],
            Condition: pipelineCondition(scope, {
                StringLike: { "s3:prefix": [...ownListing, ...scope.sharedReads.map((stack) => checkpointListPrefix(scope.project, stack))] },
            }),
        },
    ];
    return resourcePolicyDocument(statements);
}

/**
 * The state key's policy. The management account administers and uses it through IAM; each
 * pipeline may seal and open only the data keys of its own account's stacks (encryption context
 * `meridian-stack` starting with its `meridian:state-prefix` tag), and open those of the shared stacks.
 * Source: AWS KMS Developer Guide, "kms:EncryptionContext:context-key"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context).
 */
export function stateKeyPolicyDocument(scope: StatePolicyScope): ResourcePolicyDocument {
    const statements: PrincipalStatement[] = [
        {
            Sid: "ManagementAccountAdministersAndUsesKey",
            Effect: "Allow",
            Principal: { AWS: `arn:${scope.partition}:iam::${scope.managementAccountId}:root` },
            Action: [...KEY_ADMINISTRATION_ACTIONS, "kms:Encrypt", "kms:Decrypt"],
            Resource: ["*"],
        },
        {
            Sid: "PipelinesSealOwnAccountStacks",
            Effect: "Allow",
            Principal: "*",
            Action: ["kms:Encrypt", "kms:Decrypt"],
            Resource: ["*"],
            Condition: pipelineCondition(scope, { StringLike: stackContext([`${PIPELINE_TAG_VARIABLE}*`]) }),
        },
    ];
    if (scope.sharedReads.length > 0) {
        statements.push({
            Sid: "PipelinesOpenSharedStacks",
            Effect: "Allow",
            Principal: "*",
            Action: ["kms:Decrypt"],
            Resource: ["*"],
            Condition: pipelineCondition(scope, { StringEquals: stackContext(scope.sharedReads) }),
        });
    }
    return resourcePolicyDocument(statements);
}
