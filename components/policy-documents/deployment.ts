import { boundaryPolicyArn, deploymentRoleName, iamPrefix, pipelineRoleName, previewRoleName, roleArn } from "../../lib/contracts/naming";
import { expandActionPattern } from "../../policies/iam/action-catalog";
import { supportsPermissionsBoundaryCondition } from "../../policies/iam/permissions-boundary-actions";
import { type StateAccess, pipelineStateStatements, stateCeilingStatements } from "./state";
import { type AccountScope, type AllowStatement, type DenyStatement, type PolicyDocument, arn, iamArn, policyDocument } from "./policy-document";

export interface DeploymentScope extends AccountScope {
    owner: string;
}

/** Tag whose value names the owner of a KMS key; the deployment role reaches only keys tagged for it. */
export const OWNER_TAG = "meridian:owner";

/** AWS-managed policies that would turn any role into an administrator. */
export const ADMIN_POLICY_NAMES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"] as const;

/**
 * Services a deployed role may be handed to (`iam:PassedToService`): Lambda (the tracer's execution
 * role) and EventBridge (the replication rules' and the global endpoint's roles). No component hands
 * a role to API Gateway (no integration credentials, no account-level CloudWatch role), so it is not here.
 */
export const PASS_ROLE_SERVICES = ["lambda.amazonaws.com", "events.amazonaws.com"] as const;

/**
 * How long a CI job's credentials live: the pipeline roles' MaxSessionDuration, and the duration
 * the workflow asks GitHub OIDC for. The job's timeout sits below it, and the provider's longest
 * waits inside one stack sit below that (stacks/deploy/provider-waits.ts). The deployment role is
 * reached by role chaining, which STS caps at one hour whatever its MaxSessionDuration; the
 * provider's credential cache re-assumes it from the pipeline session when it expires
 * (hashicorp/aws-sdk-go-base credentials.go, assumeRoleCredentialsProvider), so only this session
 * bounds a run. Source: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (DurationSeconds).
 */
export const PIPELINE_SESSION_SECONDS = 7200;

/** STS's ceiling on a session reached by role chaining (same source); longer requests fail. */
export const CHAINED_SESSION_SECONDS = 3600;

/** Every IAM action that writes a role; denied outside the prefix and on the platform's own roles. */
export const ROLE_WRITE_ACTIONS = [
    "iam:CreateRole",
    "iam:DeleteRole",
    "iam:UpdateRole",
    "iam:UpdateRoleDescription",
    "iam:UpdateAssumeRolePolicy",
    "iam:PutRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PutRolePermissionsBoundary",
    "iam:DeleteRolePermissionsBoundary",
    "iam:TagRole",
    "iam:UntagRole",
    "iam:PassRole",
] as const;

/**
 * What the deployment role may do to `<prefix>-*` roles. Every action whose request carries
 * `iam:PermissionsBoundary` (policies/iam/permissions-boundary-actions.ts) is granted only when the
 * role carries the owner's boundary, so the role can neither create an unbounded role nor rewrite
 * the trust of, update or delete one somebody else made under its prefix.
 */
const PREFIXED_ROLE_ACTIONS = [
    // Removing a boundary is denied outright, and passing a role is granted on its own condition.
    ...ROLE_WRITE_ACTIONS.filter((action) => action !== "iam:DeleteRolePermissionsBoundary" && action !== "iam:PassRole"),
    "iam:GetRole",
    "iam:GetRolePolicy",
    "iam:ListRolePolicies",
    "iam:ListAttachedRolePolicies",
    "iam:ListRoleTags",
    "iam:ListInstanceProfilesForRole",
];

function platformRoleArns(scope: AccountScope & { owner: string }): string[] {
    return [deploymentRoleName, pipelineRoleName, previewRoleName].map((name) => roleArn(scope.accountId, name(scope.owner), scope.partition));
}

