import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { boundedServiceRole } from "./bounded-service-role";
import { SERVICE_ASSUMPTIONS } from "./policy-documents/service-source-keys";
import { createHash } from "node:crypto";
import { deploymentSnapshot } from "./api-deployment";
import type { HealthCheckSettings } from "../regions/region-schema";
import { healthTracePattern } from "./event-patterns";
import { HANDLER_RUNTIME, bundleHandler } from "./health-check/bundle";
import { checkerFirewall } from "./health-check/firewall";
import {
    type AlarmSpec,
    type HealthSignal,
    HEALTH_STAGE_NAME,
    TRACE_INTERVAL_SECONDS,
    TRACE_SCHEDULE,
    busAlarmSpecs,
    calculatedThreshold,
    dnsAlarmSpecs,
    healthApiName,
    healthCheckResourcePath,
    healthCheckTags,
    insufficientDataHealthStatus,
} from "./health-check-plan";
import { type CheckerRangesSnapshot, ROUTE53_CHECKER_RANGES, checkerPrefixes } from "../regions/health-checker-ranges";
import { healthApiPolicyDocument } from "./policy-documents/health-api";
import { forceUnhealthyParameterName, healthFunctionName, healthRoleName, traceTableName } from "../lib/contracts/naming";
import { metricNamespace } from "./policy-documents/permission-boundary";
import { healthRolePolicyDocument } from "./policy-documents/service-roles";
import { arn } from "./policy-documents/policy-document";

export interface RegionalHealthCheckArgs {
    subsystem: string;
    environment: string;
    accountId: pulumi.Input<string>;
    /** The region this stack deploys to; its provider must deploy there. */
    region: string;
    /** The region's bus; the tracer publishes its traces on it and receives them back. */
    busName: pulumi.Input<string>;
    /** The bus's dead-letter queue; trace events the function cannot take land there. */
    deadLetterQueueArn: pulumi.Input<string>;
    /** Carried by the function's execution role. */
    boundaryArn: pulumi.Input<string>;
    /** The region catalog's settings for this region: intervals, thresholds, checker regions, alarm periods, trace timeout. */
    settings: HealthCheckSettings;
    /** Where every alarm notifies (and recovers to): the subsystem's alarm topic in this region. */
    alarmTopicArn: pulumi.Input<string>;
    /**
     * The region's own name under the public custom domain (`<region>.api.<zone>`) and its health
     * path: the DNS signal also checks the domain as users reach it (certificate, domain, mapping).
     */
    publicHealthCheck: { host: string; path: string };
    /** Route 53 checker ranges the health endpoints answer; the committed snapshot by default. */
    checkerRanges?: CheckerRangesSnapshot;
    /** How long traces stay in the table before DynamoDB expires them. */
    traceTtlSeconds?: number;
    partition?: string;
    tags?: Record<string, string>;
}

const DEFAULT_TRACE_TTL_SECONDS = 24 * 3600;
const LOG_RETENTION_DAYS = 30;
/** Route 53 checkers call GET /check every few seconds from each checker region; more than that is abuse. */
const CHECK_RATE_LIMIT = { rate: 50, burst: 100 };
/** API Gateway gives up on the function before Route 53's 2 s response window closes (the function's own deadline is 1.5 s). */
const INTEGRATION_TIMEOUT_MS = 1900;

/**
 * The regional health-check service: a synthetic tracer (DynamoDB table, bus round trip, SSM
 * force-unhealthy switch) run by a one-minute schedule and read by API Gateway `GET /check`, which
 * answers Route 53's checker ranges only (resource policy and WAF); error-rate alarms; and two
 * CALCULATED Route 53 checks, each healthy only when every child is:
 * - DNS: HTTPS on /check (the tracer's verdict), HTTPS on the public custom domain, and the error
 *   rates of the health API and the tracer. The latency record follows it.
 * - bus: AWS's recommended publishing-side signals for a global endpoint. The endpoint follows it.
 */
