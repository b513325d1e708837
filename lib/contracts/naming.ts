/**
 * Deterministic names shared by the components, the stack programs, the stack configs and the
 * policy pack. Cross-stack values are computed from these rather than looked up, so a stack can
 * name another stack's resources without a StackReference.
 */

/** The Pulumi project every stack belongs to (Pulumi.yaml `name`); it is part of every state key. */
export const PULUMI_PROJECT = "meridian";

/** The IAM prefix a subsystem (or a non-subsystem account) owns; roles and policies outside it are off limits. */
export function iamPrefix(owner: string): string {
    return owner;
}

export function boundaryPolicyName(owner: string): string {
    return `${iamPrefix(owner)}-boundary`;
}

export function deploymentRoleName(owner: string): string {
    return `${iamPrefix(owner)}-deployment`;
}

/**
 * The role in the management account that a platform engineer assumes to bootstrap and to run
 * `meridian up` from a workstation. It is created by hand (docs/guides/bootstrap-a-new-organisation.md);
 * every deployment role trusts it by ARN, so wave 2 runs from a workstation as it runs in CI.
 */
export const BOOTSTRAP_ROLE_NAME = "meridian-bootstrap";

export function pipelineRoleName(owner: string): string {
    return `${iamPrefix(owner)}-pipeline`;
}

/** A customer managed policy's ARN from its name: known before the policy exists, so documents naming it are known at the first preview. */
export function policyArn(accountId: string, policyName: string, partition = "aws"): string {
    return `arn:${partition}:iam::${accountId}:policy/${policyName}`;
}

export function boundaryPolicyArn(accountId: string, owner: string, partition = "aws"): string {
    return policyArn(accountId, boundaryPolicyName(owner), partition);
}

