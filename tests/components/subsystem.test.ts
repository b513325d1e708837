import { strict as assert } from "node:assert";
import { matchesPattern } from "../../components/event-pattern-matcher";
import { type EventPattern, originStamp } from "../../components/event-patterns";
import { GlobalEndpoint } from "../../components/global-endpoint";
import { bundleHandler } from "../../components/health-check/bundle";
import { HEALTH_CHECK_TAG_KEYS } from "../../components/health-check-plan";
import { Subsystem, type SubsystemArgs } from "../../components/subsystem";
import type { HealthCheckSettings } from "../../regions/region-schema";
import { ACCOUNT_ID, type RenderedResource, cloudResources, ofType, policyOf, render, renderFailure, single } from "./mock-harness";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const BOUNDARY = `arn:aws:iam::${ACCOUNT_ID}:policy/orders-boundary`;
/** Deliberately unlike the catalog defaults, so a value that did not come from here shows. */
const SETTINGS: HealthCheckSettings = {
    requestInterval: 30,
    failureThreshold: 2,
    checkerRegions: ["us-west-2", "eu-west-1", "ap-northeast-1", "sa-east-1"],
    alarmPeriodSeconds: 120,
    alarmEvaluationPeriods: 2,
    traceTimeoutSeconds: 120,
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
            "orders-replication-us-east-1",
            "orders-workload-us-east-1",
        ]);
        for (const role of roles) {
            assert.equal(role.inputs.permissionsBoundary, BOUNDARY, String(role.inputs.name));
        }
    });

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
        it("fails over from this region to the secondary on this region's calculated check, replicating", () => {
            const endpoint = single(resources, "aws:cloudwatch/eventEndpoint:EventEndpoint");
            const calculated = single(resources, "aws:route53/healthCheck:HealthCheck", "orders-us-east-1-health-calculated");
            assert.deepEqual(endpoint.inputs.eventBuses, [
                { eventBusArn: `arn:aws:events:us-east-1:${ACCOUNT_ID}:event-bus/orders-bus` },
                { eventBusArn: `arn:aws:events:eu-west-1:${ACCOUNT_ID}:event-bus/orders-bus` },
            ]);
            assert.deepEqual(endpoint.inputs.routingConfig, {
                failoverConfig: { primary: { healthCheck: `arn:aws:route53:::healthcheck/${calculated.name}-id` }, secondary: { route: "eu-west-1" } },
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
    });

    describe("regional health check", () => {
        const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

        it("checks GET /check over HTTPS with the catalog's interval, threshold and checker regions", () => {
            const https = single(resources, HEALTH_CHECK, "orders-us-east-1-health-https");
            assert.equal(https.inputs.type, "HTTPS");
            assert.equal(https.inputs.fqdn, "orders-us-east-1-health-api-id.execute-api.us-east-1.amazonaws.com");
            assert.equal(https.inputs.resourcePath, "/live/check");
            assert.equal(https.inputs.requestInterval, SETTINGS.requestInterval);
            assert.equal(https.inputs.failureThreshold, SETTINGS.failureThreshold);
            assert.deepEqual(https.inputs.regions, SETTINGS.checkerRegions);
        });

        it("has one metric check per alarm, and a calculated check whose threshold equals its children", () => {
            const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
            const metricChecks = ofType(resources, HEALTH_CHECK).filter((check) => check.inputs.type === "CLOUDWATCH_METRIC");
            assert.deepEqual(metricChecks.map((check) => check.inputs.cloudwatchAlarmName).sort(), alarms.map((alarm) => alarm.inputs.name).sort());
            assert.deepEqual(alarms.map((alarm) => alarm.inputs.name).sort(), [
                "orders-health-api-5xx",
                "orders-health-dynamodb-system-errors-putitem",
                "orders-health-dynamodb-system-errors-query",
                "orders-health-dynamodb-system-errors-updateitem",
                "orders-health-lambda-errors",
                "orders-health-lambda-throttles",
                "orders-health-tracer-failures",
            ]);
            const calculated = single(resources, HEALTH_CHECK, "orders-us-east-1-health-calculated");
            const children = calculated.inputs.childHealthchecks as string[];
            const expectedChildren = ofType(resources, HEALTH_CHECK)
                .filter((check) => check.inputs.type !== "CALCULATED")
                .map((check) => `${check.name}-id`);
            assert.deepEqual([...children].sort(), expectedChildren.sort());
            assert.equal(children.length, 8);
            assert.equal(calculated.inputs.childHealthThreshold, children.length);
        });

        it("sets each metric check's missing-data status from its alarm's", () => {
            const statuses = ofType(resources, HEALTH_CHECK)
                .filter((check) => check.inputs.type === "CLOUDWATCH_METRIC")
                .map((check) => [check.inputs.cloudwatchAlarmName, check.inputs.insufficientDataHealthStatus])
                .sort();
            assert.deepEqual(statuses, [
                ["orders-health-api-5xx", "Healthy"],
                ["orders-health-dynamodb-system-errors-putitem", "Healthy"],
                ["orders-health-dynamodb-system-errors-query", "Healthy"],
                ["orders-health-dynamodb-system-errors-updateitem", "Healthy"],
                ["orders-health-lambda-errors", "Healthy"],
                ["orders-health-lambda-throttles", "Healthy"],
                ["orders-health-tracer-failures", "Unhealthy"],
            ]);
        });

        it("tags every health check with the failover tooling's contract", () => {
            for (const check of ofType(resources, HEALTH_CHECK)) {
                const tags = check.inputs.tags as Record<string, string>;
                const kind = check.inputs.type === "HTTPS" ? "https" : check.inputs.type === "CALCULATED" ? "calculated" : "metric";
                assert.equal(tags[HEALTH_CHECK_TAG_KEYS.subsystem], "orders", check.name);
                assert.equal(tags[HEALTH_CHECK_TAG_KEYS.environment], "prod", check.name);
                assert.equal(tags[HEALTH_CHECK_TAG_KEYS.region], "us-east-1", check.name);
                assert.equal(tags[HEALTH_CHECK_TAG_KEYS.check], kind, check.name);
                assert.match(tags[HEALTH_CHECK_TAG_KEYS.name], new RegExp(`^orders-prod-us-east-1-${kind}`), check.name);
            }
        });

        it("takes alarm periods and evaluation periods from the catalog, and gives Route 53 only single-metric alarms", () => {
            const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
            for (const alarm of alarms) {
                assert.equal(alarm.inputs.evaluationPeriods, SETTINGS.alarmEvaluationPeriods, alarm.name);
                // Route 53 copies one metric's namespace, name, period and statistic from the alarm; metric math has none.
                assert.equal(alarm.inputs.metricQueries, undefined, alarm.name);
                assert.equal(typeof alarm.inputs.namespace, "string", alarm.name);
                assert.equal(typeof alarm.inputs.metricName, "string", alarm.name);
                assert.equal(alarm.inputs.statistic, "Sum", alarm.name);
                assert.equal(alarm.inputs.period, SETTINGS.alarmPeriodSeconds, alarm.name);
            }
            const tracer = alarms.find((alarm) => alarm.inputs.name === "orders-health-tracer-failures")!;
            assert.equal(tracer.inputs.namespace, "Meridian/orders");
            assert.equal(tracer.inputs.treatMissingData, "breaching");
        });

        it("re-syncs each metric check when its alarm changes (Route 53 keeps its own copy of the alarm's settings)", async () => {
            const changed = await render(
                (opts) => new Subsystem("orders-us-east-1", { ...subsystemArgs("us-east-1"), healthCheck: { ...SETTINGS, alarmEvaluationPeriods: 3 } }, opts),
            );
            const metricChecks = (rendered: RenderedResource[]) => ofType(rendered, HEALTH_CHECK).filter((check) => check.inputs.type === "CLOUDWATCH_METRIC");
            const before = metricChecks(resources);
            const after = metricChecks(changed);
            assert.equal(before.length, 7);
            for (const check of before) {
                const counterpart = after.find((other) => other.name === check.name)!;
                assert.notDeepEqual(counterpart.inputs.triggers, check.inputs.triggers, `${check.name}: an alarm change must update the check`);
                const synced = JSON.parse((check.inputs.triggers as Record<string, string>).alarm) as Record<string, unknown>;
                assert.equal(synced.evaluationPeriods, SETTINGS.alarmEvaluationPeriods, check.name);
                assert.equal(synced.period, SETTINGS.alarmPeriodSeconds, check.name);
            }
        });

        it("deploys the bundled, tested handler with the catalog's trace timeout", async () => {
            const fn = single(resources, "aws:lambda/function:Function");
            assert.equal(fn.inputs.handler, "index.handler");
            assert.equal(fn.inputs.runtime, "nodejs22.x");
            const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
            assert.equal(variables.TRACE_TIMEOUT_SECONDS, "120");
            assert.equal(variables.FORCE_UNHEALTHY_PARAMETER, "/orders/health/force-unhealthy");
            const code = fn.inputs.code as { assets: Promise<Record<string, { text: Promise<string> }>> };
            const assets = await code.assets;
            assert.deepEqual(Object.keys(assets), ["index.js"]);
            assert.equal(await assets["index.js"].text, bundleHandler().code);
        });

        it("redeploys the stage whenever the route, method or integration changes, not only when one is replaced", () => {
            const deployment = single(resources, "aws:apigateway/deployment:Deployment");
            const configuration = JSON.parse((deployment.inputs.triggers as Record<string, string>).configuration) as Record<string, unknown>;
            assert.deepEqual(configuration, {
                pathPart: "check",
                httpMethod: "GET",
                authorization: "NONE",
                integrationType: "AWS_PROXY",
                integrationHttpMethod: "POST",
                uri: "invoke:orders-health-check",
                resource: "orders-us-east-1-health-check-resource-id",
                method: "orders-us-east-1-health-check-method-id",
                integration: "orders-us-east-1-health-check-integration-id",
            });
        });

        it("keeps traces with TTL, point-in-time recovery and encryption", () => {
            const table = single(resources, "aws:dynamodb/table:Table");
            assert.deepEqual(table.inputs.ttl, { attributeName: "expiresAt", enabled: true });
            assert.deepEqual(table.inputs.pointInTimeRecovery, { enabled: true });
            assert.deepEqual(table.inputs.serverSideEncryption, { enabled: true });
        });

        it("serves a REGIONAL API and runs the tracer every minute, each invocation scoped by source ARN", () => {
            assert.deepEqual(single(resources, "aws:apigateway/restApi:RestApi").inputs.endpointConfiguration, { types: "REGIONAL" });
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
        it("publishes a latency alias record for this region with its calculated check", () => {
            const record = ofType(resources, "aws:route53/record:Record").filter((r) => r.inputs.type === "A");
            assert.equal(record.length, 1);
            assert.equal(record[0].inputs.name, "api.prod.orders.meridian.example.com");
            assert.equal(record[0].inputs.setIdentifier, "us-east-1");
            assert.deepEqual(record[0].inputs.latencyRoutingPolicies, [{ region: "us-east-1" }]);
            assert.equal(record[0].inputs.healthCheckId, "orders-us-east-1-health-calculated-id");
            assert.deepEqual(record[0].inputs.aliases, [
                { name: "d-orders-us-east-1-latency-domain.execute-api.amazonaws.com", zoneId: "ZREGIONAL", evaluateTargetHealth: true },
            ]);
        });

        it("validates the certificate with a record every region may overwrite", () => {
            const validation = single(resources, "aws:route53/record:Record", "orders-us-east-1-latency-certificate-validation-record");
            assert.equal(validation.inputs.allowOverwrite, true);
            // The other regions' certificates renew through the same record: removing or replacing this stack must not delete it.
            assert.equal(validation.options.retainOnDelete, true);
            assert.equal(validation.inputs.zoneId, "Z-PROD-ORDERS");
            assert.deepEqual(single(resources, "aws:apigateway/domainName:DomainName").inputs.endpointConfiguration, { types: "REGIONAL" });
        });
    });
});

describe("Subsystem across its regions", () => {
    it("publishes exactly one latency record per region, each with that region's own calculated check", async () => {
        const records: Array<[string, unknown, unknown]> = [];
        for (const region of REGIONS) {
            const resources = await renderRegion(region);
            for (const record of ofType(resources, "aws:route53/record:Record").filter((r) => r.inputs.type === "A")) {
                records.push([region, record.inputs.setIdentifier, record.inputs.healthCheckId]);
            }
        }
        assert.deepEqual(
            records,
            REGIONS.map((region) => [region, region, `orders-${region}-health-calculated-id`]),
        );
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