export class RegionalHealthCheck extends pulumi.ComponentResource {
    /** The DNS signal: the latency record's check. */
    readonly calculatedHealthCheckId: pulumi.Output<string>;
    /** The bus signal: the global endpoint's check. */
    readonly busHealthCheckId: pulumi.Output<string>;
    readonly httpsHealthCheckId: pulumi.Output<string>;
    readonly metricHealthCheckIds: pulumi.Output<string[]>;
    readonly restApiId: pulumi.Output<string>;
    readonly stageName: pulumi.Output<string>;
    /** `<api id>.execute-api.<region>.amazonaws.com`, the host the HTTPS check calls. */
    readonly apiHost: pulumi.Output<string>;
    readonly functionName: pulumi.Output<string>;
    readonly tableName: pulumi.Output<string>;
    readonly forceUnhealthyParameterName: string;
    readonly forceUnhealthyParameterArn: pulumi.Output<string>;
    readonly alarmNames: string[];
    /** The web ACL in front of the health paths; the public API's stage joins it. */
    readonly webAclArn: pulumi.Output<string>;

    constructor(name: string, args: RegionalHealthCheckArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:health:RegionalHealthCheck", name, {}, opts);
        const parent = { parent: this };
        const partition = args.partition ?? "aws";
        const tags = args.tags ?? {};
        const { subsystem, region, settings } = args;
        const functionName = healthFunctionName(subsystem);
        const accountId = pulumi.output(args.accountId);

        const table = new aws.dynamodb.Table(
            `${name}-traces`,
            {
                name: traceTableName(subsystem),
                billingMode: "PAY_PER_REQUEST",
                hashKey: "region",
                rangeKey: "sk",
                attributes: [
                    { name: "region", type: "S" },
                    { name: "sk", type: "S" },
                ],
                ttl: { attributeName: "expiresAt", enabled: true },
                pointInTimeRecovery: { enabled: true },
                serverSideEncryption: { enabled: true },
                tags,
            },
            parent,
        );

        const parameterName = forceUnhealthyParameterName(subsystem);
        const parameter = new aws.ssm.Parameter(
            `${name}-force-unhealthy`,
            {
                name: parameterName,
                description: `"true" makes ${subsystem} in ${region} report unhealthy: the failover rehearsal lever.`,
                type: "String",
                value: "false",
                tags,
            },
            // The lever is pulled outside Pulumi (meridian failover rehearse); a deployment must not push it back.
            { ...parent, ignoreChanges: ["value"] },
        );

        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { name: `/aws/lambda/${functionName}`, retentionInDays: LOG_RETENTION_DAYS, tags },
            parent,
        );

        const { role, rolePolicy } = boundedServiceRole(
            {
                roleResourceName: `${name}-role`,
                policyResourceName: `${name}-role-policy`,
                roleName: healthRoleName(subsystem, region),
                description: `Runs the ${subsystem} health-check tracer in ${region}.`,
                assumedBy: SERVICE_ASSUMPTIONS.functionExecution,
                accountId,
                boundaryArn: args.boundaryArn,
                tags,
                policyName: "health-check",
                // ARNs from names, not the resources' outputs, so the policy is known at the first preview.
                policy: () =>
                    pulumi.all([accountId, args.busName]).apply(([id, bus]) => {
                        const scope = { accountId: id, partition };
                        return healthRolePolicyDocument({
                            ...scope,
                            region,
                            tableArn: arn(scope, "dynamodb", region, `table/${traceTableName(subsystem)}`),
                            busArn: arn(scope, "events", region, `event-bus/${bus}`),
                            parameterArn: arn(scope, "ssm", region, `parameter${parameterName}`),
                            functionName,
                        });
                    }),
            },
            parent,
        );