/**
 * The explicit denies shared by the deployment role's policy and the deployment boundary. Explicit
 * denies win over any allow, so even a mistaken grant elsewhere cannot remove a boundary, rewrite
 * one, attach an admin policy, mint long-lived credentials or reach outside the prefix.
 */
export function deploymentDenyStatements(scope: AccountScope & { owner: string }): DenyStatement[] {
    const prefix = iamPrefix(scope.owner);
    return [
        {
            Sid: "DenyBoundaryRemoval",
            Effect: "Deny",
            Action: ["iam:DeleteRolePermissionsBoundary"],
            Resource: ["*"],
        },
        {
            // `<prefix>-*boundary` is the workload boundary and every platform ceiling; creating one is denied too, so no look-alike can be made.
            Sid: "DenyBoundaryPolicyChanges",
            Effect: "Deny",
            Action: ["iam:CreatePolicy", "iam:DeletePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"],
            Resource: [iamArn(scope, `policy/${prefix}-*boundary`)],
        },
        {
            Sid: "DenyAdminPolicyAttachment",
            Effect: "Deny",
            Action: ["iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:PutRolePermissionsBoundary"],
            Resource: ["*"],
            Condition: {
                ArnEquals: { "iam:PolicyARN": ADMIN_POLICY_NAMES.map((name) => `arn:${scope.partition}:iam::aws:policy/${name}`) },
            },
        },
        {
            Sid: "DenyLongLivedCredentials",
            Effect: "Deny",
            Action: ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile"],
            Resource: ["*"],
        },
        {
            Sid: "DenyRoleWritesOutsidePrefix",
            Effect: "Deny",
            Action: [...ROLE_WRITE_ACTIONS],
            NotResource: [iamArn(scope, `role/${prefix}-*`)],
        },
        {
            // The platform roles match the prefix, so without this the deployment role could rewrite its own trust, the pipeline's or the preview role's.
            Sid: "DenyPlatformRoleChanges",
            Effect: "Deny",
            Action: [...ROLE_WRITE_ACTIONS],
            Resource: platformRoleArns(scope),
        },
    ];
}

