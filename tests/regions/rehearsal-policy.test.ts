import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Route53Client } from "@aws-sdk/client-route-53";
import { SSMClient } from "@aws-sdk/client-ssm";
import { findAction } from "../../policies/iam/action-catalog";
import { extractTopology } from "../../regions/topology";
import { clientLocations } from "../../regions/failover/client-subnets";
import { rehearsalTarget } from "../../regions/failover/rehearsal-target";
import { rehearse, restoreFromStateFile, type Lever } from "../../regions/failover/rehearse";
import { SdkRoute53Gateway } from "../../regions/failover/route53-gateway";
import { SdkParameterGateway } from "../../regions/failover/ssm-gateway";
import { writeState } from "../../regions/failover/state-file";
import { fixturePlan } from "./fixtures/plan-fixture";
import { FakeClock, Route53World } from "./fixtures/route53-world";

interface Statement {
    Action: string | string[];
    Resource: string | string[];
    Effect: string;
}

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
            resolver: world.resolver,
            clock,
            log: () => undefined,
            confirm: async () => true,
        };
        const target = rehearsalTarget(extractTopology(fixturePlan([{ name: "orders", environment: "prod", regions: FLEET }])), "orders", "prod", "eu-west-1");
        const stateFile = path.join(dir, "state.json");
        const report = await rehearse(
            { target, lever, dryRun: false, yes: true, timeoutSeconds: 900, stateFile, clients: clientLocations(FLEET).clients },
            deps,
        );
        assert.equal(report.outcome, "completed", report.reason);
        writeState(stateFile, {
            version: 1,
            startedAt: "x",
            subsystem: "orders",
            environment: "prod",
            region: "eu-west-1",
            lever,
            healthCheckId: world.id("eu-west-1", "calculated"),
            parameter: { region: "eu-west-1", name: target.parameterName, previousValue: "false" },
        });
        const restore = await restoreFromStateFile(stateFile, deps);
        return new Set([...report.apiCalls, ...restore.apiCalls].flatMap((call) => call.api.split(",")));
    } finally {
        world.restore();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("rehearsal IAM policy (regions/failover/rehearsal-policy.json)", () => {
    it("grants exactly the actions a rehearsal and a restore call, with either lever", async () => {
        const called = new Set([...(await actionsCalled("invert")), ...(await actionsCalled("switch"))]);
        const granted = new Set(policy.Statement.flatMap((s) => list(s.Action)));
        assert.deepEqual([...granted].sort(), [...called].sort());
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

    it("lets the switch lever touch only force-unhealthy parameters", () => {
        const ssm = policy.Statement.filter((s) => list(s.Action).some((a) => a.startsWith("ssm:")));
        assert.deepEqual(
            ssm.flatMap((s) => list(s.Resource)),
            ["arn:aws:ssm:*:*:parameter/*/health/force-unhealthy"],
        );
    });
});
