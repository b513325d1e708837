import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const TABLE = tfProvider("internal/service/dynamodb/table.go");
const TABLE_SCHEMA = cfnSchema("aws-dynamodb-table.json");

export const DYNAMODB_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:dynamodb/table:Table",
        arnVariables: { TableName: "outputs.name" },
        tags: "inputs.tags",
        sources: [TABLE, TABLE_SCHEMA],
        calls: [
            { action: "dynamodb:CreateTable", phases: ["create"], creates: true, sendsTags: true, source: TABLE },
            { action: "dynamodb:TagResource", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["table"], source: TABLE_SCHEMA },
            { action: "dynamodb:UpdateTimeToLive", phases: ["create", "update"], when: { input: "ttl" }, source: TABLE },
            { action: "dynamodb:UpdateContinuousBackups", phases: ["create", "update"], when: { input: "pointInTimeRecovery" }, source: TABLE },
            { action: "dynamodb:UpdateTable", phases: ["update"], source: TABLE },
            { action: "dynamodb:TagResource", phases: ["update"], sendsTags: true, resourceTypes: ["table"], source: TABLE },
            { action: "dynamodb:UntagResource", phases: ["update"], resourceTypes: ["table"], source: TABLE },
            { action: "dynamodb:DescribeTable", phases: ["read"], source: TABLE },
            { action: "dynamodb:DescribeTimeToLive", phases: ["read"], source: TABLE },
            { action: "dynamodb:DescribeContinuousBackups", phases: ["read"], source: TABLE },
            { action: "dynamodb:ListTagsOfResource", phases: ["read"], resourceTypes: ["table"], source: TABLE },
            { action: "dynamodb:DeleteTable", phases: ["delete"], source: TABLE },
        ],
    },
];
