import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const QUEUE = tfProvider("internal/service/sqs/queue.go");
const QUEUE_SCHEMA = cfnSchema("aws-sqs-queue.json");
const QUEUE_POLICY = tfProvider("internal/service/sqs/queue_policy.go");

export const SQS_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:sqs/queue:Queue",
        arnVariables: { QueueName: "outputs.name" },
        tags: "inputs.tags",
        sources: [QUEUE, QUEUE_SCHEMA],
        calls: [
            { action: "sqs:CreateQueue", phases: ["create"], creates: true, sendsTags: true, source: QUEUE },
            { action: "sqs:TagQueue", phases: ["create"], creates: true, sendsTags: true, source: QUEUE_SCHEMA },
            { action: "sqs:SetQueueAttributes", phases: ["update"], source: QUEUE },
            { action: "sqs:TagQueue", phases: ["update"], sendsTags: true, source: QUEUE },
            { action: "sqs:UntagQueue", phases: ["update"], source: QUEUE },
            { action: "sqs:GetQueueAttributes", phases: ["read"], source: QUEUE },
            { action: "sqs:ListQueueTags", phases: ["read"], source: QUEUE },
            { action: "sqs:DeleteQueue", phases: ["delete"], source: QUEUE },
        ],
    },
    {
        // A queue policy is the queue's Policy attribute: written and cleared with SetQueueAttributes.
        type: "aws:sqs/queuePolicy:QueuePolicy",
        arnVariables: { QueueName: "inputs.queueUrl|last" },
        sources: [QUEUE_POLICY, cfnSchema("aws-sqs-queuepolicy.json")],
        calls: [
            { action: "sqs:SetQueueAttributes", phases: ["create", "update", "delete"], source: QUEUE_POLICY },
            { action: "sqs:GetQueueAttributes", phases: ["read"], source: QUEUE_POLICY },
        ],
    },
];