/** What the deployment role needs to create, update and delete a subsystem's stacks. */
export function deploymentAllowStatements(scope: DeploymentScope): AllowStatement[] {
    const prefix = iamPrefix(scope.owner);
    const boundary = boundaryPolicyArn(scope.accountId, scope.owner, scope.partition);
    const prefixedRoles = iamArn(scope, `role/${prefix}-*`);
    const requireBoundary = { StringEquals: { "iam:PermissionsBoundary": boundary } };
    return [
        {
            Sid: "RoleActionsRequireBoundary",
            Effect: "Allow",
            Action: PREFIXED_ROLE_ACTIONS.filter(supportsPermissionsBoundaryCondition),
            Resource: [prefixedRoles],
            Condition: requireBoundary,
        },
        {
            // These actions carry no iam:PermissionsBoundary key; every one that does is granted above.
            Sid: "ManagePrefixedRoles",
            Effect: "Allow",
            Action: PREFIXED_ROLE_ACTIONS.filter((action) => !supportsPermissionsBoundaryCondition(action)),
            Resource: [prefixedRoles],
        },
        {
            Sid: "ManagePrefixedPolicies",
            Effect: "Allow",
            Action: [
                "iam:CreatePolicy",
                "iam:DeletePolicy",
                "iam:CreatePolicyVersion",
                "iam:DeletePolicyVersion",
                "iam:SetDefaultPolicyVersion",
                "iam:GetPolicy",
                "iam:GetPolicyVersion",
                "iam:ListPolicyVersions",
                "iam:TagPolicy",
                "iam:UntagPolicy",
            ],
            Resource: [iamArn(scope, `policy/${prefix}-*`)],
        },
        {
            Sid: "PassPrefixedRolesToServices",
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: [prefixedRoles],
            Condition: { StringEquals: { "iam:PassedToService": [...PASS_ROLE_SERVICES] } },
        },
        {
            Sid: "Functions",
            Effect: "Allow",
            Action: [
                "lambda:CreateFunction",
                "lambda:DeleteFunction",
                "lambda:GetFunction",
                "lambda:GetFunctionConfiguration",
                "lambda:GetFunctionCodeSigningConfig",
                "lambda:UpdateFunctionCode",
                "lambda:UpdateFunctionConfiguration",
                "lambda:PublishVersion",
                "lambda:ListVersionsByFunction",
                "lambda:AddPermission",
                "lambda:RemovePermission",
                "lambda:GetPolicy",
                "lambda:TagResource",
                "lambda:UntagResource",
                "lambda:ListTags",
            ],
            Resource: [arn(scope, "lambda", "*", `function:${prefix}-*`)],
        },
        {
            // API Gateway ids are generated, so the narrowest scope is the REST API and domain-name paths.
            Sid: "RegionalApis",
            Effect: "Allow",
            // UpdateRestApiPolicy: the health APIs' resource policies; SetWebACL: joining their stages to the web ACL.
            Action: [
                "apigateway:GET",
                "apigateway:POST",
                "apigateway:PUT",
                "apigateway:PATCH",
                "apigateway:DELETE",
                "apigateway:UpdateRestApiPolicy",
                "apigateway:SetWebACL",
            ],
            Resource: [
                `arn:${scope.partition}:apigateway:*::/restapis`,
                `arn:${scope.partition}:apigateway:*::/restapis/*`,
                `arn:${scope.partition}:apigateway:*::/domainnames`,
                `arn:${scope.partition}:apigateway:*::/domainnames/*`,
                `arn:${scope.partition}:apigateway:*::/tags/*`,
            ],
        },
        {
            // CreateArchive is authorised on the archive and on the bus it archives.
            Sid: "Buses",
            Effect: "Allow",
            Action: [
                "events:CreateEventBus",
                "events:DeleteEventBus",
                "events:DescribeEventBus",
                "events:UpdateEventBus",
                "events:CreateArchive",
                "events:TagResource",
                "events:UntagResource",
                "events:ListTagsForResource",
            ],
            Resource: [arn(scope, "events", "*", `event-bus/${prefix}-*`)],
        },
        {
            Sid: "Rules",
            Effect: "Allow",
            Action: [
                "events:PutRule",
                "events:DeleteRule",
                "events:DescribeRule",
                "events:EnableRule",
                "events:DisableRule",
                "events:PutTargets",
                "events:RemoveTargets",
                "events:ListTargetsByRule",
                "events:TagResource",
                "events:UntagResource",
                "events:ListTagsForResource",
            ],
            Resource: [arn(scope, "events", "*", `rule/${prefix}-*`)],
        },
        {
            Sid: "ArchivesAndEndpoints",
            Effect: "Allow",
            Action: [
                "events:CreateArchive",
                "events:DeleteArchive",
                "events:DescribeArchive",
                "events:UpdateArchive",
                "events:CreateEndpoint",
                "events:DeleteEndpoint",
                "events:DescribeEndpoint",
                "events:UpdateEndpoint",
            ],
            Resource: [arn(scope, "events", "*", `archive/${prefix}-*`), arn(scope, "events", "*", `endpoint/${prefix}-*`)],
        },
        {
            Sid: "Tables",
            Effect: "Allow",
            Action: [
                "dynamodb:CreateTable",
                "dynamodb:DeleteTable",
                "dynamodb:DescribeTable",
                "dynamodb:UpdateTable",
                "dynamodb:UpdateTimeToLive",
                "dynamodb:DescribeTimeToLive",
                "dynamodb:UpdateContinuousBackups",
                "dynamodb:DescribeContinuousBackups",
                "dynamodb:TagResource",
                "dynamodb:UntagResource",
                "dynamodb:ListTagsOfResource",
            ],
            Resource: [arn(scope, "dynamodb", "*", `table/${prefix}-*`)],
        },
        {
            // Zones and health checks carry generated ids; the account holds only this owner's zones.
            Sid: "DnsAndHealthChecks",
            Effect: "Allow",
            Action: [
                "route53:GetHostedZone",
                "route53:ListResourceRecordSets",
                "route53:ChangeResourceRecordSets",
                "route53:GetHealthCheck",
                "route53:UpdateHealthCheck",
                "route53:DeleteHealthCheck",
                "route53:ChangeTagsForResource",
                "route53:ListTagsForResource",
                "route53:GetChange",
            ],
            Resource: [
                `arn:${scope.partition}:route53:::hostedzone/*`,
                `arn:${scope.partition}:route53:::healthcheck/*`,
                `arn:${scope.partition}:route53:::change/*`,
            ],
        },
        {
            Sid: "Alarms",
            Effect: "Allow",
            Action: [
                "cloudwatch:PutMetricAlarm",
                "cloudwatch:DeleteAlarms",
                "cloudwatch:DescribeAlarms",
                "cloudwatch:TagResource",
                "cloudwatch:UntagResource",
                "cloudwatch:ListTagsForResource",
            ],
            Resource: [arn(scope, "cloudwatch", "*", `alarm:${prefix}-*`)],
        },
        {
            // Dashboards are global to the account: their ARN has no region.
            Sid: "Dashboards",
            Effect: "Allow",
            Action: ["cloudwatch:PutDashboard", "cloudwatch:GetDashboard", "cloudwatch:DeleteDashboards"],
            Resource: [arn(scope, "cloudwatch", "", `dashboard/${prefix}-*`)],
        },
        {
            // The web ACL in front of the health paths, its IP sets, and its association with API stages.
            Sid: "WebAcls",
            Effect: "Allow",
            Action: [
                "wafv2:CreateWebACL",
                "wafv2:DeleteWebACL",
                "wafv2:GetWebACL",
                "wafv2:UpdateWebACL",
                "wafv2:CreateIPSet",
                "wafv2:DeleteIPSet",
                "wafv2:GetIPSet",
                "wafv2:UpdateIPSet",
                "wafv2:AssociateWebACL",
                "wafv2:DisassociateWebACL",
                "wafv2:GetWebACLForResource",
                "wafv2:TagResource",
                "wafv2:UntagResource",
                "wafv2:ListTagsForResource",
            ],
            // Web ACLs and IP sets (`regional/<kind>/<name>/<id>`); associating one also names the API stage.
            Resource: [arn(scope, "wafv2", "*", `regional/*/${prefix}-*/*`), `arn:${scope.partition}:apigateway:*::/restapis/*`],
        },
        {
            Sid: "AlarmTopics",
            Effect: "Allow",
            Action: [
                "sns:CreateTopic",
                "sns:DeleteTopic",
                "sns:GetTopicAttributes",
                "sns:SetTopicAttributes",
                "sns:TagResource",
                "sns:UntagResource",
                "sns:ListTagsForResource",
            ],
            Resource: [arn(scope, "sns", "*", `${prefix}-*`)],
        },
        {
            Sid: "Parameters",
            Effect: "Allow",
            Action: [
                "ssm:PutParameter",
                "ssm:DeleteParameter",
                "ssm:GetParameter",
                "ssm:GetParameters",
                "ssm:AddTagsToResource",
                "ssm:RemoveTagsFromResource",
                "ssm:ListTagsForResource",
            ],
            Resource: [arn(scope, "ssm", "*", `parameter/${prefix}/*`)],
        },
        {
            Sid: "LogGroups",
            Effect: "Allow",
            Action: [
                "logs:CreateLogGroup",
                "logs:DeleteLogGroup",
                "logs:PutRetentionPolicy",
                "logs:DeleteRetentionPolicy",
                "logs:TagResource",
                "logs:UntagResource",
                "logs:ListTagsForResource",
            ],
            Resource: [arn(scope, "logs", "*", `log-group:/aws/lambda/${prefix}-*`)],
        },
        {
            Sid: "Certificates",
            Effect: "Allow",
            Action: [
                "acm:DescribeCertificate",
                "acm:DeleteCertificate",
                "acm:AddTagsToCertificate",
                "acm:RemoveTagsFromCertificate",
                "acm:ListTagsForCertificate",
            ],
            Resource: [arn(scope, "acm", "*", "certificate/*")],
        },
        {
            Sid: "Queues",
            Effect: "Allow",
            Action: [
                "sqs:CreateQueue",
                "sqs:DeleteQueue",
                "sqs:GetQueueAttributes",
                "sqs:SetQueueAttributes",
                "sqs:GetQueueUrl",
                "sqs:TagQueue",
                "sqs:UntagQueue",
                "sqs:ListQueueTags",
            ],
            Resource: [arn(scope, "sqs", "*", `${prefix}-*`)],
        },
        {
            // Keys have generated ids; only keys tagged for this owner are reachable.
            Sid: "OwnKeys",
            Effect: "Allow",
            Action: [
                "kms:DescribeKey",
                "kms:GetKeyPolicy",
                "kms:PutKeyPolicy",
                "kms:GetKeyRotationStatus",
                "kms:EnableKeyRotation",
                "kms:UpdateKeyDescription",
                "kms:ScheduleKeyDeletion",
                "kms:TagResource",
                "kms:UntagResource",
                "kms:ListResourceTags",
                "kms:CreateGrant",
            ],
            Resource: [arn(scope, "kms", "*", "key/*")],
            Condition: { StringEquals: { [`aws:ResourceTag/${OWNER_TAG}`]: prefix } },
        },
        {
            Sid: "OwnKeyAliases",
            Effect: "Allow",
            Action: ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
            Resource: [arn(scope, "kms", "*", `alias/${prefix}-*`), arn(scope, "kms", "*", "key/*")],
        },
        {
            // Tags given to CreateKey are authorised as kms:TagResource before the key exists: on no
            // particular key and with no resource tag to match ("Controlling access to tags", AWS KMS
            // developer guide). Both need the owner request tag; a key that already carries an owner
            // tag is tagged only through OwnKeys, so no other owner's key can be claimed.
            Sid: "CreateOwnedKeys",
            Effect: "Allow",
            Action: ["kms:CreateKey", "kms:TagResource"],
            Resource: ["*"],
            Condition: { StringEquals: { [`aws:RequestTag/${OWNER_TAG}`]: prefix }, Null: { [`aws:ResourceTag/${OWNER_TAG}`]: "true" } },
        },
        {
            // These actions accept no resource ARN; they create or list and are harmless without the scoped grants above.
            // The AWS provider reads a KMS alias back through ListAliases. An event bus's policy is written
            // with PutPermission and cleared with RemovePermission, which take no resource ARN either.
            Sid: "UnscopableActions",
            Effect: "Allow",
            Action: [
                "events:PutPermission",
                "events:RemovePermission",
                "route53:CreateHealthCheck",
                "acm:RequestCertificate",
                "logs:DescribeLogGroups",
                "ssm:DescribeParameters",
                "kms:ListAliases",
                "sts:GetCallerIdentity",
            ],
            Resource: ["*"],
        },
    ];
}

