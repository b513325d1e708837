import { strict as assert } from "node:assert";
import { matchesPattern } from "../../components/event-pattern-matcher";
import { type EventPattern, originStamp } from "../../components/event-patterns";
import { GlobalEndpoint } from "../../components/global-endpoint";
import { bundleHandler } from "../../components/health-check/bundle";
import { HEALTH_CHECK_TAG_KEYS } from "../../components/health-check-plan";
import { Subsystem, type SubsystemArgs } from "../../components/subsystem";
import { trustAllows } from "../../policies/iam/assume-role-decision";
import type { HealthCheckSettings } from "../../regions/region-schema";
import { ACCOUNT_ID, type RenderedResource, cloudResources, ofType, policyOf, render, renderFailure, single } from "./mock-harness";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const BOUNDARY = `arn:aws:iam::${ACCOUNT_ID}:policy/orders-boundary`;
/** Deliberately unlike the catalog defaults, so a value that did not come from here shows. */
const SETTINGS: HealthCheckSettings = {
    requestInterval: 30,
    failureThreshold: 2,
    checkerRegions: ["us-west-2", "eu-west-1", "ap-northeast-1", "sa-east-1"],
    alarmPeriodSeconds: 120,
    alarmEvaluationPeriods: 4,
    alarmDatapointsToAlarm: 3,
    errorRateThreshold: 0.4,
    traceTimeoutSeconds: 120,
    traceFailuresToUnhealthy: 3,
};

function subsystemArgs(region: string): SubsystemArgs {
    const peerRegions = REGIONS.filter((r) => r !== region);
    return {
        subsystem: "orders",
        environment: "prod",
        accountId: ACCOUNT_ID,
        region,
        peerRegions,
        secondaryRegion: peerRegions[0],
        publishers: { organizationPath: "o-meridian/r-ab12/ou-ab12-workload/ou-ab12-prod/" },
        zoneId: "Z-PROD-ORDERS",
        zoneName: "prod.orders.meridian.example.com",
        healthCheck: SETTINGS,
        dnsTtlSeconds: 45,
        boundaryArn: BOUNDARY,
        archiveRetentionDays: 14,
        tags: { owner: "orders-team" },
    };
}

const rendered = new Map<string, RenderedResource[]>();
async function renderRegion(region: string): Promise<RenderedResource[]> {
    if (!rendered.has(region)) {
        rendered.set(region, await render((opts) => new Subsystem(`orders-${region}`, subsystemArgs(region), opts)));
    }
    return rendered.get(region)!;
}

function byNamePrefix(resources: RenderedResource[], type: string, fragment: string): RenderedResource[] {
    return ofType(resources, type).filter((resource) => resource.name.includes(fragment));
}

