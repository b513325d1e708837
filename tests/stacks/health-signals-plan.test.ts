import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { PlanDocument, PlannedResource, PlannedStack } from "../../lib/contracts/plan-document";
import { evaluatePlannedStacks } from "../../policies/evaluator";
import { restrictsSource } from "../../policies/rules/health-endpoint-restricted";
import type { SimulationReport } from "../../regions/failover/simulate";
import { copyExampleCatalog, editFile, exampleFleetPlan, seedPlanCache } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

function ofType(stack: PlannedStack, type: string): PlannedResource[] {
    return stack.resources.filter((resource) => resource.type === type);
}

function tagsOf(resource: PlannedResource): Record<string, string> {
    return (resource.inputs.tags ?? {}) as Record<string, string>;
}

/** The queues something sends its failures to: dead-letter configs and redrive policies. */
function deadLetterQueueArns(stack: PlannedStack): Set<string> {
    const arns = new Set<string>();
    for (const resource of stack.resources) {
        const config = resource.inputs.deadLetterConfig as { arn?: string } | undefined;
        if (config?.arn) arns.add(config.arn);
        const redrive = resource.inputs.redrivePolicy;
        if (typeof redrive === "string") arns.add((JSON.parse(redrive) as { deadLetterTargetArn: string }).deadLetterTargetArn);
    }
    return arns;
}

