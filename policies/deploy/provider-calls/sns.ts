import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const TOPIC = tfProvider("internal/service/sns/topic.go");
const TOPIC_SCHEMA = cfnSchema("aws-sns-topic.json");

export const SNS_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:sns/topic:Topic",
        arnVariables: { TopicName: "outputs.name" },
        tags: "inputs.tags",
        sources: [TOPIC, TOPIC_SCHEMA],
        calls: [
            { action: "sns:CreateTopic", phases: ["create"], creates: true, sendsTags: true, source: TOPIC },
            { action: "sns:TagResource", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["topic"], source: TOPIC_SCHEMA },
            { action: "sns:SetTopicAttributes", phases: ["update"], source: TOPIC },
            { action: "sns:TagResource", phases: ["update"], sendsTags: true, resourceTypes: ["topic"], source: TOPIC },
            { action: "sns:UntagResource", phases: ["update"], resourceTypes: ["topic"], source: TOPIC },
            { action: "sns:GetTopicAttributes", phases: ["read"], source: TOPIC },
            { action: "sns:ListTagsForResource", phases: ["read"], resourceTypes: ["topic"], source: TOPIC },
            { action: "sns:DeleteTopic", phases: ["delete"], source: TOPIC },
        ],
    },
];
