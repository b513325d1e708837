import { busName } from "../naming";
import {
    type AccountScope,
    type PolicyDocument,
    type ResourcePolicyDocument,
    arn,
    iamArn,
    policyDocument,
    resourcePolicyDocument,
} from "./policy-document";

/** Only principals of the organisation may publish to the bus, whatever account they are in. */
export function busResourcePolicyDocument(busArn: string, organizationId: string): ResourcePolicyDocument {
    return resourcePolicyDocument([
        {
            Sid: "OrganizationPutEvents",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["events:PutEvents"],
            Resource: [busArn],
            Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId } },
        },
    ]);
}

/** Put events on the named buses and nowhere else: the replication and global-endpoint roles. */
export function putEventsPolicyDocument(busArns: string[]): PolicyDocument {
    return policyDocument([{ Sid: "PutOnNamedBuses", Effect: "Allow", Action: ["events:PutEvents"], Resource: [...busArns] }]);
}

/** Rules of the bus may send undeliverable events to its dead-letter queue; nothing else may. */
export function deadLetterQueuePolicyDocument(scope: AccountScope, region: string, subsystem: string, queueArn: string): ResourcePolicyDocument {
    return resourcePolicyDocument([
        {
            Sid: "BusRulesDeadLetters",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: ["sqs:SendMessage"],
            Resource: [queueArn],
            Condition: { ArnLike: { "aws:SourceArn": arn(scope, "events", region, `rule/${busName(subsystem)}/*`) } },
        },
    ]);
}

/**
 * Key policy of the bus's customer key: the account administers it through IAM (explicit actions, no
 * `kms:*`), and EventBridge and SQS may use it only on behalf of this account.
 */
export function busKeyPolicyDocument(scope: AccountScope): ResourcePolicyDocument {
    const account = iamArn(scope, "root");
    return resourcePolicyDocument([
        {
            Sid: "AccountAdministersKey",
            Effect: "Allow",
            Principal: { AWS: account },
            Action: [
                "kms:DescribeKey",
                "kms:GetKeyPolicy",
                "kms:PutKeyPolicy",
                "kms:GetKeyRotationStatus",
                "kms:EnableKeyRotation",
                "kms:ListResourceTags",
                "kms:TagResource",
                "kms:UntagResource",
                "kms:ScheduleKeyDeletion",
                "kms:CancelKeyDeletion",
                "kms:CreateAlias",
                "kms:DeleteAlias",
                "kms:UpdateAlias",
                "kms:Encrypt",
                "kms:Decrypt",
                "kms:GenerateDataKey",
                "kms:CreateGrant",
            ],
            Resource: ["*"],
        },
        {
            Sid: "ServicesUseKey",
            Effect: "Allow",
            Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
            Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
            Resource: ["*"],
            Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
        },
    ]);
}
