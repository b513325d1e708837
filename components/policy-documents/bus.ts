import { busArn, busName } from "../../lib/contracts/naming";
import { KEY_ADMINISTRATION_ACTIONS } from "./key-administration";
import { type AccountScope, type PolicyDocument, type ResourcePolicyDocument, arn, iamArn, policyDocument, resourcePolicyDocument } from "./policy-document";

/**
 * Who may put events on a bus: the principals under one organisation path (the OU that holds the
 * bus's account, so prod buses admit prod principals only), or, for an account directly under the
 * root, whose path would be the whole organisation, that account alone.
 */
export type BusPublishers = { organizationPath: string } | { accountId: string };

export function busResourcePolicyDocument(busArn: string, publishers: BusPublishers): ResourcePolicyDocument {
    return resourcePolicyDocument([
        {
            Sid: "PublishersPutEvents",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["events:PutEvents"],
            Resource: [busArn],
            Condition:
                "organizationPath" in publishers
                    ? { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": [`${publishers.organizationPath}*`] } }
                    : { StringEquals: { "aws:PrincipalAccount": publishers.accountId } },
        },
    ]);
}

/** Put events on the named buses and nowhere else: the bus's replication role. */
export function putEventsPolicyDocument(busArns: string[]): PolicyDocument {
    return policyDocument([{ Sid: "PutOnNamedBuses", Effect: "Allow", Action: ["events:PutEvents"], Resource: [...busArns] }]);
}

export interface EndpointReplicationScope extends AccountScope {
    subsystem: string;
    /** The endpoint's primary and secondary regions. */
    regions: string[];
    /** The role this policy is attached to. */
    roleArn: string;
}

/**
 * The global endpoint's replication role. EventBridge replicates through rules it manages on the
 * buses (`GlobalEndpointManagedRule-*`), which it creates as this role with this role as their
 * target's role: so the role must manage those rules, put events on both buses, and pass itself
 * to EventBridge.
 */
export function endpointReplicationPolicyDocument(scope: EndpointReplicationScope): PolicyDocument {
    const bus = busName(scope.subsystem);
    return policyDocument([
        {
            Sid: "ManagedReplicationRules",
            Effect: "Allow",
            Action: ["events:PutRule", "events:PutTargets", "events:DeleteRule", "events:RemoveTargets"],
            Resource: scope.regions.map((region) => arn(scope, "events", region, `rule/${bus}/GlobalEndpointManagedRule-*`)),
        },
        {
            Sid: "PutOnEndpointBuses",
            Effect: "Allow",
            Action: ["events:PutEvents"],
            Resource: scope.regions.map((region) => busArn(scope.accountId, region, scope.subsystem, scope.partition)),
        },
        {
            Sid: "PassSelfToEventBridge",
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: [scope.roleArn],
            Condition: { StringEquals: { "iam:PassedToService": "events.amazonaws.com" } },
        },
    ]);
}

/**
 * The bus's rules may send events their targets cannot take to its dead-letter queue, and so may
 * the bus itself, which is the queue's sender for events it cannot encrypt or decrypt with its
 * customer key (the bus's own dead-letter configuration); nothing else may.
 */
export function deadLetterQueuePolicyDocument(scope: AccountScope, region: string, subsystem: string, queueArn: string): ResourcePolicyDocument {
    return resourcePolicyDocument([
        {
            Sid: "BusRulesDeadLetters",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: ["sqs:SendMessage"],
            Resource: [queueArn],
            Condition: {
                ArnLike: {
                    "aws:SourceArn": [
                        arn(scope, "events", region, `rule/${busName(subsystem)}/*`),
                        busArn(scope.accountId, region, subsystem, scope.partition),
                    ],
                },
            },
        },
    ]);
}

/**
 * Key policy of the bus's customer key: the account administers it through IAM (explicit actions, no
 * `kms:*`, incident containment included), and EventBridge (bus, archive and dead-letter deliveries) and SQS may use it only on
 * behalf of this account.
 */
export function busKeyPolicyDocument(scope: AccountScope): ResourcePolicyDocument {
    const account = iamArn(scope, "root");
    return resourcePolicyDocument([
        {
            Sid: "AccountAdministersKey",
            Effect: "Allow",
            Principal: { AWS: account },
            Action: [...KEY_ADMINISTRATION_ACTIONS, "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
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
        {
            // An archive on an encrypted bus takes the bus's events under its own data keys.
            Sid: "EventBridgeReEncryptsArchive",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: ["kms:ReEncryptFrom", "kms:ReEncryptTo"],
            Resource: ["*"],
            Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
        },
    ]);
}
