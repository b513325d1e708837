import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const TRAIL = tfProvider("internal/service/cloudtrail/trail.go");
const TRAIL_SCHEMA = cfnSchema("aws-cloudtrail-trail.json");

export const CLOUDTRAIL_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:cloudtrail/trail:Trail",
        arnVariables: { TrailName: "outputs.name" },
        tags: "inputs.tags",
        sources: [TRAIL, TRAIL_SCHEMA],
        calls: [
            { action: "cloudtrail:CreateTrail", phases: ["create"], creates: true, sendsTags: true, source: TRAIL },
            { action: "cloudtrail:AddTags", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["trail"], source: TRAIL_SCHEMA },
            // Logging starts unless `enableLogging` is false.
            { action: "cloudtrail:StartLogging", phases: ["create", "update"], source: TRAIL },
            { action: "cloudtrail:PutEventSelectors", phases: ["create", "update"], when: { input: "eventSelectors" }, source: TRAIL },
            { action: "cloudtrail:UpdateTrail", phases: ["update"], source: TRAIL },
            { action: "cloudtrail:StopLogging", phases: ["update"], when: { input: "enableLogging", equals: false }, source: TRAIL },
            { action: "cloudtrail:AddTags", phases: ["update"], sendsTags: true, resourceTypes: ["trail"], source: TRAIL },
            { action: "cloudtrail:RemoveTags", phases: ["update"], resourceTypes: ["trail"], source: TRAIL },
            { action: "cloudtrail:DescribeTrails", phases: ["read"], source: TRAIL },
            { action: "cloudtrail:GetTrailStatus", phases: ["read"], source: TRAIL },
            { action: "cloudtrail:GetEventSelectors", phases: ["read"], source: TRAIL },
            { action: "cloudtrail:ListTags", phases: ["read"], resourceTypes: ["trail"], source: TRAIL },
            { action: "cloudtrail:DeleteTrail", phases: ["delete"], source: TRAIL },
        ],
    },
];