        const bundle = bundleHandler();
        const fn = new aws.lambda.Function(
            `${name}-function`,
            {
                name: functionName,
                description: `Synthetic tracer of ${subsystem} in ${region}: GET /check, the schedule and trace completion.`,
                // Node 20 reached end of life in April 2026; the bundle targets the runtime it is deployed to.
                runtime: HANDLER_RUNTIME,
                handler: "index.handler",
                code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(bundle.code) }),
                // Changes whenever the bundled handler does, so a code change always redeploys.
                sourceCodeHash: createHash("sha256").update(bundle.code).digest("base64"),
                role: role.arn,
                timeout: 10,
                memorySize: 256,
                environment: {
                    variables: {
                        TRACE_TABLE: table.name,
                        BUS_NAME: args.busName,
                        FORCE_UNHEALTHY_PARAMETER: parameterName,
                        TRACE_TIMEOUT_SECONDS: String(settings.traceTimeoutSeconds),
                        TRACE_FAILURES_TO_UNHEALTHY: String(settings.traceFailuresToUnhealthy),
                        TRACE_INTERVAL_SECONDS: String(TRACE_INTERVAL_SECONDS),
                        TRACE_TTL_SECONDS: String(args.traceTtlSeconds ?? DEFAULT_TRACE_TTL_SECONDS),
                        METRIC_NAMESPACE: metricNamespace(subsystem),
                    },
                },
                tags,
            },
            { ...parent, dependsOn: [logGroup, rolePolicy] },
        );

        const api = new aws.apigateway.RestApi(
            `${name}-api`,
            { name: healthApiName(subsystem), description: `${subsystem} regional health check`, endpointConfiguration: { types: "REGIONAL" }, tags },
            parent,
        );
        const resource = new aws.apigateway.Resource(`${name}-check-resource`, { restApi: api.id, parentId: api.rootResourceId, pathPart: "check" }, parent);
        const method = new aws.apigateway.Method(
            `${name}-check-method`,
            // Route 53 health checkers cannot sign requests; the resource policy and the WAF admit their address ranges only.
            { restApi: api.id, resourceId: resource.id, httpMethod: "GET", authorization: "NONE" },
            parent,
        );
        const ranges = args.checkerRanges ?? ROUTE53_CHECKER_RANGES;
        const apiPolicy = new aws.apigateway.RestApiPolicy(
            `${name}-api-policy`,
            { restApiId: api.id, policy: JSON.stringify(healthApiPolicyDocument(HEALTH_STAGE_NAME, checkerPrefixes(ranges))) },
            parent,
        );
        const integration = new aws.apigateway.Integration(
            `${name}-check-integration`,
            {
                restApi: api.id,
                resourceId: resource.id,
                httpMethod: method.httpMethod,
                type: "AWS_PROXY",
                integrationHttpMethod: "POST",
                uri: fn.invokeArn,
                timeoutMilliseconds: INTEGRATION_TIMEOUT_MS,
            },
            parent,
        );
        const configuration = deploymentSnapshot({
            pathPart: resource.pathPart,
            httpMethod: method.httpMethod,
            authorization: method.authorization,
            integrationType: integration.type,
            integrationHttpMethod: integration.integrationHttpMethod,
            uri: integration.uri,
            timeoutMs: integration.timeoutMilliseconds,
            resource: resource.id,
            method: method.id,
            integration: integration.id,
            policy: apiPolicy.policy,
        });
        const deployment = new aws.apigateway.Deployment(
            `${name}-deployment`,
            { restApi: api.id, triggers: { configuration } },
            { ...parent, dependsOn: [integration, apiPolicy] },
        );
        const stage = new aws.apigateway.Stage(`${name}-stage`, { restApi: api.id, deployment: deployment.id, stageName: HEALTH_STAGE_NAME, tags }, parent);
        new aws.apigateway.MethodSettings(
            `${name}-throttling`,
            {
                restApi: api.id,
                stageName: stage.stageName,
                methodPath: "*/*",
                settings: { throttlingRateLimit: CHECK_RATE_LIMIT.rate, throttlingBurstLimit: CHECK_RATE_LIMIT.burst, metricsEnabled: true },
            },
            parent,
        );
        const webAcl = checkerFirewall(
            `${name}-firewall`,
            { namePrefix: `${subsystem}-${region}`, ranges, healthPaths: ["/check", `/${args.publicHealthCheck.path}`], tags },
            parent,
        );
        new aws.wafv2.WebAclAssociation(`${name}-web-acl-association`, { resourceArn: stage.arn, webAclArn: webAcl.arn }, parent);
        new aws.lambda.Permission(
            `${name}-api-permission`,
            {
                action: "lambda:InvokeFunction",
                function: fn.name,
                principal: "apigateway.amazonaws.com",
                sourceArn: pulumi.interpolate`${api.executionArn}/*/GET/check`,
            },
            parent,
        );

        const schedule = new aws.cloudwatch.EventRule(
            `${name}-schedule`,
            { name: `${subsystem}-health-schedule`, description: `Starts a ${subsystem} trace every minute.`, scheduleExpression: TRACE_SCHEDULE, tags },
            parent,
        );
        new aws.cloudwatch.EventTarget(`${name}-schedule-target`, { rule: schedule.name, arn: fn.arn }, parent);
        new aws.lambda.Permission(
            `${name}-schedule-permission`,
            { action: "lambda:InvokeFunction", function: fn.name, principal: "events.amazonaws.com", sourceArn: schedule.arn },
            parent,
        );

        const traceRule = new aws.cloudwatch.EventRule(
            `${name}-trace`,
            {
                name: `${subsystem}-health-trace`,
                description: `Delivers ${region}'s trace events back to the tracer to complete them.`,
                eventBusName: args.busName,
                eventPattern: JSON.stringify(healthTracePattern(region)),
                tags,
            },
            parent,
        );
        new aws.cloudwatch.EventTarget(
            `${name}-trace-target`,
            { rule: traceRule.name, eventBusName: args.busName, arn: fn.arn, deadLetterConfig: { arn: args.deadLetterQueueArn } },
            parent,
        );
        new aws.lambda.Permission(
            `${name}-trace-permission`,
            { action: "lambda:InvokeFunction", function: fn.name, principal: "events.amazonaws.com", sourceArn: traceRule.arn },
            parent,
        );

        const context = { subsystem, environment: args.environment, region };
        const endpointCheck = (resourceName: string, fqdn: pulumi.Input<string>, resourcePath: string, detail?: string) =>
            new aws.route53.HealthCheck(
                resourceName,
                {
                    type: "HTTPS",
                    fqdn,
                    port: 443,
                    resourcePath,
                    enableSni: true,
                    requestInterval: settings.requestInterval,
                    failureThreshold: settings.failureThreshold,
                    regions: [...settings.checkerRegions],
                    tags: { ...tags, ...healthCheckTags(context, "dns", "https", detail) },
                },
                { ...parent, dependsOn: [stage] },
            );
        const metricChecks = (specs: AlarmSpec[]) =>
            specs.map((spec) => {
                const alarm = new aws.cloudwatch.MetricAlarm(`${name}-alarm-${spec.kind}`, alarmArgs(spec, args.alarmTopicArn, tags), {
                    ...parent,
                    dependsOn: [fn, table, stage],
                });
                return new aws.route53.HealthCheck(
                    `${name}-metric-${spec.kind}`,
                    {
                        type: "CLOUDWATCH_METRIC",
                        cloudwatchAlarmName: alarm.name,
                        cloudwatchAlarmRegion: region,
                        insufficientDataHealthStatus: insufficientDataHealthStatus(spec),
                        triggers: { alarm: copiedAlarmSettings(alarm) },
                        tags: { ...tags, ...healthCheckTags(context, spec.signal, "metric", spec.kind) },
                    },
                    parent,
                );
            });
        const calculatedCheck = (resourceName: string, signal: HealthSignal, children: aws.route53.HealthCheck[]) =>
            new aws.route53.HealthCheck(
                resourceName,
                {
                    type: "CALCULATED",
                    childHealthchecks: children.map((child) => child.id),
                    childHealthThreshold: calculatedThreshold(children.length),
                    tags: { ...tags, ...healthCheckTags(context, signal, "calculated", signal === "dns" ? undefined : signal) },
                },
                parent,
            );

        const dnsSpecs = dnsAlarmSpecs(subsystem, settings);
        const busSpecs = busAlarmSpecs(subsystem, settings);
        const https = endpointCheck(
            `${name}-https`,
            pulumi.interpolate`${api.id}.execute-api.${region}.amazonaws.com`,
            healthCheckResourcePath(HEALTH_STAGE_NAME),
        );
        const domain = endpointCheck(`${name}-https-domain`, args.publicHealthCheck.host, `/${args.publicHealthCheck.path}`, "domain");
        const dnsMetricChecks = metricChecks(dnsSpecs);
        const busMetricChecks = metricChecks(busSpecs);
        const calculated = calculatedCheck(`${name}-calculated`, "dns", [https, domain, ...dnsMetricChecks]);
        const bus = calculatedCheck(`${name}-bus-calculated`, "bus", busMetricChecks);

        this.calculatedHealthCheckId = calculated.id;
        this.busHealthCheckId = bus.id;
        this.httpsHealthCheckId = https.id;
        this.metricHealthCheckIds = pulumi.all([...dnsMetricChecks, ...busMetricChecks].map((check) => check.id));
        this.restApiId = api.id;
        this.stageName = stage.stageName;
        this.apiHost = pulumi.interpolate`${api.id}.execute-api.${region}.amazonaws.com`;
        this.functionName = fn.name;
        this.tableName = table.name;
        this.forceUnhealthyParameterName = parameterName;
        this.alarmNames = [...dnsSpecs, ...busSpecs].map((spec) => spec.name);
        this.forceUnhealthyParameterArn = parameter.arn;
        this.webAclArn = webAcl.arn;
        this.registerOutputs({
            calculatedHealthCheckId: this.calculatedHealthCheckId,
            busHealthCheckId: this.busHealthCheckId,
            httpsHealthCheckId: this.httpsHealthCheckId,
            metricHealthCheckIds: this.metricHealthCheckIds,
            restApiId: this.restApiId,
            stageName: this.stageName,
            apiHost: this.apiHost,
            functionName: this.functionName,
            tableName: this.tableName,
            forceUnhealthyParameterArn: this.forceUnhealthyParameterArn,
            alarmNames: this.alarmNames,
            webAclArn: this.webAclArn,
        });
    }
}

