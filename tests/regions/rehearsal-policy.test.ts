import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Route53Client } from "@aws-sdk/client-route-53";
import { SSMClient } from "@aws-sdk/client-ssm";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { STSClient } from "@aws-sdk/client-sts";
import { findAction } from "../../policies/iam/action-catalog";
import { extractTopology } from "../../regions/topology";
import { clientLocations } from "../../regions/failover/client-subnets";
import { rehearsalTarget } from "../../regions/failover/rehearsal-target";
import { rehearse, type Lever } from "../../regions/failover/rehearse";
import { restoreRehearsal } from "../../regions/failover/restore";
import { SdkRoute53Gateway } from "../../regions/failover/route53-gateway";
import { SdkParameterGateway } from "../../regions/failover/ssm-gateway";
import { SdkSchedulerGateway } from "../../regions/failover/scheduler-gateway";
import { SdkIdentityGateway } from "../../regions/failover/identity-gateway";
import { writeState, type RehearsalState } from "../../regions/failover/state-file";
import { revertSchedule } from "../../regions/failover/levers";
import { rehearsalRevertBoundaryStatement, rehearsalRevertRolePolicyDocument } from "../../components/policy-documents/rehearsal-revert";
import { matchesIamGlob } from "../../lib/iam-glob";
import { fixturePlan } from "./fixtures/plan-fixture";
import { FakeClock, Route53World } from "./fixtures/route53-world";

interface Statement {
    Action: string | string[];
    Resource: string | string[];
    Effect: string;
    Condition?: Record<string, Record<string, string>>;
}

/**
 * Calls that need no IAM permission, so the policy rightly does not grant them:
 * "No permissions are required to perform this operation."
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html)
 */
const NEEDS_NO_PERMISSION = new Set(["sts:GetCallerIdentity"]);
/** Not an API call of the rehearsal but the permission CreateSchedule needs to hand the revert role to Scheduler. */
const PASSED_ROLE = "iam:PassRole";

const policy = JSON.parse(fs.readFileSync(path.join(__dirname, "../../regions/failover/rehearsal-policy.json"), "utf8")) as { Statement: Statement[] };
const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const FLEET = ["us-east-1", "eu-west-1", "ap-southeast-2"];