/**
 * The pipeline may assume the deployment role and use its own stacks' state; nothing else. The S3
 * backend reads and writes checkpoints and seals secrets with the CI job's own credentials (the
 * pipeline role), not the provider's assumed role, so the state grants are the pipeline's alone:
 * the deployment role has none.
 */
const ASSUME_DEPLOYMENT_ROLE = "AssumeDeploymentRole";

export function pipelineAllowStatements(scope: DeploymentScope, state: StateAccess): AllowStatement[] {
    return [
        {
            Sid: ASSUME_DEPLOYMENT_ROLE,
            Effect: "Allow",
            Action: ["sts:AssumeRole"],
            Resource: [roleArn(scope.accountId, deploymentRoleName(scope.owner), scope.partition)],
        },
        ...pipelineStateStatements(state),
    ];
}

export function deploymentRolePolicyDocument(scope: DeploymentScope): PolicyDocument {
    return policyDocument([...deploymentAllowStatements(scope), ...deploymentDenyStatements(scope)]);
}

export function pipelineRolePolicyDocument(scope: DeploymentScope, state: StateAccess): PolicyDocument {
    return policyDocument(pipelineAllowStatements(scope, state));
}

/** Services whose every action is harmless on the owner's own resources; the ceiling grants them whole. */
const CEILING_WIDENED_SERVICES = new Set(["lambda", "apigateway", "events", "dynamodb", "route53", "cloudwatch", "ssm", "logs", "acm", "sqs", "wafv2", "sns"]);

