import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const ALARM = tfProvider("internal/service/cloudwatch/metric_alarm.go");
const ALARM_SCHEMA = cfnSchema("aws-cloudwatch-alarm.json");
const DASHBOARD = tfProvider("internal/service/cloudwatch/dashboard.go");

export const CLOUDWATCH_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        arnVariables: { AlarmName: "outputs.name" },
        requestKeys: { "cloudwatch:AlarmActions": "inputs.alarmActions" },
        tags: "inputs.tags",
        sources: [ALARM, ALARM_SCHEMA],
        calls: [
            { action: "cloudwatch:PutMetricAlarm", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["alarm"], source: ALARM },
            { action: "cloudwatch:TagResource", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["alarm"], source: ALARM_SCHEMA },
            { action: "cloudwatch:PutMetricAlarm", phases: ["update"], resourceTypes: ["alarm"], source: ALARM },
            { action: "cloudwatch:TagResource", phases: ["update"], sendsTags: true, resourceTypes: ["alarm"], source: ALARM },
            { action: "cloudwatch:UntagResource", phases: ["update"], resourceTypes: ["alarm"], source: ALARM },
            { action: "cloudwatch:DescribeAlarms", phases: ["read"], source: ALARM },
            { action: "cloudwatch:ListTagsForResource", phases: ["read"], resourceTypes: ["alarm"], source: ALARM },
            { action: "cloudwatch:DeleteAlarms", phases: ["delete"], source: ALARM },
        ],
    },
    {
        // Create and update are the same PutDashboard; the resource takes no tags, and its id is the name.
        type: "aws:cloudwatch/dashboard:Dashboard",
        arnVariables: { DashboardName: "inputs.dashboardName" },
        sources: [DASHBOARD],
        calls: [
            { action: "cloudwatch:PutDashboard", phases: ["create"], creates: true, source: DASHBOARD },
            { action: "cloudwatch:PutDashboard", phases: ["update"], source: DASHBOARD },
            { action: "cloudwatch:GetDashboard", phases: ["read"], source: DASHBOARD },
            { action: "cloudwatch:DeleteDashboards", phases: ["delete"], source: DASHBOARD },
        ],
    },
];
