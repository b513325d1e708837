import { forceUnhealthyParameterName, rehearsalRevertRoleName } from "../../lib/contracts/naming";
import { type AccountScope, type AllowStatement, type PolicyDocument, arn, iamArn, policyDocument } from "./policy-document";

/**
 * The role EventBridge Scheduler assumes to put a failover rehearsal's lever back when the
 * operator's run could not (regions/failover/levers.ts builds the schedule). A universal target
 * calls its API as the schedule's execution role, which must be allowed that API
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html), and
 * is trusted by scheduler.amazonaws.com for this account only
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role).
 */

/** Every health check of the account: Route 53 health-check ARNs carry neither account nor name. */
function healthChecks(scope: AccountScope): string {
    return `arn:${scope.partition}:route53:::healthcheck/*`;
}

export interface RehearsalRevertScope extends AccountScope {
    owner: string;
    region: string;
}

/**
 * Exactly the two revert calls: un-invert a health check, and set this region's force-unhealthy switch.
 */
export function rehearsalRevertRolePolicyDocument(scope: RehearsalRevertScope): PolicyDocument {
    return policyDocument([
        { Sid: "UninvertHealthCheck", Effect: "Allow", Action: ["route53:UpdateHealthCheck"], Resource: [healthChecks(scope)] },
        {
            Sid: "ResetForceUnhealthySwitch",
            Effect: "Allow",
            Action: ["ssm:PutParameter"],
            Resource: [arn(scope, "ssm", scope.region, `parameter${forceUnhealthyParameterName(scope.owner)}`)],
        },
    ]);
}

/**
 * The boundary's room for those calls, for the revert roles alone: no other role of the subsystem
 * may invert a health check or flip the switch, whatever its own policy says.
 */
export function rehearsalRevertBoundaryStatement(scope: AccountScope & { owner: string }): AllowStatement {
    return {
        Sid: "RevertRehearsalLever",
        Effect: "Allow",
        Action: ["route53:UpdateHealthCheck", "ssm:PutParameter"],
        Resource: [healthChecks(scope), arn(scope, "ssm", "*", `parameter${forceUnhealthyParameterName(scope.owner)}`)],
        Condition: { ArnLike: { "aws:PrincipalArn": iamArn(scope, `role/${rehearsalRevertRoleName(scope.owner, "*")}`) } },
    };
}
