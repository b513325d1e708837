import { strict as assert } from "node:assert";
import { ApiCaller } from "../../regions/failover/api-calls";
import { armRevert, describeLever, disarmRevert, pullLever, restoreLever, revertSchedule } from "../../regions/failover/levers";
import type { OneTimeSchedule } from "../../regions/failover/gateway";
import { INVERT_RECORD as INVERT, SWITCH_RECORD as SWITCH } from "./fixtures/rehearsal-records";
import { FakeClock } from "./fixtures/route53-world";

/** The two levers, their descriptions, and the AWS-side revert that puts each back. */

const AT = Date.parse("2026-11-26T20:15:00.000Z");

function recorder(dryRun: boolean) {
    const lines: string[] = [];
    return { api: new ApiCaller(new FakeClock(), (line) => lines.push(line), dryRun), lines };
}

describe("rehearsal levers", () => {
    it("describes what each lever does and undoes", () => {
        assert.equal(describeLever(INVERT, true), "invert health check hc-calc");
        assert.equal(describeLever(INVERT, false), "health check hc-calc no longer inverted");
        assert.equal(describeLever(SWITCH, true), 'set /orders/health/force-unhealthy to "true" in eu-west-1');
        assert.equal(describeLever(SWITCH, false), '/orders/health/force-unhealthy in eu-west-1 back to "false"');
    });

    it("the revert schedule makes the lever's own put-back call, as the revert role of its region", () => {
        assert.deepEqual(revertSchedule(INVERT, AT), {
            region: "us-east-1",
            name: "orders-prod-rehearsal-revert",
            at: AT,
            description: "meridian failover rehearsal run-1: health check hc-calc no longer inverted (orders/prod eu-west-1)",
            targetArn: "arn:aws:scheduler:::aws-sdk:route53:updateHealthCheck",
            roleArn: "arn:aws:iam::111122223333:role/orders-rehearsal-revert-us-east-1",
            input: '{"HealthCheckId":"hc-calc","Inverted":false}',
        });
        const sw = revertSchedule(SWITCH, AT, "aws-us-gov");
        assert.equal(sw.targetArn, "arn:aws-us-gov:scheduler:::aws-sdk:ssm:putParameter");
        assert.equal(sw.roleArn, "arn:aws-us-gov:iam::111122223333:role/orders-rehearsal-revert-eu-west-1");
        assert.deepEqual(JSON.parse(sw.input), { Name: "/orders/health/force-unhealthy", Value: "false", Type: "String", Overwrite: true });
    });

    it("keeps the schedule's description within Scheduler's 512 characters", () => {
        const description = revertSchedule({ ...INVERT, runId: "r".repeat(600) }, AT).description;
        assert.equal(description.length, 512);
        assert.ok(description.startsWith("meridian failover rehearsal rrr"));
    });

    it("pulls and puts back each lever with one call, logged with where it goes", async () => {
        const sent: string[] = [];
        const deps = {
            route53: { setInverted: async (id: string, inverted: boolean) => void sent.push(`invert ${id} ${inverted}`) },
            parameters: { put: async (region: string, name: string, value: string) => void sent.push(`put ${region} ${name} ${value}`) },
        } as unknown as Parameters<typeof pullLever>[2];
        const { api } = recorder(false);
        await pullLever(INVERT, api, deps);
        await restoreLever(INVERT, api, deps);
        await pullLever(SWITCH, api, deps);
        await restoreLever(SWITCH, api, deps);
        assert.deepEqual(sent, [
            "invert hc-calc true",
            "invert hc-calc false",
            "put eu-west-1 /orders/health/force-unhealthy true",
            "put eu-west-1 /orders/health/force-unhealthy false",
        ]);
        assert.deepEqual(
            api.calls.map((c) => [c.api, c.params, c.mutating]),
            [
                ["route53:UpdateHealthCheck", { HealthCheckId: "hc-calc", Inverted: true }, true],
                ["route53:UpdateHealthCheck", { HealthCheckId: "hc-calc", Inverted: false }, true],
                ["ssm:PutParameter", { Name: "/orders/health/force-unhealthy", Value: "true", Type: "String", Overwrite: true, region: "eu-west-1" }, true],
                ["ssm:PutParameter", { Name: "/orders/health/force-unhealthy", Value: "false", Type: "String", Overwrite: true, region: "eu-west-1" }, true],
            ],
        );
        await assert.rejects(pullLever({ ...SWITCH, parameter: undefined }, api, deps), /^Error: switch lever without a parameter$/);
    });

    it("arms and disarms the revert, and in a dry run only logs both and takes them as done", async () => {
        const created: OneTimeSchedule[] = [];
        const deleted: string[] = [];
        const scheduler = {
            create: async (schedule: OneTimeSchedule) => (created.push(schedule), false),
            delete: async (region: string, name: string) => (deleted.push(`${region} ${name}`), false),
        };
        const live = recorder(false);
        assert.equal(await armRevert(SWITCH, AT, live.api, scheduler), false);
        assert.equal(await disarmRevert(SWITCH, live.api, scheduler), false);
        assert.deepEqual(created, [revertSchedule(SWITCH, AT)]);
        assert.deepEqual(deleted, ["eu-west-1 orders-prod-rehearsal-revert"]);
        const schedule = revertSchedule(SWITCH, AT);
        assert.deepEqual(
            live.api.calls.map((c) => [c.api, c.params]),
            [
                [
                    "scheduler:CreateSchedule",
                    {
                        Name: schedule.name,
                        region: "eu-west-1",
                        at: "2026-11-26T20:15:00.000Z",
                        Target: schedule.targetArn,
                        Input: schedule.input,
                        RoleArn: schedule.roleArn,
                    },
                ],
                ["scheduler:DeleteSchedule", { Name: schedule.name, region: "eu-west-1" }],
            ],
        );
        const dry = recorder(true);
        assert.equal(await armRevert(SWITCH, AT, dry.api, scheduler), true);
        assert.equal(await disarmRevert(SWITCH, dry.api, scheduler), true);
        assert.equal(created.length, 1);
        assert.equal(deleted.length, 1);
        assert.ok(dry.api.calls.every((c) => c.mutating && !c.sent));
    });
});
