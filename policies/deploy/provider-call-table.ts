import type { ResourceTypeCalls } from "./provider-call-kit";
import { ACM_CALLS } from "./provider-calls/acm";
import { APIGATEWAY_CALLS } from "./provider-calls/apigateway";
import { CLOUDTRAIL_CALLS } from "./provider-calls/cloudtrail";
import { CLOUDWATCH_CALLS } from "./provider-calls/cloudwatch";
import { DYNAMODB_CALLS } from "./provider-calls/dynamodb";
import { EVENTS_CALLS } from "./provider-calls/events";
import { IAM_CALLS } from "./provider-calls/iam";
import { KMS_CALLS } from "./provider-calls/kms";
import { LAMBDA_CALLS } from "./provider-calls/lambda";
import { LOGS_CALLS } from "./provider-calls/logs";
import { ORGANIZATIONS_CALLS } from "./provider-calls/organizations";
import { ROUTE53_CALLS } from "./provider-calls/route53";
import { S3_CALLS } from "./provider-calls/s3";
import { SNS_CALLS } from "./provider-calls/sns";
import { SQS_CALLS } from "./provider-calls/sqs";
import { SSM_CALLS } from "./provider-calls/ssm";
import { WAFV2_CALLS } from "./provider-calls/wafv2";

/** The provider-call table: every resource type the stack programs create, one file per AWS service. */
export const PROVIDER_CALLS: readonly ResourceTypeCalls[] = [
    ...ACM_CALLS,
    ...APIGATEWAY_CALLS,
    ...CLOUDTRAIL_CALLS,
    ...CLOUDWATCH_CALLS,
    ...DYNAMODB_CALLS,
    ...EVENTS_CALLS,
    ...IAM_CALLS,
    ...KMS_CALLS,
    ...LAMBDA_CALLS,
    ...LOGS_CALLS,
    ...ORGANIZATIONS_CALLS,
    ...ROUTE53_CALLS,
    ...S3_CALLS,
    ...SNS_CALLS,
    ...SQS_CALLS,
    ...SSM_CALLS,
    ...WAFV2_CALLS,
];

const byType = new Map(PROVIDER_CALLS.map((entry) => [entry.type, entry]));

export function providerCallsOf(type: string): ResourceTypeCalls | undefined {
    return byType.get(type);
}

/**
 * Planned resources that make no AWS call of their own: the stack, provider instances (whose only
 * call, sts:GetCallerIdentity, "requires no permissions":
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html) and in-process
 * component resources, whose children are planned resources of their own. A remote (multi-language)
 * component's children are not planned, so its calls stay unchecked.
 */
export function makesNoCalls(resource: { type: string; custom: boolean; remote?: boolean }): boolean {
    return resource.type === "pulumi:pulumi:Stack" || resource.type.startsWith("pulumi:providers:") || (!resource.custom && !resource.remote);
}
