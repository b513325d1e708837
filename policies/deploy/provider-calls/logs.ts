import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const GROUP = tfProvider("internal/service/logs/group.go");
const GROUP_SCHEMA = cfnSchema("aws-logs-loggroup.json");

export const LOGS_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        arnVariables: { LogGroupName: "outputs.name" },
        tags: "inputs.tags",
        sources: [GROUP, GROUP_SCHEMA],
        calls: [
            { action: "logs:CreateLogGroup", phases: ["create"], creates: true, sendsTags: true, source: GROUP },
            { action: "logs:TagResource", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["log-group"], source: GROUP_SCHEMA },
            { action: "logs:PutRetentionPolicy", phases: ["create", "update"], when: { input: "retentionInDays" }, source: GROUP },
            { action: "logs:AssociateKmsKey", phases: ["update"], when: { input: "kmsKeyId" }, source: GROUP },
            { action: "logs:TagResource", phases: ["update"], sendsTags: true, resourceTypes: ["log-group"], source: GROUP },
            { action: "logs:UntagResource", phases: ["update"], resourceTypes: ["log-group"], source: GROUP },
            // The group is found by listing groups with its name as prefix.
            { action: "logs:DescribeLogGroups", phases: ["read"], source: GROUP },
            { action: "logs:ListTagsForResource", phases: ["read"], resourceTypes: ["log-group"], source: GROUP },
            { action: "logs:DeleteLogGroup", phases: ["delete"], source: GROUP },
        ],
    },
];