export function roleArn(accountId: string, roleName: string, partition = "aws"): string {
    return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** The hosted zone of one subsystem environment, delegated from the parent zone. */
export function environmentZoneName(subsystemDnsName: string, environment: string): string {
    return `${environment}.${subsystemDnsName}`;
}

/** The latency-routed name clients resolve; each region publishes one alias record under it. */
export function latencyRecordName(zoneName: string): string {
    return `api.${zoneName}`;
}

/** A region's own name under the latency-routed name, always answered with that region: `<region>.api.<zone>`. */
export function regionalRecordName(recordName: string, region: string): string {
    return `${region}.${recordName}`;
}

/** The REST API the public custom domain serves in each region (the health API is never served there). */
export function publicApiName(subsystem: string): string {
    return `${subsystem}-public`;
}

export function busName(subsystem: string): string {
    return `${subsystem}-bus`;
}

/** The bus's dead-letter queue: events the bus or its rules could not deliver. */
export function deadLetterQueueName(subsystem: string): string {
    return `${busName(subsystem)}-dlq`;
}

/** The alarm on the dead-letter queue's depth. */
export function deadLetterDepthAlarmName(subsystem: string): string {
    return `${deadLetterQueueName(subsystem)}-depth`;
}

export function busArn(accountId: string, region: string, subsystem: string, partition = "aws"): string {
    return `arn:${partition}:events:${region}:${accountId}:event-bus/${busName(subsystem)}`;
}

/** SSM parameter the tracer reads; "true" forces the region unhealthy (the rehearsal lever). */
export function forceUnhealthyParameterName(subsystem: string): string {
    return `/${subsystem}/health/force-unhealthy`;
}

/** Logical names of the Organization component's children. `meridian accounts import` writes the same ones. */
export const ORGANIZATION_COMPONENT_NAME = "organization";
export const ORGANIZATION_COMPONENT_TYPE = "meridian:accounts:Organization";

function slug(value: string): string {
    return value
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");
}

/** `Workloads/Prod` → `ou-workloads-prod`. */
export function ouResourceName(ouPath: string): string {
    return `ou-${slug(ouPath)}`;
}

export function accountResourceName(accountName: string): string {
    return `account-${accountName}`;
}

export function scpResourceName(scpName: string): string {
    return `scp-${slug(scpName)}`;
}

/** `target` is "Root", an OU path or an account name, exactly as written in the catalog. */
export function scpAttachmentResourceName(scpName: string, target: string): string {
    return `${scpResourceName(scpName)}--${slug(target)}`;
}

/** Resource control policies and their attachments, named like SCPs under their own prefix. */
export function rcpResourceName(rcpName: string): string {
    return `rcp-${slug(rcpName)}`;
}

export function rcpAttachmentResourceName(rcpName: string, target: string): string {
    return `${rcpResourceName(rcpName)}--${slug(target)}`;
}

/** The ceiling on the deployment role; matches the policy pack's default `*boundary*` pattern. */
export function deploymentBoundaryPolicyName(owner: string): string {
    return `${iamPrefix(owner)}-deployment-boundary`;
}

/** Role the bus's replication rules use in one region; IAM names are account-wide, so the region is in the name. */
export function replicationRoleName(owner: string, region: string): string {
    return `${iamPrefix(owner)}-replication-${region}`;
}

export function endpointRoleName(owner: string, region: string): string {
    return `${iamPrefix(owner)}-endpoint-${region}`;
}

export function healthRoleName(owner: string, region: string): string {
    return `${iamPrefix(owner)}-health-${region}`;
}

export function workloadRoleName(owner: string, region: string): string {
    return `${iamPrefix(owner)}-workload-${region}`;
}

/** The EventBridge global endpoint a region's publishers use; one per region, so the name repeats across regions. */
export function globalEndpointName(subsystem: string): string {
    return `${subsystem}-endpoint`;
}

export function healthFunctionName(subsystem: string): string {
    return `${subsystem}-health-check`;
}

export function traceTableName(subsystem: string): string {
    return `${subsystem}-health-traces`;
}

/** CloudWatch alarms of the health-check service; `kind` is one of the alarm kinds the component creates. */
export function healthAlarmName(subsystem: string, kind: string): string {
    return `${subsystem}-health-${kind}`;
}

/**
 * A region's health dashboard. CloudWatch dashboards are global to the account (their ARN has no
 * region: the service authorization reference's `dashboard` resource type), so the region is in the name.
 */
export function healthDashboardName(owner: string, region: string): string {
    return `${iamPrefix(owner)}-health-${region}`;
}

/**
 * The GitHub environment whose jobs act in one member account. One environment per account, so a
 * CI job's OIDC `sub` (`repo:<org/repo>:environment:<name>`) is trusted in exactly one account.
 */
export function githubEnvironmentName(account: string): string {
    return account;
}

/** The GitHub environment of the jobs that act with management-account credentials (waves 0 and 1). */
export const MANAGEMENT_GITHUB_ENVIRONMENT = "management";

/** The read-only role that pull-request previews assume in an account: it reads state and describes, and changes nothing. */
export function previewRoleName(owner: string): string {
    return `${iamPrefix(owner)}-preview`;
}

/** The ceiling on an owner's pipeline role: assuming the deployment role, and its account's stacks' state. */
export function pipelineBoundaryPolicyName(owner: string): string {
    return `${iamPrefix(owner)}-pipeline-boundary`;
}

/** The ceiling on an owner's read-only preview role: exactly the reads it is granted, nothing more. */
export function previewBoundaryPolicyName(owner: string): string {
    return `${iamPrefix(owner)}-preview-boundary`;
}

/** The IAM prefix owner of an account: its subsystem, or the account name for accounts without one. */
export function accountOwner(account: { name: string; subsystem?: string }): string {
    return account.subsystem ?? account.name;
}

/**
 * Tag on every pipeline role whose value is the start of the names of the stacks in its account
 * (`<account>.`): the state bucket's and state key's policies confine each pipeline to the state of
 * its own account through `${aws:PrincipalTag/meridian:state-prefix}`. Only the bootstrap role may
 * tag a pipeline role (the protect-platform SCP and the deployment role's own denies).
 */
export const STATE_PREFIX_TAG = "meridian:state-prefix";

/** Account names carry no dots, so `<account>.` starts that account's stack names and no other's. */
export function stateStackPrefix(account: string): string {
    return `${account}.`;
}

/**
 * The KMS encryption-context key under which each stack seals its Pulumi data key (the secrets
 * provider URL's `context_<key>=<stack>`): policies grant kms:Encrypt/Decrypt per stack with it.
 */
export const STACK_ENCRYPTION_CONTEXT_KEY = "meridian-stack";
/** The organisation's one CloudTrail trail, owned by the management account. */
export const ORGANIZATION_TRAIL_NAME = "meridian-organization-trail";

/** The trail's bucket in the log-archive account; the organisation id makes the global bucket name unique. */
export function organizationTrailBucketName(organizationId: string): string {
    return `meridian-cloudtrail-${organizationId}`;
}

/**
 * The failover rehearsal's lock: an SSM parameter in the home region that a rehearsal creates
 * without overwrite, so only one rehearsal of a subsystem environment can hold it.
 */
export function rehearsalLockParameterName(subsystem: string, environment: string): string {
    return `/${subsystem}/rehearsal/${environment}/lock`;
}

/** The one-time EventBridge Scheduler schedule that puts a rehearsal's lever back if the operator's run cannot. */
export function rehearsalRevertScheduleName(subsystem: string, environment: string): string {
    return `${subsystem}-${environment}-rehearsal-revert`;
}

/** The role that schedule's universal target runs as, one per region like the other service roles. */
export function rehearsalRevertRoleName(owner: string, region: string): string {
    return `${iamPrefix(owner)}-rehearsal-revert-${region}`;
}