/**
 * The alarm settings Route 53 copies into a CLOUDWATCH_METRIC check when the check is created or
 * updated. It does not follow later changes to the alarm, so the check carries them as triggers:
 * changing the alarm updates the check too, which re-reads the alarm.
 */
function copiedAlarmSettings(alarm: aws.cloudwatch.MetricAlarm): pulumi.Output<string> {
    return pulumi
        .all([
            alarm.namespace,
            alarm.metricName,
            alarm.dimensions,
            alarm.statistic,
            alarm.period,
            alarm.evaluationPeriods,
            alarm.threshold,
            alarm.comparisonOperator,
        ])
        .apply(([namespace, metricName, dimensions, statistic, period, evaluationPeriods, threshold, comparisonOperator]) =>
            JSON.stringify({ namespace, metricName, dimensions, statistic, period, evaluationPeriods, threshold, comparisonOperator }),
        );
}

function alarmArgs(spec: AlarmSpec, topicArn: pulumi.Input<string>, tags: Record<string, string>): aws.cloudwatch.MetricAlarmArgs {
    return {
        name: spec.name,
        alarmDescription: `${spec.description} Settings: ${spec.source}`,
        comparisonOperator: spec.comparisonOperator,
        threshold: spec.threshold,
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.datapointsToAlarm,
        treatMissingData: spec.treatMissingData,
        namespace: spec.metric.namespace,
        metricName: spec.metric.metricName,
        dimensions: spec.metric.dimensions,
        statistic: spec.statistic,
        period: spec.periodSeconds,
        alarmActions: [topicArn],
        okActions: [topicArn],
        tags,
    };
}