/** The IAM actions a full rehearsal with `lever` and a restore actually call. */
async function actionsCalled(lever: Lever): Promise<Set<string>> {
    const clock = new FakeClock();
    const world = new Route53World(clock, { regions: FLEET });
    world.switchRegion = "eu-west-1";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-policy-"));
    try {
        const deps = {
            route53: new SdkRoute53Gateway(new Route53Client({ region: "us-east-1" })),
            parameters: new SdkParameterGateway((region) => new SSMClient({ region })),
            scheduler: new SdkSchedulerGateway((region) => new SchedulerClient({ region })),
            identity: new SdkIdentityGateway(new STSClient({ region: "us-east-1" })),
            resolver: world.resolver,
            clock,
            log: () => undefined,
            confirm: async () => true,
        };
        const target = rehearsalTarget(
            extractTopology(fixturePlan([{ name: "orders", environment: "prod", regions: FLEET }])),
            "orders",
            "prod",
            "eu-west-1",
            "us-east-1",
        );
        const stateFile = path.join(dir, "state.json");
        const report = await rehearse({ target, lever, dryRun: false, yes: true, timeoutSeconds: 900, stateFile, clients: clientLocations(FLEET) }, deps);
        assert.equal(report.outcome, "completed", report.reason);
        // A crashed run's record, in AWS and on this machine, restored by `meridian failover restore`.
        const crashed: RehearsalState = {
            version: 2,
            runId: "crashed",
            startedAt: "x",
            subsystem: "orders",
            environment: "prod",
            account: world.account,
            region: "eu-west-1",
            lever,
            healthCheckId: world.id("eu-west-1", "calculated"),
            parameter: { region: "eu-west-1", name: target.parameterName, previousValue: "false" },
            lock: target.lock,
            revert: { region: "eu-west-1", name: target.revertScheduleName, at: "x" },
        };
        writeState(stateFile, crashed);
        world.parameters.set(target.lock.name, JSON.stringify(crashed));
        const restore = await restoreRehearsal({ stateFile, dryRun: false }, { ...deps });
        return new Set([...report.apiCalls, ...restore.apiCalls].flatMap((call) => call.api.split(",")));
    } finally {
        world.restore();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("rehearsal IAM policy (regions/failover/rehearsal-policy.json)", () => {
    it("grants exactly the actions a rehearsal and a restore call, with either lever", async () => {
        const called = new Set([...(await actionsCalled("invert")), ...(await actionsCalled("switch"))]);
        const needed = [...called].filter((action) => !NEEDS_NO_PERMISSION.has(action));
        assert.ok(called.has("scheduler:CreateSchedule"));
        const granted = new Set(policy.Statement.flatMap((s) => list(s.Action)));
        assert.deepEqual([...granted].sort(), [...needed, PASSED_ROLE].sort());
    });

    it("passes only the revert roles, and only to EventBridge Scheduler", () => {
        const passRole = policy.Statement.filter((s) => list(s.Action).includes(PASSED_ROLE));
        assert.deepEqual(
            passRole.map((s) => [list(s.Resource), s.Condition]),
            // Own account only, and only the revert roles of the subsystem the rehearsing role is tagged with.
            [
                [
                    ["arn:aws:iam::${aws:PrincipalAccount}:role/${aws:PrincipalTag/meridian:subsystem}-rehearsal-revert-*"],
                    { StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } },
                ],
            ],
        );
    });

    it("uses real action names, Allow only, and Resource * only for actions that take no resource", () => {
        for (const statement of policy.Statement) {
            assert.equal(statement.Effect, "Allow");
            for (const action of list(statement.Action)) {
                const known = findAction(action);
                assert.ok(known, `${action} is not an IAM action`);
                if (list(statement.Resource).includes("*")) assert.ok(known.unscopable, `${action} can be scoped but is granted on *`);
            }
        }
    });

    it("lets the rehearsal touch only force-unhealthy and rehearsal-lock parameters, and only its revert schedules", () => {
        const resources = (prefix: string) =>
            policy.Statement.filter((s) => list(s.Action).some((a) => a.startsWith(prefix)))
                .flatMap((s) => list(s.Resource))
                .sort();
        assert.deepEqual(resources("ssm:"), ["arn:aws:ssm:*:*:parameter/*/health/force-unhealthy", "arn:aws:ssm:*:*:parameter/*/rehearsal/*/lock"]);
        assert.deepEqual(resources("scheduler:"), ["arn:aws:scheduler:*:*:schedule/default/*-rehearsal-revert"]);
    });
});

describe("the AWS-side revert's execution role (components/policy-documents/rehearsal-revert.ts)", () => {
    const account = "111122223333";
    const base: RehearsalState = {
        version: 2,
        runId: "r",
        startedAt: "x",
        subsystem: "orders",
        environment: "prod",
        account,
        region: "eu-west-1",
        lever: "invert",
        healthCheckId: "abc123",
        lock: { region: "us-east-1", name: "/orders/rehearsal/prod/lock" },
        revert: { region: "us-east-1", name: "orders-prod-rehearsal-revert", at: "x" },
    };
    const levers: RehearsalState[] = [
        base,
        {
            ...base,
            lever: "switch",
            parameter: { region: "eu-west-1", name: "/orders/health/force-unhealthy", previousValue: "false" },
            revert: { ...base.revert, region: "eu-west-1" },
        },
    ];

    /** The IAM action and resource a universal target's call needs. */
    function targetCall(state: RehearsalState): { action: string; resource: string } {
        const schedule = revertSchedule(state, 0);
        const [, , , , , , service, apiAction] = schedule.targetArn.split(":");
        const action = `${service}:${apiAction[0].toUpperCase()}${apiAction.slice(1)}`;
        const input = JSON.parse(schedule.input) as { HealthCheckId?: string; Name?: string };
        const resource =
            service === "route53" ? `arn:aws:route53:::healthcheck/${input.HealthCheckId}` : `arn:aws:ssm:${schedule.region}:${account}:parameter${input.Name}`;
        return { action, resource };
    }

    for (const state of levers) {
        it(`lets the ${state.lever} lever's revert role make the call its schedule targets, within the boundary`, () => {
            const { action, resource } = targetCall(state);
            const role = rehearsalRevertRolePolicyDocument({ accountId: account, partition: "aws", owner: "orders", region: state.revert.region });
            const boundary = rehearsalRevertBoundaryStatement({ accountId: account, partition: "aws", owner: "orders" });
            const roleArn = revertSchedule(state, 0).roleArn;
            assert.ok(
                role.Statement.some(
                    (s) => s.Effect === "Allow" && list(s.Action).includes(action) && list(s.Resource).some((r) => matchesIamGlob(r, resource)),
                ),
                `${action} on ${resource} not in the role's policy`,
            );
            assert.ok(list(boundary.Action).includes(action) && list(boundary.Resource).some((r) => matchesIamGlob(r, resource)));
            assert.ok(matchesIamGlob(String(boundary.Condition?.ArnLike?.["aws:PrincipalArn"]), roleArn), `${roleArn} is not a revert role to the boundary`);
        });
    }

    it("grants nothing else", () => {
        const role = rehearsalRevertRolePolicyDocument({ accountId: account, partition: "aws", owner: "orders", region: "eu-west-1" });
        assert.deepEqual(
            role.Statement.flatMap((s) => list(s.Action)),
            ["route53:UpdateHealthCheck", "ssm:PutParameter"],
        );
    });
});
