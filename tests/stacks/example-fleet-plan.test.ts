import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { planWithPolicy } from "../../cli/plan-with-policy";
import { runStackProgram } from "../../stacks/program";
import type { PlanDocument, PlannedStack } from "../../lib/contracts/plan-document";
import { exampleFleetPlan, REPO_ROOT, runMeridian, seedPlanCache } from "../helpers/example-catalog";

const IAM_ROLE = "aws:iam/role:Role";

function typesIn(stack: PlannedStack): Set<string> {
    return new Set(stack.resources.map((resource) => resource.type));
}

describe("the example fleet's offline plan", function () {
    let plan: PlanDocument;

    before(async () => {
        plan = await exampleFleetPlan();
    });

    it("renders every stack of the catalog", () => {
        assert.equal(plan.stacks.length, 18);
        assert.deepEqual([...new Set(plan.stacks.map((stack) => stack.wave))], [0, 1, 2]);
    });

    it("holds every component in every intended stack, in every region", () => {
        assert.ok(typesIn(plan.stacks[0]).has("meridian:accounts:Organization"));
        for (const stack of plan.stacks.filter((candidate) => candidate.kind === "account")) {
            for (const type of [
                "meridian:accounts:AccountBaseline",
                "meridian:iam:PermissionBoundary",
                "meridian:iam:PreviewRole",
                "meridian:iam:DeploymentRoles",
                "aws:route53/zone:Zone",
            ]) {
                if (type === "aws:route53/zone:Zone" && (stack.account === "audit" || stack.account === "log-archive")) continue;
                // Only accounts that run a subsystem deploy from CI.
                if (type === "meridian:iam:DeploymentRoles" && !stack.subsystem) continue;
                assert.ok(typesIn(stack).has(type), `${stack.name} lacks ${type}`);
            }
        }
        const regional = plan.stacks.filter((candidate) => candidate.kind === "subsystem");
        assert.deepEqual(
            regional.map((stack) => stack.name),
            [
                "orders-prod.ap-southeast-2",
                "orders-prod.eu-west-1",
                "orders-prod.us-east-1",
                "orders-staging.ap-southeast-2",
                "orders-staging.eu-west-1",
                "orders-staging.us-east-1",
                "payments-prod.eu-west-1",
                "payments-prod.us-east-1",
                "payments-staging.eu-west-1",
                "payments-staging.us-east-1",
            ],
        );
        for (const stack of regional) {
            for (const type of [
                "meridian:subsystem:Subsystem",
                "meridian:events:GlobalBus",
                "meridian:events:GlobalEndpoint",
                "meridian:health:RegionalHealthCheck",
                "meridian:dns:LatencyRouting",
            ]) {
                assert.ok(typesIn(stack).has(type), `${stack.name} lacks ${type}`);
            }
            // Every AWS resource of a regional stack is deployed in that stack's region.
            const elsewhere = stack.resources.filter((resource) => resource.region !== undefined && resource.region !== stack.region);
            assert.deepEqual(
                elsewhere.map((resource) => resource.urn),
                [],
            );
        }
    });

    it("creates no account and closes none: adopted accounts are imported, all are protected and retained", () => {
        const accounts = plan.stacks[0].resources.filter((resource) => resource.type === "aws:organizations/account:Account");
        assert.equal(accounts.length, 7);
        for (const account of accounts) {
            assert.equal(account.protect, true);
            assert.equal(account.retainOnDelete, true);
            assert.equal(account.inputs.closeOnDeletion, false);
        }
        assert.deepEqual(
            accounts.filter((account) => !account.importId).map((account) => account.name),
            ["account-payments-staging"],
        );
    });

    it("puts a permission boundary on every role", () => {
        const roles = plan.stacks.flatMap((stack) => stack.resources.filter((resource) => resource.type === IAM_ROLE));
        assert.ok(roles.length > 30);
        for (const role of roles) assert.match(String(role.inputs.permissionsBoundary), /^arn:aws:iam::\d{12}:policy\/[a-z0-9-]+boundary$/, role.urn);
    });

    it("backs every Route 53 metric check with an alarm Route 53 can watch: one standard-resolution metric, a period of at least 60 s, in the stack's region", () => {
        for (const stack of plan.stacks.filter((candidate) => candidate.kind === "subsystem")) {
            const alarms = new Map(
                stack.resources
                    .filter((resource) => resource.type === "aws:cloudwatch/metricAlarm:MetricAlarm")
                    .map((alarm) => [String(alarm.inputs.name), alarm]),
            );
            const checks = stack.resources.filter(
                (resource) => resource.type === "aws:route53/healthCheck:HealthCheck" && resource.inputs.type === "CLOUDWATCH_METRIC",
            );
            // Four checks watch alarms (two per signal); the dead-letter queue's alarm only notifies.
            assert.equal(checks.length, 4, stack.name);
            for (const check of checks) {
                const alarm = alarms.get(String(check.inputs.cloudwatchAlarmName));
                assert.ok(alarm, `${check.urn}: no alarm ${String(check.inputs.cloudwatchAlarmName)} in ${stack.name}`);
                assert.equal(check.inputs.cloudwatchAlarmRegion, stack.region, check.urn);
                assert.equal(alarm.inputs.metricQueries, undefined, alarm.urn);
                assert.equal(typeof alarm.inputs.metricName, "string", alarm.urn);
                assert.ok(Number(alarm.inputs.period) >= 60, alarm.urn);
            }
        }
    });

    it("passes the policy pack with no mandatory violation", () => {
        const mandatory = plan.policy.findings.filter((finding) => finding.level === "mandatory");
        assert.deepEqual(
            mandatory.map((finding) => `${finding.policy} ${finding.urn ?? finding.stack}: ${finding.message}`),
            [],
        );
    });

    it("renders the same plan twice, byte for byte", async () => {
        const again = await planWithPolicy({ root: REPO_ROOT, stackPatterns: ["orders-prod.*"] });
        const first = plan.stacks.filter((stack) => stack.name.startsWith("orders-prod."));
        assert.equal(JSON.stringify(again.stacks), JSON.stringify(first));
    });

    it("a component change that grants iam:* is caught, naming the rule and the URN", async () => {
        const broken = await planWithPolicy({
            root: REPO_ROOT,
            stackPatterns: ["orders-prod.eu-west-1"],
            programFor: (catalog) => async () => {
                // Stands in for an edit to a component: every inline role policy also grants iam:*.
                pulumi.runtime.registerStackTransformation((args) =>
                    args.type === "aws:iam/rolePolicy:RolePolicy"
                        ? {
                              props: {
                                  ...args.props,
                                  policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] }),
                              },
                              opts: args.opts,
                          }
                        : undefined,
                );
                return runStackProgram(catalog);
            },
        });
        const wildcard = broken.policy.findings.filter((finding) => finding.level === "mandatory" && finding.policy === "no-wildcard-grants");
        assert.ok(wildcard.length > 0, JSON.stringify(broken.policy.findings.map((finding) => finding.policy)));
        assert.ok(wildcard.every((finding) => finding.stack === "orders-prod.eu-west-1" && finding.urn?.includes("aws:iam/rolePolicy:RolePolicy::")));
    });

    it("meridian plan exits 1, naming the rule and the URN, when a component drops the boundary", async function () {
        this.timeout(120_000);
        // A copy of the repository whose service roles (the workload role among them) no longer carry the boundary.
        const copy = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-broken-"));
        for (const entry of fs.readdirSync(REPO_ROOT)) {
            if ([".git", "node_modules", "plan-out"].includes(entry)) continue;
            fs.cpSync(path.join(REPO_ROOT, entry), path.join(copy, entry), { recursive: true });
        }
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
        const subsystemFile = path.join(copy, "components/bounded-service-role.ts");
        const source = fs.readFileSync(subsystemFile, "utf8");
        const edited = source.replace(/\n(\s*)permissionsBoundary: args\.boundaryArn,\n/, "\n");
        assert.notEqual(edited, source, "components/bounded-service-role.ts no longer sets the boundary this way; update this test");
        fs.writeFileSync(subsystemFile, edited);
        await seedPlanCache(path.join(copy, "plan-out"));
        const result = runMeridian(["plan", "--root", copy, "--stack", "orders-prod.eu-west-1", "--out", path.join(copy, "plan-out"), "--quiet"], copy);
        assert.equal(result.status, 1, result.stderr);
        assert.match(
            result.stdout,
            /\[mandatory\] permissions-boundary-required orders-prod\.eu-west-1 urn:pulumi:orders-prod\.eu-west-1::meridian::meridian:subsystem:Subsystem\$aws:iam\/role:Role::orders-workload-role/,
        );
    });
});