describe("the example fleet's health signals", function () {
    this.timeout(180_000);
    let plan: PlanDocument;
    let regional: PlannedStack[];

    before(async () => {
        plan = await exampleFleetPlan();
        regional = plan.stacks.filter((stack) => stack.kind === "subsystem");
    });

    it("has a depth alarm on every dead-letter queue, notifying where the subsystem's other alarms go", () => {
        let queues = 0;
        for (const stack of regional) {
            const alarms = ofType(stack, ALARM);
            const topics = new Set(alarms.flatMap((alarm) => (alarm.inputs.alarmActions ?? []) as string[]));
            assert.equal(topics.size, 1, `${stack.name}: every alarm notifies one topic`);
            for (const arn of deadLetterQueueArns(stack)) {
                queues += 1;
                const queue = ofType(stack, "aws:sqs/queue:Queue").find((candidate) => candidate.outputs.arn === arn);
                assert.ok(queue, `${stack.name}: ${arn} is a queue of the stack`);
                const depth = alarms.find(
                    (alarm) =>
                        alarm.inputs.namespace === "AWS/SQS" &&
                        alarm.inputs.metricName === "ApproximateNumberOfMessagesVisible" &&
                        (alarm.inputs.dimensions as Record<string, string>).QueueName === queue.inputs.name,
                );
                assert.ok(depth, `${stack.name}: no depth alarm on ${String(queue.inputs.name)}`);
            }
        }
        assert.equal(queues, regional.length, "one bus dead-letter queue per regional stack");
    });

    it("fires no alarm behind a health check on a single count-of-1 datapoint", () => {
        let watched = 0;
        for (const stack of regional) {
            for (const check of ofType(stack, HEALTH_CHECK).filter((c) => c.inputs.type === "CLOUDWATCH_METRIC")) {
                const alarm = ofType(stack, ALARM).find((candidate) => candidate.inputs.name === check.inputs.cloudwatchAlarmName);
                assert.ok(alarm, `${stack.name}: ${check.name} watches an alarm of the stack`);
                watched += 1;
                const label = `${stack.name}: ${String(alarm.inputs.name)}`;
                // Route 53 reads the alarm as evaluationPeriods breaching periods in a row; the alarm itself needs datapointsToAlarm.
                assert.ok(Number(alarm.inputs.evaluationPeriods) >= 2, label);
                assert.ok(Number(alarm.inputs.datapointsToAlarm) >= 2, label);
                assert.notEqual(alarm.inputs.statistic, "Sum", `${label}: a count`);
            }
        }
        assert.equal(watched, regional.length * 4);
    });

    it("fails publishers over on the bus signal and DNS on the DNS signal: separate calculated checks", () => {
        for (const stack of regional) {
            const checks = ofType(stack, HEALTH_CHECK);
            const byId = (id: unknown) => checks.find((check) => check.outputs.id === id || String(check.outputs.arn ?? "").endsWith(`/${String(id)}`));
            const record = ofType(stack, "aws:route53/record:Record").find((r) => r.inputs.latencyRoutingPolicies !== undefined);
            const endpoint = ofType(stack, "aws:cloudwatch/eventEndpoint:EventEndpoint")[0];
            const endpointCheckId = String(
                (endpoint.inputs.routingConfig as { failoverConfig: { primary: { healthCheck: string } } }).failoverConfig.primary.healthCheck,
            )
                .split("/")
                .pop();
            const dns = byId(record?.inputs.healthCheckId);
            const bus = byId(endpointCheckId);
            assert.deepEqual([tagsOf(dns!)["meridian:signal"], tagsOf(bus!)["meridian:signal"]], ["dns", "bus"], stack.name);
            for (const child of (bus!.inputs.childHealthchecks as string[]).map(byId)) assert.equal(tagsOf(child!)["meridian:signal"], "bus", stack.name);
        }
    });

    it("restricts every regional health API to Route 53's checkers: a source-restricting resource policy and a WAF web ACL", () => {
        for (const stack of regional) {
            const api = ofType(stack, "aws:apigateway/restApi:RestApi").find((candidate) => String(candidate.inputs.name).endsWith("-health"));
            assert.ok(api, stack.name);
            const id = /\/restapis\/([^/]+)$/.exec(String(api.outputs.arn))?.[1];
            const policy = ofType(stack, "aws:apigateway/restApiPolicy:RestApiPolicy").find((candidate) => candidate.inputs.restApiId === id);
            assert.ok(policy && restrictsSource(policy.inputs.policy), `${stack.name}: source-restricting resource policy`);
            const associations = ofType(stack, "aws:wafv2/webAclAssociation:WebAclAssociation");
            assert.ok(
                associations.some((association) => String(association.inputs.resourceArn).includes(`/restapis/${id}/`)),
                `${stack.name}: WAF web ACL`,
            );
            // The tracer is never served through the public custom domain.
            for (const mapping of ofType(stack, "aws:apigateway/basePathMapping:BasePathMapping")) assert.notEqual(mapping.inputs.restApi, id, stack.name);
        }
        assert.deepEqual(
            plan.policy.findings.filter((finding) => finding.policy === "health-endpoint-restricted"),
            [],
        );
    });

    it("flags a health API whose resource policy and WAF web ACL are taken away", () => {
        const stack = structuredClone(regional.find((candidate) => candidate.name === "orders-prod.eu-west-1")!);
        stack.resources = stack.resources.filter(
            (resource) => !["aws:apigateway/restApiPolicy:RestApiPolicy", "aws:wafv2/webAclAssociation:WebAclAssociation"].includes(resource.type),
        );
        const findings = evaluatePlannedStacks([stack]).findings.filter((finding) => finding.policy === "health-endpoint-restricted");
        assert.deepEqual(
            findings.map((finding) => [finding.level, finding.message.split(":")[0]]),
            [["mandatory", "health API orders-health answers anyone"]],
        );
    });

    it("with a 300 s trace timeout: simulate bounds every region at 300 s or more, over target, and meridian plan fails the timing rule", async () => {
        const root = copyExampleCatalog("meridian-slow-trace-");
        try {
            editFile(root, "regions/regions.yaml", (text) => text.replace("traceTimeoutSeconds: 90", "traceTimeoutSeconds: 300"));
            const out = path.join(root, "plan-out");
            await seedPlanCache(out);
            const planned = await runMeridianInProcess(["plan", "--root", root, "--out", out, "--quiet", "--format", "json", "--jobs", "1"]);
            assert.equal(planned.status, 1, planned.stderr);
            const slowPlan = JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8")) as PlanDocument;
            const timing = slowPlan.policy.findings.filter((finding) => finding.policy === "health-check-timing");
            assert.deepEqual([...new Set(timing.map((finding) => finding.stack))].sort(), regional.map((stack) => stack.name).sort());
            assert.ok(timing.every((finding) => finding.level === "mandatory" && finding.message.startsWith("stalled: ")));

            const simulated = await runMeridianInProcess(["failover", "simulate", "--plan", path.join(out, "plan.json"), "--root", root, "--format", "json"]);
            assert.equal(simulated.status, 0, simulated.stderr);
            const report = JSON.parse(simulated.stdout) as SimulationReport;
            const regions = report.detection.flatMap((subsystem) => subsystem.regions);
            assert.equal(regions.length, regional.length);
            for (const region of regions) {
                assert.ok((region.boundSeconds ?? 0) >= 300, `${region.region}: ${region.boundSeconds}`);
                assert.equal(region.overTarget, true, region.region);
            }
            assert.equal(report.warnings.filter((warning) => warning.kind === "slow-detection").length, regional.length);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
