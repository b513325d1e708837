/**
 * Each way an AWS service assumes a Meridian role, and whether AWS documents that the service sends
 * `aws:SourceAccount`/`aws:SourceArn` when it does. One row per way, each with where that was looked
 * up. serviceTrustDocument (trust.ts) pins `aws:SourceAccount` with `StringEquals` where the keys are
 * documented, and with `StringEqualsIfExists` where they are not: a role then works whether or not
 * the service sends the key, and still refuses a request made for another account when it does.
 *
 * IfExists stays safe: a service uses a role only after someone passed it the role (`iam:PassRole`,
 * e.g. as the endpoint's or target's `RoleArn`), and PassRole works only within the role's own
 * account, so no other account can point its endpoint, rule, schedule or function at this role.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */

export type SourceKeyEvidence = "documented" | "unknown";

export interface ServiceAssumption {
    /** The service principal that calls sts:AssumeRole. */
    service: string;
    /** What the service does as the role. */
    purpose: string;
    /** Whether AWS documents that the service sends aws:SourceAccount/aws:SourceArn for this use. */
    sourceKeys: SourceKeyEvidence;
    /** Where that was looked up: the AWS page, or repository + path of provider code. */
    source: string;
    /** What the source says, or leaves unsaid. */
    note: string;
}

export const SERVICE_ASSUMPTIONS = {
    functionExecution: {
        service: "lambda.amazonaws.com",
        purpose: "runs a function (the health-check tracer, the subsystem's workload functions) as its execution role",
        sourceKeys: "unknown",
        source: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
        note:
            "The execution-role page asks only for the service principal in the trust policy; Lambda documents aws:SourceArn only for policies whose resource is the function (who may invoke it), not for assuming its execution role " +
            "(https://docs.aws.amazon.com/lambda/latest/dg/permissions-source-function-arn.html).",
    },
    busRuleTarget: {
        service: "events.amazonaws.com",
        purpose: "delivers a bus rule's events to its target (the peer region's bus) as the target's role",
        sourceKeys: "documented",
        source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html",
        note: "For event bus rule targets aws:SourceArn is the rule's ARN, with aws:SourceAccount its account.",
    },
    endpointReplication: {
        service: "events.amazonaws.com",
        purpose: "creates a global endpoint's managed replication rules and replicates its events between the endpoint's two buses",
        sourceKeys: "unknown",
        source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html",
        note:
            "Neither the global endpoints guide nor the confused-deputy page (which covers rule targets only) says which keys replication sends. " +
            "hashicorp/terraform-provider-aws internal/service/events/testdata/Endpoint/basic/main.tf trusts events.amazonaws.com with no condition, " +
            'and internal/service/events/endpoint.go retries CreateEndpoint on ValidationException "cannot be assumed by principal": EventBridge checks the role when the endpoint is created.',
    },
    scheduleExecution: {
        service: "scheduler.amazonaws.com",
        purpose: "runs a schedule's target (a failover rehearsal's revert) as the schedule's execution role",
        sourceKeys: "documented",
        source: "https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html",
        note: "aws:SourceAccount is the schedule's account and aws:SourceArn its schedule group, in the execution role's trust policy.",
    },
} as const satisfies Record<string, ServiceAssumption>;
