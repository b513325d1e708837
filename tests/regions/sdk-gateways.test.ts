import { strict as assert } from "node:assert";
import { mockClient, type AwsClientStub } from "aws-sdk-client-mock";
import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { SdkParameterGateway } from "../../regions/failover/ssm-gateway";
import { SdkSchedulerGateway } from "../../regions/failover/scheduler-gateway";
import { SdkIdentityGateway } from "../../regions/failover/identity-gateway";

/** The SSM, Scheduler and STS adapters on their own: the requests they send and the errors they read as answers. */

/** The options a command was sent with (`send(command, options)`), which the mock's typing leaves out. */
function sentOptions(call: { args: readonly unknown[] }): { abortSignal?: AbortSignal } | undefined {
    return call.args[1] as { abortSignal?: AbortSignal } | undefined;
}

function awsError(name: string): Error {
    return Object.assign(new Error(name), { name });
}

describe("the SSM, Scheduler and STS gateways (aws-sdk-client-mock)", () => {
    describe("SSM parameters", () => {
        // Mocked only while this block runs: other specs mock the same clients their own way.
        let ssm: AwsClientStub<SSMClient>;
        before(() => (ssm = mockClient(SSMClient)));
        beforeEach(() => ssm.reset());
        after(() => ssm.restore());

        it("makes one client per region and sends each call to the parameter's region", async () => {
            const made: string[] = [];
            const gateway = new SdkParameterGateway((region) => {
                made.push(region);
                return new SSMClient({ region });
            });
            ssm.on(GetParameterCommand).resolves({ Parameter: { Name: "/p", Value: "false" } });
            ssm.on(PutParameterCommand).resolves({ Version: 1 });
            await gateway.get("eu-west-1", "/p");
            await gateway.put("eu-west-1", "/p", "true");
            await gateway.get("us-east-1", "/p");
            assert.deepEqual(made, ["eu-west-1", "us-east-1"]);
            const regions = await Promise.all(ssm.calls().map((call) => (call.thisValue as SSMClient).config.region()));
            assert.deepEqual(regions, ["eu-west-1", "eu-west-1", "us-east-1"]);
        });

        it("by default talks to each region's SSM with bounded retries", async () => {
            ssm.on(GetParameterCommand).resolves({});
            await new SdkParameterGateway().get("ap-southeast-2", "/p");
            const client = ssm.calls()[0].thisValue as SSMClient;
            assert.equal(await client.config.region(), "ap-southeast-2");
            assert.equal(await client.config.maxAttempts(), 8);
        });

        it("get: the value, nothing for a parameter that does not exist, and any other error as it came", async () => {
            const signal = new AbortController().signal;
            ssm.on(GetParameterCommand, { Name: "/set" })
                .resolves({ Parameter: { Name: "/set", Value: "true" } })
                .on(GetParameterCommand, { Name: "/empty" })
                .resolves({})
                .on(GetParameterCommand, { Name: "/missing" })
                .rejects(awsError("ParameterNotFound"))
                .on(GetParameterCommand, { Name: "/denied" })
                .rejects(awsError("AccessDeniedException"));
            const gateway = new SdkParameterGateway();
            assert.equal(await gateway.get("eu-west-1", "/set", signal), "true");
            assert.equal(await gateway.get("eu-west-1", "/empty"), undefined);
            assert.equal(await gateway.get("eu-west-1", "/missing"), undefined);
            await assert.rejects(gateway.get("eu-west-1", "/denied"), { name: "AccessDeniedException" });
            assert.equal(sentOptions(ssm.commandCalls(GetParameterCommand)[0])?.abortSignal, signal);
        });

        it("put overwrites; create does not, and answers false when the parameter already exists", async () => {
            ssm.on(PutParameterCommand, { Name: "/taken" })
                .rejects(awsError("ParameterAlreadyExists"))
                .on(PutParameterCommand, { Name: "/throttled" })
                .rejects(awsError("ThrottlingException"))
                .on(PutParameterCommand, { Name: "/free" })
                .resolves({ Version: 1 })
                .on(PutParameterCommand, { Name: "/switch" })
                .resolves({ Version: 2 });
            const gateway = new SdkParameterGateway();
            await gateway.put("eu-west-1", "/switch", "true");
            assert.equal(await gateway.create("eu-west-1", "/free", "lock"), true);
            assert.equal(await gateway.create("eu-west-1", "/taken", "lock"), false);
            await assert.rejects(gateway.create("eu-west-1", "/throttled", "lock"), { name: "ThrottlingException" });
            assert.deepEqual(
                ssm.commandCalls(PutParameterCommand).map((call) => call.args[0].input),
                [
                    { Name: "/switch", Value: "true", Type: "String", Overwrite: true },
                    { Name: "/free", Value: "lock", Type: "String", Overwrite: false },
                    { Name: "/taken", Value: "lock", Type: "String", Overwrite: false },
                    { Name: "/throttled", Value: "lock", Type: "String", Overwrite: false },
                ],
            );
        });

        it("delete: true when it deleted, false when there was nothing, any other error as it came", async () => {
            ssm.on(DeleteParameterCommand, { Name: "/lock" })
                .resolves({})
                .on(DeleteParameterCommand, { Name: "/gone" })
                .rejects(awsError("ParameterNotFound"))
                .on(DeleteParameterCommand, { Name: "/denied" })
                .rejects(awsError("AccessDeniedException"));
            const gateway = new SdkParameterGateway();
            assert.equal(await gateway.delete("us-east-1", "/lock"), true);
            assert.equal(await gateway.delete("us-east-1", "/gone"), false);
            await assert.rejects(gateway.delete("us-east-1", "/denied"), { name: "AccessDeniedException" });
            assert.deepEqual(ssm.commandCalls(DeleteParameterCommand)[0].args[0].input, { Name: "/lock" });
        });
    });

    describe("EventBridge Scheduler", () => {
        // Mocked only while this block runs: other specs mock the same clients their own way.
        let scheduler: AwsClientStub<SchedulerClient>;
        before(() => (scheduler = mockClient(SchedulerClient)));
        beforeEach(() => scheduler.reset());
        after(() => scheduler.restore());

        const schedule = {
            region: "us-east-1",
            name: "orders-prod-rehearsal-revert",
            at: Date.parse("2026-11-26T20:15:00.250Z"),
            description: "puts the lever back",
            targetArn: "arn:aws:scheduler:::aws-sdk:route53:updateHealthCheck",
            roleArn: "arn:aws:iam::111122223333:role/revert",
            input: '{"HealthCheckId":"hc","Inverted":false}',
        };

        it("creates a one-time UTC schedule that calls the revert API, retries for a day and deletes itself", async () => {
            scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: "arn" });
            assert.equal(await new SdkSchedulerGateway().create(schedule), true);
            const call = scheduler.commandCalls(CreateScheduleCommand)[0];
            assert.deepEqual(call.args[0].input, {
                Name: "orders-prod-rehearsal-revert",
                Description: "puts the lever back",
                ScheduleExpression: "at(2026-11-26T20:15:01)",
                ScheduleExpressionTimezone: "UTC",
                FlexibleTimeWindow: { Mode: "OFF" },
                ActionAfterCompletion: "DELETE",
                State: "ENABLED",
                Target: {
                    Arn: schedule.targetArn,
                    RoleArn: schedule.roleArn,
                    Input: schedule.input,
                    RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
                },
            });
            const client = call.thisValue as SchedulerClient;
            assert.equal(await client.config.region(), "us-east-1");
            assert.equal(await client.config.maxAttempts(), 8);
        });

        it("answers false when a schedule of that name exists, and passes any other error on", async () => {
            scheduler
                .on(CreateScheduleCommand, { Name: "taken" })
                .rejects(awsError("ConflictException"))
                .on(CreateScheduleCommand, { Name: "denied" })
                .rejects(awsError("AccessDeniedException"));
            const gateway = new SdkSchedulerGateway();
            assert.equal(await gateway.create({ ...schedule, name: "taken" }), false);
            await assert.rejects(gateway.create({ ...schedule, name: "denied" }), { name: "AccessDeniedException" });
        });

        it("deletes in the schedule's region: true when it deleted, false when it had fired or never existed", async () => {
            const made: string[] = [];
            scheduler
                .on(DeleteScheduleCommand, { Name: "armed" })
                .resolves({})
                .on(DeleteScheduleCommand, { Name: "fired" })
                .rejects(awsError("ResourceNotFoundException"))
                .on(DeleteScheduleCommand, { Name: "denied" })
                .rejects(awsError("AccessDeniedException"));
            const gateway = new SdkSchedulerGateway((region) => {
                made.push(region);
                return new SchedulerClient({ region });
            });
            assert.equal(await gateway.delete("eu-west-1", "armed"), true);
            assert.equal(await gateway.delete("eu-west-1", "fired"), false);
            await assert.rejects(gateway.delete("eu-west-1", "denied"), { name: "AccessDeniedException" });
            assert.deepEqual(made, ["eu-west-1"]);
            assert.deepEqual(scheduler.commandCalls(DeleteScheduleCommand)[0].args[0].input, { Name: "armed" });
        });
    });

    describe("STS", () => {
        // Mocked only while this block runs: other specs mock the same clients their own way.
        let sts: AwsClientStub<STSClient>;
        before(() => (sts = mockClient(STSClient)));
        beforeEach(() => sts.reset());
        after(() => sts.restore());

        it("gives the account the credentials act in, with bounded retries and the run's abort signal", async () => {
            const signal = new AbortController().signal;
            sts.on(GetCallerIdentityCommand).resolves({ Account: "111122223333", Arn: "arn:aws:iam::111122223333:role/sre" });
            assert.equal(await new SdkIdentityGateway().accountId(signal), "111122223333");
            const call = sts.commandCalls(GetCallerIdentityCommand)[0];
            assert.equal(sentOptions(call)?.abortSignal, signal);
            assert.equal(await (call.thisValue as STSClient).config.maxAttempts(), 8);
        });

        it("refuses an answer without an account rather than compare against nothing", async () => {
            sts.on(GetCallerIdentityCommand).resolves({});
            await assert.rejects(new SdkIdentityGateway().accountId(), /STS GetCallerIdentity returned no account/);
        });
    });
});