/**
 * The ceiling on the deployment role, which must fit IAM's 6,144-character managed-policy limit.
 * Grants on the owner's scoped resources for the services above are merged into one statement of
 * `<service>:*` on the union of those resources (an action only ever matches its own service's
 * ARNs, so the merge grants nothing across services). IAM, KMS and S3 grants, conditioned grants and
 * grants on `*` are kept exactly. The denies are the role's own, so a grant added to the role later
 * can neither exceed the ceiling nor escape the denies; a deny none of whose actions the ceiling
 * allows is left out, as the ceiling refuses those actions already, and kept as soon as a grant
 * brings one in.
 */
export function deploymentBoundaryDocument(scope: DeploymentScope): PolicyDocument {
    const allows = deploymentAllowStatements(scope);
    const widened = allows.filter(isWidenable);
    const merged: AllowStatement = {
        Sid: "ScopedServiceActions",
        Effect: "Allow",
        Action: unique(widened.flatMap((statement) => statement.Action.map((action) => `${serviceOf(action)}:*`))),
        Resource: unique(widened.flatMap((statement) => statement.Resource)),
    };
    const ceiling = [merged, ...allows.filter((statement) => !isWidenable(statement))];
    return policyDocument([...ceiling, ...deploymentDenyStatements(scope).filter((deny) => denies(deny, ceiling))]);
}