describe("Subsystem in one region", () => {
    let resources: RenderedResource[];
    before(async () => {
        resources = await renderRegion("us-east-1");
    });

    it("puts the boundary on every role it creates", () => {
        const roles = ofType(resources, "aws:iam/role:Role");
        assert.deepEqual(roles.map((role) => role.inputs.name).sort(), [
            "orders-endpoint-us-east-1",
            "orders-health-us-east-1",
            "orders-rehearsal-revert-us-east-1",
            "orders-replication-us-east-1",
            "orders-workload-us-east-1",
        ]);
        for (const role of roles) {
            assert.equal(role.inputs.permissionsBoundary, BOUNDARY, String(role.inputs.name));
        }
    });

    // Where AWS documents that the service sends aws:SourceAccount, a request without it is refused;
    // where it does not (components/policy-documents/service-source-keys.ts), the role still works
    // without the key. Either way a request made for another account is refused.
    const SERVICE_ROLES: ReadonlyArray<{ role: string; service: string; withoutSourceAccount: boolean }> = [
        { role: "orders-endpoint-us-east-1", service: "events.amazonaws.com", withoutSourceAccount: true },
        { role: "orders-replication-us-east-1", service: "events.amazonaws.com", withoutSourceAccount: false },
        { role: "orders-rehearsal-revert-us-east-1", service: "scheduler.amazonaws.com", withoutSourceAccount: false },
        { role: "orders-workload-us-east-1", service: "lambda.amazonaws.com", withoutSourceAccount: true },
        { role: "orders-health-us-east-1", service: "lambda.amazonaws.com", withoutSourceAccount: true },
    ];
    for (const { role, service, withoutSourceAccount } of SERVICE_ROLES) {
        it(`lets ${service} assume ${role} for this account${withoutSourceAccount ? ", also when it sends no aws:SourceAccount," : " only when it says so (aws:SourceAccount),"} and never for another account`, () => {
            const resource = ofType(resources, "aws:iam/role:Role").find((candidate) => candidate.inputs.name === role)!;
            const trust = policyOf(resource, "assumeRolePolicy");
            const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/${role}`;
            const decide = (context: Record<string, string>) => trustAllows(trust, { action: "sts:AssumeRole", caller: service, role: roleArn, context });
            assert.equal(decide({}).allowed, withoutSourceAccount, `without aws:SourceAccount: ${decide({}).reason}`);
            assert.equal(decide({ "aws:SourceAccount": ACCOUNT_ID }).allowed, true, "for this account");
            assert.equal(decide({ "aws:SourceAccount": "999999999999" }).allowed, false, "for another account");
        });
    }

    describe("global bus", () => {
        it("encrypts the bus, its archive and its dead-letter queue with the bus's customer key", () => {
            const key = single(resources, "aws:kms/key:Key");
            const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/${key.name}-id`;
            assert.equal(key.inputs.enableKeyRotation, true);
            const bus = single(resources, "aws:cloudwatch/eventBus:EventBus");
            assert.equal(bus.inputs.name, "orders-bus");
            assert.equal(bus.inputs.kmsKeyIdentifier, keyArn);
            assert.equal(single(resources, "aws:cloudwatch/eventArchive:EventArchive").inputs.kmsKeyIdentifier, keyArn);
            assert.equal(single(resources, "aws:sqs/queue:Queue").inputs.kmsMasterKeyId, keyArn);
        });

        it("lets EventBridge use the bus key for the bus, its archive (which re-encrypts) and the dead-letter queue, for this account only", () => {
            const policy = policyOf(single(resources, "aws:kms/key:Key"));
            const forEvents = policy.Statement.filter((statement) => JSON.stringify(statement.Principal).includes("events.amazonaws.com"));
            const actions = forEvents.flatMap((statement) => statement.Action as string[]).sort();
            assert.deepEqual(actions, ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"]);
            for (const statement of forEvents) {
                assert.deepEqual(statement.Condition, { StringEquals: { "aws:SourceAccount": ACCOUNT_ID } }, String(statement.Sid));
            }
        });

        it("archives with the given retention", () => {
            assert.equal(single(resources, "aws:cloudwatch/eventArchive:EventArchive").inputs.retentionDays, 14);
        });

        it("lets only principals under the account's OU path put events", () => {
            const policy = policyOf(single(resources, "aws:cloudwatch/eventBusPolicy:EventBusPolicy"));
            assert.deepEqual(
                policy.Statement.map((s) => [s.Action, s.Condition]),
                [[["events:PutEvents"], { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-meridian/r-ab12/ou-ab12-workload/ou-ab12-prod/*"] } }]],
            );
        });

        it("alarms on the dead-letter queue's depth as soon as one event lands there", () => {
            const alarm = single(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", "orders-us-east-1-bus-dlq-depth");
            assert.deepEqual(
                [alarm.inputs.namespace, alarm.inputs.metricName, alarm.inputs.dimensions, alarm.inputs.statistic, alarm.inputs.threshold],
                ["AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "orders-bus-dlq" }, "Maximum", 1],
            );
        });

        it("sends what no target on the bus can take to the dead-letter queue", () => {
            const queueArn = `arn:aws:sqs:us-east-1:${ACCOUNT_ID}:orders-bus-dlq`;
            const busTargets = ofType(resources, "aws:cloudwatch/eventTarget:EventTarget").filter((target) => target.inputs.eventBusName === "orders-bus");
            assert.deepEqual(busTargets.map((target) => target.name).sort(), [
                "orders-us-east-1-bus-replicate-ap-southeast-2-target",
                "orders-us-east-1-bus-replicate-eu-west-1-target",
                "orders-us-east-1-health-trace-target",
            ]);
            for (const target of busTargets) {
                assert.deepEqual(target.inputs.deadLetterConfig, { arn: queueArn }, target.name);
            }
            assert.deepEqual(single(resources, "aws:cloudwatch/eventBus:EventBus").inputs.deadLetterConfig, { arn: queueArn });
        });

        it("lets EventBridge fill the dead-letter queue for the bus's rules and for the bus itself, and nothing else", () => {
            const policy = policyOf(single(resources, "aws:sqs/queuePolicy:QueuePolicy"));
            assert.deepEqual(
                policy.Statement.map((statement) => [statement.Principal, statement.Action, statement.Condition]),
                [
                    [
                        { Service: "events.amazonaws.com" },
                        ["sqs:SendMessage"],
                        {
                            ArnLike: {
                                "aws:SourceArn": [
                                    `arn:aws:events:us-east-1:${ACCOUNT_ID}:rule/orders-bus/*`,
                                    `arn:aws:events:us-east-1:${ACCOUNT_ID}:event-bus/orders-bus`,
                                ],
                            },
                        },
                    ],
                ],
            );
        });

        it("replicates to every peer region's bus, never to its own", () => {
            const targets = byNamePrefix(resources, "aws:cloudwatch/eventTarget:EventTarget", "-replicate-");
            assert.deepEqual(targets.map((target) => target.inputs.arn).sort(), [
                `arn:aws:events:ap-southeast-2:${ACCOUNT_ID}:event-bus/orders-bus`,
                `arn:aws:events:eu-west-1:${ACCOUNT_ID}:event-bus/orders-bus`,
            ]);
            for (const target of targets) {
                assert.equal(target.inputs.roleArn, `arn:aws:iam::${ACCOUNT_ID}:role/orders-replication-us-east-1`);
            }
        });

        it("lets the replication role put events on the peer buses only", () => {
            const policy = policyOf(single(resources, "aws:iam/rolePolicy:RolePolicy", "orders-us-east-1-bus-replication-policy"));
            assert.deepEqual(policy.Statement, [
                {
                    Sid: "PutOnNamedBuses",
                    Effect: "Allow",
                    Action: ["events:PutEvents"],
                    Resource: [
                        `arn:aws:events:ap-southeast-2:${ACCOUNT_ID}:event-bus/orders-bus`,
                        `arn:aws:events:eu-west-1:${ACCOUNT_ID}:event-bus/orders-bus`,
                    ],
                },
            ]);
        });

        it("installs replication rules that forward local events and never replicated ones", () => {
            const rules = byNamePrefix(resources, "aws:cloudwatch/eventRule:EventRule", "-replicate-");
            assert.equal(rules.length, 2);
            for (const rule of rules) {
                const pattern = JSON.parse(String(rule.inputs.eventPattern)) as EventPattern;
                const local = { source: "orders", region: "us-east-1", detail: { ...originStamp("us-east-1"), orderId: "o-1" } };
                const fromPeer = { source: "orders", region: "eu-west-1", detail: { ...originStamp("eu-west-1"), orderId: "o-1" } };
                const viaEndpoint = { ...local, "replication-name": "orders-endpoint" };
                assert.equal(matchesPattern(pattern, local), true, `${rule.name}: local event`);
                assert.equal(matchesPattern(pattern, fromPeer), false, `${rule.name}: replicated event`);
                assert.equal(matchesPattern(pattern, viaEndpoint), false, `${rule.name}: endpoint copy`);
            }
        });
    });

    describe("global endpoint", () => {
        it("fails over from this region to the secondary on the region's bus check, not its DNS check, replicating", () => {
            const endpoint = single(resources, "aws:cloudwatch/eventEndpoint:EventEndpoint");
            const bus = single(resources, HEALTH_CHECK, "orders-us-east-1-health-bus-calculated");
            assert.deepEqual(endpoint.inputs.eventBuses, [
                { eventBusArn: `arn:aws:events:us-east-1:${ACCOUNT_ID}:event-bus/orders-bus` },
                { eventBusArn: `arn:aws:events:eu-west-1:${ACCOUNT_ID}:event-bus/orders-bus` },
            ]);
            assert.deepEqual(endpoint.inputs.routingConfig, {
                failoverConfig: { primary: { healthCheck: `arn:aws:route53:::healthcheck/${bus.name}-id` }, secondary: { route: "eu-west-1" } },
            });
            assert.deepEqual(endpoint.inputs.replicationConfig, { state: "ENABLED" });
            assert.equal(endpoint.inputs.roleArn, `arn:aws:iam::${ACCOUNT_ID}:role/orders-endpoint-us-east-1`);
        });

        it("creates the endpoint only once its role's policy is in place: EventBridge sets up replication as that role at once", () => {
            const endpoint = single(resources, "aws:cloudwatch/eventEndpoint:EventEndpoint");
            const dependsOn = ([] as unknown[]).concat(endpoint.options.dependsOn ?? []);
            assert.deepEqual(
                dependsOn.map((resource) => (resource as { __name?: string }).__name),
                ["orders-us-east-1-endpoint-role-policy"],
            );
        });

        it("gives the endpoint's role what event replication needs: its managed rules on both buses, and passing itself to EventBridge", () => {
            const policy = policyOf(single(resources, "aws:iam/rolePolicy:RolePolicy", "orders-us-east-1-endpoint-role-policy"));
            assert.deepEqual(
                policy.Statement.map((statement) => [statement.Action, statement.Resource]),
                [
                    [
                        ["events:PutRule", "events:PutTargets", "events:DeleteRule", "events:RemoveTargets"],
                        [
                            `arn:aws:events:us-east-1:${ACCOUNT_ID}:rule/orders-bus/GlobalEndpointManagedRule-*`,
                            `arn:aws:events:eu-west-1:${ACCOUNT_ID}:rule/orders-bus/GlobalEndpointManagedRule-*`,
                        ],
                    ],
                    [
                        ["events:PutEvents"],
                        [`arn:aws:events:us-east-1:${ACCOUNT_ID}:event-bus/orders-bus`, `arn:aws:events:eu-west-1:${ACCOUNT_ID}:event-bus/orders-bus`],
                    ],
                    [["iam:PassRole"], [`arn:aws:iam::${ACCOUNT_ID}:role/orders-endpoint-us-east-1`]],
                ],
            );
        });

        it("lets the subsystem's publishers write to the endpoint's secondary bus, where their events land after a failover", () => {
            const policy = policyOf(single(resources, "aws:iam/rolePolicy:RolePolicy", "orders-us-east-1-workload-policy"));
            const publish = policy.Statement.find((statement) => statement.Sid === "PublishToBus");
            assert.deepEqual(publish?.Resource, [
                `arn:aws:events:us-east-1:${ACCOUNT_ID}:event-bus/orders-bus`,
                `arn:aws:events:eu-west-1:${ACCOUNT_ID}:event-bus/orders-bus`,
            ]);
        });
    });

    describe("regional health check", () => {
        const checks = () => ofType(resources, HEALTH_CHECK);
        const childrenOf = (calculated: RenderedResource) =>
            (calculated.inputs.childHealthchecks as string[]).map((id) => checks().find((check) => `${check.name}-id` === id)!);
        const alarmOf = (check: RenderedResource) =>
            ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").find((alarm) => alarm.inputs.name === check.inputs.cloudwatchAlarmName)!;

        it("checks the tracer's verdict over HTTPS with the catalog's interval, threshold and checker regions", () => {
            const https = single(resources, HEALTH_CHECK, "orders-us-east-1-health-https");
            assert.equal(https.inputs.type, "HTTPS");
            assert.equal(https.inputs.fqdn, "orders-us-east-1-health-api-id.execute-api.us-east-1.amazonaws.com");
            assert.equal(https.inputs.resourcePath, "/live/check");
            assert.equal(https.inputs.requestInterval, SETTINGS.requestInterval);
            assert.equal(https.inputs.failureThreshold, SETTINGS.failureThreshold);
            assert.deepEqual(https.inputs.regions, SETTINGS.checkerRegions);
        });

        it("checks the public custom domain as users reach it, through the region's own name, on a path that costs no function call", () => {
            const domain = single(resources, HEALTH_CHECK, "orders-us-east-1-health-https-domain");
            assert.equal(domain.inputs.fqdn, "us-east-1.api.prod.orders.meridian.example.com");
            assert.equal(domain.inputs.resourcePath, "/ping");
            assert.equal(domain.inputs.enableSni, true);
            const integration = single(resources, "aws:apigateway/integration:Integration", "orders-us-east-1-latency-ping-integration");
            assert.equal(integration.inputs.type, "MOCK");
        });

        it("makes the DNS check the tracer, the domain and the error-rate alarms, all required", () => {
            const calculated = single(resources, HEALTH_CHECK, "orders-us-east-1-health-calculated");
            const children = childrenOf(calculated);
            assert.deepEqual(
                children.map((child) => [child.name, child.inputs.type]),
                [
                    ["orders-us-east-1-health-https", "HTTPS"],
                    ["orders-us-east-1-health-https-domain", "HTTPS"],
                    ["orders-us-east-1-health-metric-api-5xx-rate", "CLOUDWATCH_METRIC"],
                    ["orders-us-east-1-health-metric-trace-error-rate", "CLOUDWATCH_METRIC"],
                ],
            );
            assert.equal(calculated.inputs.childHealthThreshold, children.length);
        });

        it("makes the bus check AWS's publishing-side signals only: delivery latency and failed PutEvents, all required", () => {
            const bus = single(resources, HEALTH_CHECK, "orders-us-east-1-health-bus-calculated");
            const alarms = childrenOf(bus).map(alarmOf);
            assert.deepEqual(
                alarms.map((alarm) => [
                    alarm.inputs.namespace,
                    alarm.inputs.metricName,
                    alarm.inputs.statistic,
                    alarm.inputs.threshold,
                    alarm.inputs.period,
                    alarm.inputs.evaluationPeriods,
                ]),
                [
                    // AWS's template for a global endpoint's health check (eb-ge-cfn): over 30 s on average, 5 minutes in a row.
                    ["AWS/Events", "IngestionToInvocationStartLatency", "Average", 30000, 60, 5],
                    ["Meridian/orders", "PublishFailures", "Average", 0.5, SETTINGS.alarmPeriodSeconds, SETTINGS.alarmEvaluationPeriods],
                ],
            );
            assert.equal(bus.inputs.childHealthThreshold, 2);
        });

        it("fires no alarm behind a health check on a single datapoint: every one needs at least 2 breaching periods", () => {
            const metricChecks = checks().filter((check) => check.inputs.type === "CLOUDWATCH_METRIC");
            assert.equal(metricChecks.length, 4);
            for (const check of metricChecks) {
                const alarm = alarmOf(check);
                assert.ok(Number(alarm.inputs.evaluationPeriods) >= 2, alarm.name);
                assert.ok(Number(alarm.inputs.datapointsToAlarm) >= 2, alarm.name);
                assert.equal(alarm.inputs.statistic, "Average", `${alarm.name}: a rate, not a count`);
            }
        });

        it("holds the error alarms to the catalog's rate, M-of-N window and period, on single metrics Route 53 can watch", () => {
            for (const kind of ["api-5xx-rate", "trace-error-rate"]) {
                const alarm = single(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", `orders-us-east-1-health-alarm-${kind}`);
                assert.equal(alarm.inputs.period, SETTINGS.alarmPeriodSeconds, kind);
                assert.equal(alarm.inputs.evaluationPeriods, SETTINGS.alarmEvaluationPeriods, kind);
                assert.equal(alarm.inputs.datapointsToAlarm, SETTINGS.alarmDatapointsToAlarm, kind);
                // Route 53 copies one metric's namespace, name, period and statistic from the alarm; metric math has none.
                assert.equal(alarm.inputs.metricQueries, undefined, kind);
            }
            const api = single(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", "orders-us-east-1-health-alarm-api-5xx-rate");
            assert.deepEqual(
                [api.inputs.metricName, api.inputs.dimensions, api.inputs.threshold],
                ["5XXError", { ApiName: "orders-health", Stage: "live" }, 0.4],
            );
            const tracer = single(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", "orders-us-east-1-health-alarm-trace-error-rate");
            assert.deepEqual(
                [tracer.inputs.namespace, tracer.inputs.metricName, tracer.inputs.treatMissingData],
                ["Meridian/orders", "TraceErrors", "breaching"],
            );
        });

        it("sets each metric check's missing-data status from its alarm's", () => {
            const statuses = checks()
                .filter((check) => check.inputs.type === "CLOUDWATCH_METRIC")
                .map((check) => [check.inputs.cloudwatchAlarmName, check.inputs.insufficientDataHealthStatus])
                .sort();
            assert.deepEqual(statuses, [
                ["orders-health-api-5xx-rate", "Healthy"],
                ["orders-health-bus-delivery-latency", "Unhealthy"],
                ["orders-health-publish-failure-rate", "Healthy"],
                ["orders-health-trace-error-rate", "Unhealthy"],
            ]);
        });

        it("routes every alarm, the dead-letter queue's included, to the subsystem's alarm topic", () => {
            const topic = single(resources, "aws:sns/topic:Topic");
            assert.equal(topic.inputs.name, "orders-alarms");
            const topicArn = `arn:aws:mock:::aws:sns/topic:Topic/${topic.name}`;
            const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
            assert.equal(alarms.length, 5);
            for (const alarm of alarms) {
                assert.deepEqual(alarm.inputs.alarmActions, [topicArn], alarm.name);
                assert.deepEqual(alarm.inputs.okActions, [topicArn], alarm.name);
            }
        });

        it("tags every health check with the failover tooling's contract, and its signal", () => {
            for (const check of checks()) {
                const tags = check.inputs.tags as Record<string, string>;
                const kind = check.inputs.type === "HTTPS" ? "https" : check.inputs.type === "CALCULATED" ? "calculated" : "metric";
                assert.equal(tags[HEALTH_CHECK_TAG_KEYS.subsystem], "orders", check.name);
                assert.equal(tags[HEALTH_CHECK_TAG_KEYS.environment], "prod", check.name);
                assert.equal(tags[HEALTH_CHECK_TAG_KEYS.region], "us-east-1", check.name);
                assert.equal(tags[HEALTH_CHECK_TAG_KEYS.check], kind, check.name);
                assert.equal(
                    tags[HEALTH_CHECK_TAG_KEYS.signal],
                    check.name.includes("bus-") || /(publish-failure|bus-delivery)/.test(check.name) ? "bus" : "dns",
                    check.name,
                );
                assert.match(tags[HEALTH_CHECK_TAG_KEYS.name], new RegExp(`^orders-prod-us-east-1-${kind}`), check.name);
            }
            // The rehearsal drains the region through the DNS check, found by this Name.
            assert.equal(
                (single(resources, HEALTH_CHECK, "orders-us-east-1-health-calculated").inputs.tags as Record<string, string>).Name,
                "orders-prod-us-east-1-calculated",
            );
        });

        it("re-syncs each metric check when its alarm changes (Route 53 keeps its own copy of the alarm's settings)", async () => {
            const changed = await render(
                (opts) => new Subsystem("orders-us-east-1", { ...subsystemArgs("us-east-1"), healthCheck: { ...SETTINGS, alarmEvaluationPeriods: 5 } }, opts),
            );
            const catalogWindow = (rendered: RenderedResource[]) =>
                ofType(rendered, HEALTH_CHECK).filter((check) => check.inputs.type === "CLOUDWATCH_METRIC" && !check.name.endsWith("bus-delivery-latency"));
            const before = catalogWindow(resources);
            const after = catalogWindow(changed);
            assert.equal(before.length, 3);
            for (const check of before) {
                const counterpart = after.find((other) => other.name === check.name)!;
                assert.notDeepEqual(counterpart.inputs.triggers, check.inputs.triggers, `${check.name}: an alarm change must update the check`);
                const synced = JSON.parse((check.inputs.triggers as Record<string, string>).alarm) as Record<string, unknown>;
                assert.equal(synced.evaluationPeriods, SETTINGS.alarmEvaluationPeriods, check.name);
                assert.equal(synced.period, SETTINGS.alarmPeriodSeconds, check.name);
            }
        });

        it("deploys the bundled, tested handler with the catalog's trace timeout and consecutive failures", async () => {
            const fn = single(resources, "aws:lambda/function:Function");
            assert.equal(fn.inputs.handler, "index.handler");
            assert.equal(fn.inputs.runtime, "nodejs22.x");
            const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
            assert.equal(variables.TRACE_TIMEOUT_SECONDS, "120");
            assert.equal(variables.TRACE_FAILURES_TO_UNHEALTHY, "3");
            assert.equal(variables.TRACE_INTERVAL_SECONDS, "60");
            assert.equal(variables.FORCE_UNHEALTHY_PARAMETER, "/orders/health/force-unhealthy");
            const code = fn.inputs.code as { assets: Promise<Record<string, { text: Promise<string> }>> };
            const assets = await code.assets;
            assert.deepEqual(Object.keys(assets), ["index.js"]);
            assert.equal(await assets["index.js"].text, bundleHandler().code);
        });

        it("gives up on the function before Route 53's 2 s response window closes", () => {
            const integration = single(resources, "aws:apigateway/integration:Integration", "orders-us-east-1-health-check-integration");
            assert.ok(Number(integration.inputs.timeoutMilliseconds) < 2000);
        });

        it("answers GET /check to Route 53's checker ranges only: a resource policy, redeployed when it changes", () => {
            const policy = JSON.parse(
                String(single(resources, "aws:apigateway/restApiPolicy:RestApiPolicy", "orders-us-east-1-health-api-policy").inputs.policy),
            ) as {
                Statement: Array<{ Effect: string; Resource: string[]; Condition: Record<string, Record<string, string[]>> }>;
            };
            assert.deepEqual(
                policy.Statement.map((statement) => [statement.Effect, statement.Resource, Object.keys(statement.Condition)]),
                [
                    ["Allow", ["execute-api:/live/GET/check"], ["IpAddress"]],
                    ["Deny", ["execute-api:/live/GET/check"], ["NotIpAddress"]],
                ],
            );
            const ranges = policy.Statement[0].Condition.IpAddress["aws:SourceIp"];
            assert.ok(ranges.includes("15.177.0.0/18") && ranges.includes("107.23.255.0/26"), "the committed ROUTE53_HEALTHCHECKS snapshot");
            const deployment = single(resources, "aws:apigateway/deployment:Deployment", "orders-us-east-1-health-deployment");
            const configuration = JSON.parse((deployment.inputs.triggers as Record<string, string>).configuration) as Record<string, unknown>;
            assert.match(String(configuration.policy), /^sha256:[0-9a-f]{64}$/);
        });

        it("puts a WAF web ACL in front of both stages: checkers let through, health paths closed to others, a per-address rate", () => {
            const acl = single(resources, "aws:wafv2/webAcl:WebAcl");
            const rules = acl.inputs.rules as Array<{ name: string; action: Record<string, unknown> }>;
            assert.deepEqual(
                rules.map((rule) => [rule.name, Object.keys(rule.action)[0]]),
                [
                    ["route53-checkers", "allow"],
                    ["health-paths-checkers-only", "block"],
                    ["rate-per-address", "block"],
                ],
            );
            const stages = ofType(resources, "aws:apigateway/stage:Stage").map((stage) => `arn:aws:mock:::aws:apigateway/stage:Stage/${stage.name}`);
            const associated = ofType(resources, "aws:wafv2/webAclAssociation:WebAclAssociation").map((association) => association.inputs.resourceArn);
            assert.deepEqual([...associated].sort(), [...stages].sort());
        });

        it("redeploys the stage whenever the route, method, integration or policy changes, not only when one is replaced", () => {
            const deployment = single(resources, "aws:apigateway/deployment:Deployment", "orders-us-east-1-health-deployment");
            const configuration = JSON.parse((deployment.inputs.triggers as Record<string, string>).configuration) as Record<string, unknown>;
            assert.deepEqual(Object.keys(configuration), [
                "pathPart",
                "httpMethod",
                "authorization",
                "integrationType",
                "integrationHttpMethod",
                "uri",
                "timeoutMs",
                "resource",
                "method",
                "integration",
                "policy",
            ]);
            assert.equal(configuration.uri, "invoke:orders-health-check");
            assert.equal(configuration.method, "orders-us-east-1-health-check-method-id");
        });

        it("keeps traces with TTL, point-in-time recovery and encryption", () => {
            const table = single(resources, "aws:dynamodb/table:Table");
            assert.deepEqual(table.inputs.ttl, { attributeName: "expiresAt", enabled: true });
            assert.deepEqual(table.inputs.pointInTimeRecovery, { enabled: true });
            assert.deepEqual(table.inputs.serverSideEncryption, { enabled: true });
        });

        it("serves REGIONAL APIs and starts a trace every minute, each invocation scoped by source ARN", () => {
            for (const api of ofType(resources, "aws:apigateway/restApi:RestApi"))
                assert.deepEqual(api.inputs.endpointConfiguration, { types: "REGIONAL" }, api.name);
            const schedule = single(resources, "aws:cloudwatch/eventRule:EventRule", "orders-us-east-1-health-schedule");
            assert.equal(schedule.inputs.scheduleExpression, "rate(1 minute)");
            const permissions = ofType(resources, "aws:lambda/permission:Permission");
            assert.equal(permissions.length, 3);
            for (const permission of permissions) {
                assert.equal(typeof permission.inputs.sourceArn, "string", permission.name);
            }
            assert.equal(
                single(resources, "aws:lambda/permission:Permission", "orders-us-east-1-health-api-permission").inputs.sourceArn,
                `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:orders-us-east-1-health-api-id/*/GET/check`,
            );
        });
    });

    describe("latency routing", () => {
        it("publishes a latency CNAME for this region with its DNS check and the catalog's TTL, which it really carries", () => {
            const record = single(resources, "aws:route53/record:Record", "orders-us-east-1-latency-record");
            assert.equal(record.inputs.name, "api.prod.orders.meridian.example.com");
            assert.equal(record.inputs.type, "CNAME");
            assert.equal(record.inputs.ttl, 45);
            assert.deepEqual(record.inputs.records, ["d-orders-us-east-1-latency-domain.execute-api.amazonaws.com"]);
            assert.equal(record.inputs.setIdentifier, "us-east-1");
            assert.deepEqual(record.inputs.latencyRoutingPolicies, [{ region: "us-east-1" }]);
            assert.equal(record.inputs.healthCheckId, "orders-us-east-1-health-calculated-id");
            assert.equal(record.inputs.aliases, undefined);
            assert.equal(record.options.deleteBeforeReplace, true);
        });

        it("answers the region's own name always, so the domain check sees the region recover", () => {
            const record = single(resources, "aws:route53/record:Record", "orders-us-east-1-latency-region-record");
            assert.deepEqual(
                [record.inputs.name, record.inputs.type, record.inputs.records, record.inputs.healthCheckId],
                ["us-east-1.api.prod.orders.meridian.example.com", "CNAME", ["d-orders-us-east-1-latency-region-domain.execute-api.amazonaws.com"], undefined],
            );
        });

        it("never serves the tracer through the public custom domain: both domains map the public API", () => {
            const publicApi = single(resources, "aws:apigateway/restApi:RestApi", "orders-us-east-1-latency-public-api");
            assert.equal(publicApi.inputs.name, "orders-public");
            const mappings = ofType(resources, "aws:apigateway/basePathMapping:BasePathMapping");
            assert.equal(mappings.length, 2);
            for (const mapping of mappings) assert.equal(mapping.inputs.restApi, `${publicApi.name}-id`, mapping.name);
        });

        it("closes the public API's health path to everyone but the checkers, and leaves the rest open", () => {
            const policy = JSON.parse(
                String(single(resources, "aws:apigateway/restApiPolicy:RestApiPolicy", "orders-us-east-1-latency-public-api-policy").inputs.policy),
            ) as {
                Statement: Array<{ Effect: string; Resource: string[]; Condition?: Record<string, unknown> }>;
            };
            assert.deepEqual(
                policy.Statement.map((statement) => [statement.Effect, statement.Resource, Object.keys(statement.Condition ?? {})]),
                [
                    ["Allow", ["execute-api:/live/*/*"], []],
                    ["Allow", ["execute-api:/live/GET/ping"], ["IpAddress"]],
                    ["Deny", ["execute-api:/live/GET/ping"], ["NotIpAddress"]],
                ],
            );
        });

        it("validates one certificate for the name and the region's own name with a record every region may overwrite", () => {
            const certificate = single(resources, "aws:acm/certificate:Certificate");
            assert.deepEqual(
                [certificate.inputs.domainName, certificate.inputs.subjectAlternativeNames],
                ["api.prod.orders.meridian.example.com", ["*.api.prod.orders.meridian.example.com"]],
            );
            const validation = single(resources, "aws:route53/record:Record", "orders-us-east-1-latency-certificate-validation-record");
            assert.equal(validation.inputs.allowOverwrite, true);
            // The other regions' certificates renew through the same record: removing or replacing this stack must not delete it.
            assert.equal(validation.options.retainOnDelete, true);
            assert.equal(validation.inputs.zoneId, "Z-PROD-ORDERS");
            for (const domain of ofType(resources, "aws:apigateway/domainName:DomainName"))
                assert.deepEqual(domain.inputs.endpointConfiguration, { types: "REGIONAL" });
        });
    });
});

describe("Subsystem across its regions", () => {
    it("publishes exactly one latency record per region, each with that region's own calculated check", async () => {
        const records: Array<[string, unknown, unknown]> = [];
        for (const region of REGIONS) {
            const resources = await renderRegion(region);
            for (const record of ofType(resources, "aws:route53/record:Record").filter((r) => r.inputs.latencyRoutingPolicies !== undefined)) {
                records.push([region, record.inputs.setIdentifier, record.inputs.healthCheckId]);
            }
        }
        assert.deepEqual(
            records,
            REGIONS.map((region) => [region, region, `orders-${region}-health-calculated-id`]),
        );
    });

    describe("health dashboard", () => {
        const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
        interface Widget {
            type: string;
            properties: { region?: string; alarms?: string[]; metrics?: unknown[][] };
        }
        const widgetsOf = (dashboard: RenderedResource) => (JSON.parse(String(dashboard.inputs.dashboardBody)) as { widgets: Widget[] }).widgets;
        /** Each metric line as `namespace name dim=value ...` in the widget's region. */
        const metricLines = (widgets: Widget[]) =>
            widgets.flatMap((widget) =>
                (widget.properties.metrics ?? []).map((line) => {
                    const names = line.filter((part): part is string => typeof part === "string");
                    const dimensions = names
                        .slice(2)
                        .reduce<string[]>((pairs, part, index, all) => (index % 2 ? pairs : [...pairs, `${part}=${all[index + 1]}`]), []);
                    return `${widget.properties.region} ${names[0]} ${names[1]}${dimensions.map((pair) => ` ${pair}`).join("")}`;
                }),
            );

        for (const region of REGIONS) {
            it(`shows ${region}'s health signals by their real names, in one dashboard named for the region`, async () => {
                const regionResources = await renderRegion(region);
                const dashboard = single(regionResources, DASHBOARD);
                assert.equal(dashboard.inputs.dashboardName, `orders-health-${region}`);
                assert.equal(dashboard.parentName, `orders-${region}-dashboard`);
                assert.equal(single(regionResources, "meridian:health:HealthDashboard").parentName, `orders-${region}`);
                const widgets = widgetsOf(dashboard);
                const alarmNames = ofType(regionResources, "aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => String(alarm.inputs.name));
                assert.deepEqual(
                    widgets.flatMap((widget) => widget.properties.alarms ?? []).sort(),
                    alarmNames.map((name) => `arn:aws:cloudwatch:${region}:${ACCOUNT_ID}:alarm:${name}`).sort(),
                );
                assert.deepEqual(metricLines(widgets), [
                    `us-east-1 AWS/Route53 HealthCheckStatus HealthCheckId=orders-${region}-health-calculated-id`,
                    `us-east-1 AWS/Route53 HealthCheckStatus HealthCheckId=orders-${region}-health-bus-calculated-id`,
                    `${region} AWS/Lambda Errors FunctionName=${single(regionResources, "aws:lambda/function:Function").inputs.name}`,
                    `${region} AWS/Lambda Duration FunctionName=orders-health-check`,
                    `${region} AWS/Events IngestionToInvocationStartLatency`,
                    `${region} Meridian/orders PublishFailures`,
                    `${region} AWS/SQS ApproximateNumberOfMessagesVisible QueueName=${single(regionResources, "aws:sqs/queue:Queue").inputs.name}`,
                ]);
            });
        }

        it("reads every metric per minute, the period the tracer and Route 53 report in", async () => {
            const periods = widgetsOf(single(await renderRegion("eu-west-1"), DASHBOARD)).flatMap((widget) =>
                (widget.properties.metrics ?? []).map((line) => (line[line.length - 1] as { period: number }).period),
            );
            assert.deepEqual([...new Set(periods)], [60]);
        });
    });

    it("refuses a secondary region that is not a peer, before creating anything", async () => {
        const failure = await renderFailure((opts) => new Subsystem("orders-us-east-1", { ...subsystemArgs("us-east-1"), secondaryRegion: "us-west-2" }, opts));
        assert.equal(failure.message, "subsystem orders in us-east-1: secondary region us-west-2 is not one of its peer regions (eu-west-1, ap-southeast-2)");
        assert.deepEqual(cloudResources(failure.resources), []);
    });

    it("refuses to replicate a region onto itself, before creating anything", async () => {
        const args = { ...subsystemArgs("us-east-1"), peerRegions: ["us-east-1", "eu-west-1"], secondaryRegion: "eu-west-1" };
        const failure = await renderFailure((opts) => new Subsystem("orders-us-east-1", args, opts));
        assert.equal(failure.message, "peer regions of us-east-1 must not include us-east-1 itself (that would replicate the bus onto itself)");
        assert.deepEqual(cloudResources(failure.resources), []);
    });
});

describe("GlobalEndpoint on its own", () => {
    it("refuses a secondary region equal to the primary, before creating anything", async () => {
        const failure = await renderFailure(
            (opts) =>
                new GlobalEndpoint(
                    "orders-endpoint",
                    {
                        subsystem: "orders",
                        accountId: ACCOUNT_ID,
                        region: "eu-west-1",
                        secondaryRegion: "eu-west-1",
                        healthCheckId: "hc-1",
                        boundaryArn: BOUNDARY,
                    },
                    opts,
                ),
        );
        assert.equal(failure.message, "global endpoint of orders in eu-west-1: the secondary region must differ from the primary");
        assert.deepEqual(cloudResources(failure.resources), []);
    });
});
