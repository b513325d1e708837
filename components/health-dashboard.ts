import type * as aws from "@pulumi/aws";
// awsx's classic modules one by one: its package index also loads ECS, ECR and the AWS SDK's ECS
// client, 240 ms of every render worker's start-up (measured beside these three: 5 ms).
import * as cloudwatch from "@pulumi/awsx/classic/cloudwatch";
import { metrics as lambdaMetrics } from "@pulumi/awsx/classic/lambda";
import { metrics as sqsMetrics } from "@pulumi/awsx/classic/sqs";
import * as pulumi from "@pulumi/pulumi";
import { deadLetterQueueName, healthDashboardName, healthFunctionName } from "../lib/contracts/naming";
import { PUBLISH_FAILURE_METRIC } from "./health-check/metrics";
import { metricNamespace } from "./policy-documents/permission-boundary";
import { arn } from "./policy-documents/policy-document";

export interface HealthDashboardArgs {
    subsystem: string;
    accountId: pulumi.Input<string>;
    /** The region the dashboard shows; its metrics and alarms are read there. */
    region: string;
    /** The region's two calculated Route 53 checks: the DNS signal and the bus signal. Route 53 assigns their ids. */
    healthCheckIds: { dns: pulumi.Input<string>; bus: pulumi.Input<string> };
    /** The alarms behind the region's health: the health checks' alarms and the dead-letter queue's. */
    alarmNames: readonly string[];
    partition?: string;
}

/**
 * Route 53 publishes health-check metrics in US East (N. Virginia) only, whichever region the check
 * watches (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-cloudwatch.html), so
 * that widget reads us-east-1 while the rest read the dashboard's region.
 */
export const ROUTE53_METRICS_REGION = "us-east-1";

/** One-minute periods: the tracer runs once a minute, and Route 53 and EventBridge report per minute. */
const PERIOD_SECONDS = 60;
const HALF_WIDTH = 12;
const THIRD_WIDTH = 8;

/**
 * One region's health dashboard of a subsystem: the two calculated checks' status as Route 53 sees
 * it, the state of every alarm behind them, the tracer function's errors and duration, the bus's
 * ingestion-to-invocation latency and the tracer's publish failures, and the dead-letter queue's
 * depth. Metrics are named by the resources' names, not their outputs, so only the checks' ids
 * wait for Route 53. awsx's classic dashboard is an ordinary `aws.cloudwatch.Dashboard` built in
 * this process from typed widgets, so the plan and the deployability check see it as they see any
 * other resource.
 */
export class HealthDashboard extends pulumi.ComponentResource {
    readonly dashboardName: string;

    constructor(name: string, args: HealthDashboardArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:health:HealthDashboard", name, {}, opts);
        const { subsystem, region } = args;
        const partition = args.partition ?? "aws";
        const dashboardName = healthDashboardName(subsystem, region);
        const alarmArns = args.alarmNames.map((alarmName) =>
            pulumi.output(args.accountId).apply((accountId) => arn({ accountId, partition }, "cloudwatch", region, `alarm:${alarmName}`)),
        );
        const healthCheckStatus = (id: pulumi.Input<string>, label: string) =>
            new cloudwatch.Metric({
                namespace: "AWS/Route53",
                name: "HealthCheckStatus",
                dimensions: { HealthCheckId: id },
                statistic: "Minimum",
                period: PERIOD_SECONDS,
                label,
            });
        const tracer = { FunctionName: healthFunctionName(subsystem) };

        new cloudwatch.Dashboard(
            `${name}-dashboard`,
            {
                name: dashboardName,
                // The provider's region is not read: the body must not depend on where the stack happens to run.
                region: region as aws.Region,
                periodOverride: "inherit",
                widgets: [
                    new cloudwatch.RowWidget(
                        new cloudwatch.LineGraphMetricWidget({
                            title: `Health checks of ${subsystem} in ${region} (1 healthy, 0 unhealthy)`,
                            region: ROUTE53_METRICS_REGION,
                            width: HALF_WIDTH,
                            metrics: [healthCheckStatus(args.healthCheckIds.dns, "DNS signal"), healthCheckStatus(args.healthCheckIds.bus, "bus signal")],
                            yAxis: { left: { min: 0, max: 1 } },
                        }),
                        new cloudwatch.AlarmWidget({ title: "Alarms behind the health checks", width: HALF_WIDTH, alarms: alarmArns }),
                    ),
                    new cloudwatch.RowWidget(
                        new cloudwatch.LineGraphMetricWidget({
                            title: `Tracer ${tracer.FunctionName}: errors and p99 duration (ms)`,
                            width: THIRD_WIDTH,
                            metrics: [
                                lambdaMetrics.errors({ statistic: "Sum", period: PERIOD_SECONDS, label: "errors" }).withDimensions(tracer),
                                lambdaMetrics
                                    .duration({ extendedStatistic: 99, period: PERIOD_SECONDS, label: "duration p99", yAxis: "right" })
                                    .withDimensions(tracer),
                            ],
                        }),
                        new cloudwatch.LineGraphMetricWidget({
                            title: "Bus: ingestion-to-invocation latency (ms) and the tracer's publish failures (share)",
                            width: THIRD_WIDTH,
                            metrics: [
                                new cloudwatch.Metric({
                                    namespace: "AWS/Events",
                                    name: "IngestionToInvocationStartLatency",
                                    statistic: "Average",
                                    period: PERIOD_SECONDS,
                                    label: "latency",
                                }),
                                new cloudwatch.Metric({
                                    namespace: metricNamespace(subsystem),
                                    name: PUBLISH_FAILURE_METRIC,
                                    statistic: "Average",
                                    period: PERIOD_SECONDS,
                                    label: "publish failures",
                                    yAxis: "right",
                                }),
                            ],
                        }),
                        new cloudwatch.LineGraphMetricWidget({
                            title: `Dead-letter queue ${deadLetterQueueName(subsystem)}: messages waiting`,
                            width: THIRD_WIDTH,
                            metrics: [
                                sqsMetrics
                                    .approximateNumberOfMessagesVisible({ statistic: "Maximum", period: PERIOD_SECONDS, label: "depth" })
                                    .withDimensions({ QueueName: deadLetterQueueName(subsystem) }),
                            ],
                        }),
                    ),
                ],
            },
            { parent: this },
        );

        this.dashboardName = dashboardName;
        this.registerOutputs({ dashboardName });
    }
}
