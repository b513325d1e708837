import { endpointRoleName, iamPrefix } from "../../lib/contracts/naming";
import { type AccountScope, type PolicyDocument, arn, iamArn, policyDocument } from "./policy-document";
import { rehearsalRevertBoundaryStatement } from "./rehearsal-revert";

export interface BoundaryScope extends AccountScope {
    /** The subsystem (or account) that owns the `<prefix>-*` names. */
    owner: string;
}

/** Namespace the health-check tracer and workloads publish custom metrics under. */
export function metricNamespace(owner: string): string {
    return `Meridian/${iamPrefix(owner)}`;
}

/** Services that may use the account's KMS keys on a workload's behalf (`kms:ViaService`). */
const KMS_VIA_SERVICES = ["events", "sqs", "dynamodb", "ssm", "lambda", "logs"];

/**
 * The permission boundary of a serverless subsystem: what its functions and service roles need at
 * run time and nothing more. Every resource ARN is scoped to the owner's `<prefix>-*` names in the
 * owner's account (any region, because the boundary is account-wide); actions that AWS only
 * authorises on `*` are listed on their own and conditioned where a condition key exists.
 * There is deliberately no IAM write (passing only the global-endpoint roles to EventBridge), no
 * `organizations:*` and no AssumeRole outside the prefix.
 */
export function permissionBoundaryDocument(scope: BoundaryScope): PolicyDocument {
    const prefix = iamPrefix(scope.owner);
    return policyDocument([
        {
            Sid: "OwnBuses",
            Effect: "Allow",
            Action: ["events:PutEvents", "events:DescribeEventBus"],
            Resource: [arn(scope, "events", "*", `event-bus/${prefix}-*`)],
        },
        {
            Sid: "OwnRules",
            Effect: "Allow",
            Action: [
                "events:DescribeRule",
                "events:PutRule",
                "events:DeleteRule",
                "events:EnableRule",
                "events:DisableRule",
                "events:PutTargets",
                "events:RemoveTargets",
                "events:ListTargetsByRule",
            ],
            Resource: [arn(scope, "events", "*", `rule/${prefix}-*`)],
        },
        {
            Sid: "OwnTables",
            Effect: "Allow",
            Action: [
                "dynamodb:GetItem",
                "dynamodb:BatchGetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:DeleteItem",
                "dynamodb:BatchWriteItem",
                "dynamodb:ConditionCheckItem",
                "dynamodb:Query",
                "dynamodb:Scan",
                "dynamodb:DescribeTable",
                "dynamodb:DescribeStream",
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator",
            ],
            // `table/<prefix>-*` also covers the tables' indexes and streams.
            Resource: [arn(scope, "dynamodb", "*", `table/${prefix}-*`)],
        },
        {
            Sid: "InvokeOwnFunctions",
            Effect: "Allow",
            Action: ["lambda:InvokeFunction"],
            Resource: [arn(scope, "lambda", "*", `function:${prefix}-*`)],
        },
        {
            Sid: "ReadOwnParameters",
            Effect: "Allow",
            Action: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
            Resource: [arn(scope, "ssm", "*", `parameter/${prefix}/*`)],
        },
        {
            Sid: "OwnLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: [arn(scope, "logs", "*", `log-group:/aws/lambda/${prefix}-*`), arn(scope, "logs", "*", `log-group:/aws/lambda/${prefix}-*:log-stream:*`)],
        },
        {
            Sid: "OwnQueues",
            Effect: "Allow",
            Action: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
            Resource: [arn(scope, "sqs", "*", `${prefix}-*`)],
        },
        {
            // EventBridge creates a global endpoint's replication rules as the endpoint's role, which
            // names itself as their targets' role; nothing else in the subsystem may pass a role.
            Sid: "PassEndpointRolesToEventBridge",
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: [iamArn(scope, `role/${endpointRoleName(scope.owner, "*")}`)],
            Condition: { StringEquals: { "iam:PassedToService": "events.amazonaws.com" } },
        },
        {
            Sid: "AssumeOwnRoles",
            Effect: "Allow",
            Action: ["sts:AssumeRole"],
            Resource: [iamArn(scope, `role/${prefix}-*`)],
        },
        {
            Sid: "UseKeysThroughServices",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
            Resource: [arn(scope, "kms", "*", "key/*")],
            Condition: {
                StringLike: { "kms:ViaService": KMS_VIA_SERVICES.map((service) => `${service}.*.amazonaws.com`) },
            },
        },
        {
            Sid: "Tracing",
            Effect: "Allow",
            Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
            Resource: ["*"],
        },
        {
            Sid: "OwnMetrics",
            Effect: "Allow",
            Action: ["cloudwatch:PutMetricData"],
            Resource: ["*"],
            Condition: { StringEquals: { "cloudwatch:namespace": metricNamespace(scope.owner) } },
        },
        rehearsalRevertBoundaryStatement(scope),
    ]);
}