/** Does the deny name an action some grant of the ceiling allows? */
function denies(deny: DenyStatement, ceiling: readonly AllowStatement[]): boolean {
    const allowed = new Set(ceiling.flatMap((grant) => grant.Action.flatMap((action) => expandActionPattern(action).map((known) => known.key))));
    return deny.Action.some((action) => expandActionPattern(action).some((known) => allowed.has(known.key)));
}

/**
 * The ceiling on the pipeline role: assuming the deployment role, and the state of its account's
 * stacks and of the stacks they reference, by pattern, so it does not grow with the regions the
 * account runs. It grants nothing of IAM, so the deployment role's denies have nothing to hold here.
 */
export function pipelineBoundaryDocument(scope: DeploymentScope, state: StateAccess): PolicyDocument {
    return policyDocument([
        ...pipelineAllowStatements(scope, state).filter((statement) => statement.Sid === ASSUME_DEPLOYMENT_ROLE),
        ...stateCeilingStatements(state),
    ]);
}

function serviceOf(action: string): string {
    return action.split(":")[0];
}

function unique(values: string[]): string[] {
    return [...new Set(values)];
}

function isWidenable(statement: AllowStatement): boolean {
    return (
        statement.Condition === undefined &&
        !statement.Resource.includes("*") &&
        statement.Action.every((action) => CEILING_WIDENED_SERVICES.has(serviceOf(action)))
    );
}
