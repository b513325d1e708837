import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const ZONE = tfProvider("internal/service/route53/zone.go");
const ZONE_SCHEMA = cfnSchema("aws-route53-hostedzone.json");
const RECORD = tfProvider("internal/service/route53/record.go");
const HEALTH_CHECK = tfProvider("internal/service/route53/health_check.go");
const HEALTH_CHECK_SCHEMA = cfnSchema("aws-route53-healthcheck.json");

export const ROUTE53_CALLS: readonly ResourceTypeCalls[] = [
    {
        // Route 53 takes tags only after creation, through ChangeTagsForResource.
        type: "aws:route53/zone:Zone",
        arnVariables: { Id: "generated.zoneId" },
        tags: "inputs.tags",
        sources: [ZONE, ZONE_SCHEMA],
        calls: [
            { action: "route53:CreateHostedZone", phases: ["create"], creates: true, source: ZONE },
            { action: "route53:GetChange", phases: ["create", "update", "delete"], arnVariables: { Id: "*" }, source: ZONE },
            { action: "route53:ChangeTagsForResource", phases: ["create", "update"], sendsTags: true, resourceTypes: ["hostedzone"], source: ZONE },
            { action: "route53:UpdateHostedZoneComment", phases: ["update"], when: { input: "comment" }, source: ZONE },
            { action: "route53:GetHostedZone", phases: ["read"], source: ZONE },
            { action: "route53:ListTagsForResource", phases: ["read"], resourceTypes: ["hostedzone"], source: ZONE },
            { action: "route53:ListResourceRecordSets", phases: ["delete"], when: { input: "forceDestroy", equals: true }, source: ZONE },
            { action: "route53:DeleteHostedZone", phases: ["delete"], source: ZONE },
        ],
    },
    {
        type: "aws:route53/record:Record",
        arnVariables: { Id: "inputs.zoneId" },
        requestKeys: {
            "route53:ChangeResourceRecordSetsRecordTypes": "inputs.type",
            "route53:ChangeResourceRecordSetsNormalizedRecordNames": "inputs.name|lower",
        },
        sources: [RECORD, cfnSchema("aws-route53-recordset.json")],
        calls: [
            { action: "route53:ChangeResourceRecordSets", phases: ["create", "update", "delete"], source: RECORD },
            { action: "route53:GetChange", phases: ["create", "update", "delete"], arnVariables: { Id: "*" }, source: RECORD },
            // Every path first reads the zone, for the name the record's fqdn is built from.
            { action: "route53:GetHostedZone", phases: ["create", "read", "update", "delete"], source: RECORD },
            { action: "route53:ListResourceRecordSets", phases: ["read"], source: RECORD },
        ],
    },
    {
        type: "aws:route53/healthCheck:HealthCheck",
        arnVariables: { Id: "generated.arn|last", AlarmName: "inputs.cloudwatchAlarmName" },
        tags: "inputs.tags",
        sources: [HEALTH_CHECK, HEALTH_CHECK_SCHEMA],
        calls: [
            { action: "route53:CreateHealthCheck", phases: ["create"], creates: true, source: HEALTH_CHECK },
            // Route 53 reads the alarm a metric health check watches, as the caller.
            {
                action: "cloudwatch:DescribeAlarms",
                phases: ["create", "update"],
                when: { input: "cloudwatchAlarmName" },
                resourceTypes: ["alarm"],
                source: HEALTH_CHECK_SCHEMA,
            },
            { action: "route53:ChangeTagsForResource", phases: ["create", "update"], sendsTags: true, resourceTypes: ["healthcheck"], source: HEALTH_CHECK },
            { action: "route53:UpdateHealthCheck", phases: ["update"], source: HEALTH_CHECK },
            { action: "route53:GetHealthCheck", phases: ["read"], source: HEALTH_CHECK },
            { action: "route53:ListTagsForResource", phases: ["read"], resourceTypes: ["healthcheck"], source: HEALTH_CHECK },
            { action: "route53:DeleteHealthCheck", phases: ["delete"], source: HEALTH_CHECK },
        ],
    },
];
