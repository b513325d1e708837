import { strict as assert } from "assert";
import type { PlanDocument, PlannedStack } from "../../lib/contracts/plan-document";
import { UNKNOWN_SENTINEL } from "../../policies/unknown-values-proxy";
import { exampleFleetPlan, exampleFleetPreview } from "../helpers/example-catalog";

const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

function dashboardsOf(stack: PlannedStack) {
    return stack.resources.filter((resource) => resource.type === DASHBOARD);
}

describe("the example fleet's health dashboards", function () {
    this.timeout(300_000);
    let plan: PlanDocument;

    before(async () => {
        plan = await exampleFleetPlan();
    });

    it("has one dashboard per regional subsystem stack and none elsewhere, each an ordinary resource of the plan", () => {
        for (const stack of plan.stacks) {
            const dashboards = dashboardsOf(stack);
            assert.equal(dashboards.length, stack.kind === "subsystem" ? 1 : 0, stack.name);
            for (const dashboard of dashboards) {
                assert.ok(!dashboard.remote && dashboard.custom, `${stack.name}: the dashboard is registered in process, so the plan sees it`);
                assert.ok(dashboard.urn.includes("meridian:health:HealthDashboard$aws:cloudwatch/dashboard:Dashboard"), dashboard.urn);
            }
        }
    });

    it("names each region's dashboard apart: dashboards are global to the account, and an account runs several regions", () => {
        const byAccount = new Map<string, string[]>();
        for (const stack of plan.stacks.filter((candidate) => candidate.kind === "subsystem")) {
            const names = byAccount.get(stack.account) ?? [];
            names.push(...dashboardsOf(stack).map((dashboard) => String(dashboard.inputs.dashboardName)));
            byAccount.set(stack.account, names);
        }
        for (const [account, names] of byAccount) {
            assert.ok(names.length > 1, `${account} runs several regions`);
            assert.equal(new Set(names).size, names.length, `${account}: ${names.join(", ")}`);
        }
    });

    it("is known at the first preview but for the ids Route 53 gives the region's two calculated checks", async () => {
        const regional = (await exampleFleetPreview()).filter((stack) => stack.kind === "subsystem");
        assert.ok(regional.length > 0);
        for (const stack of regional) {
            const [dashboard] = dashboardsOf(stack);
            assert.equal(dashboard.inputs.dashboardName, `${stack.subsystem}-health-${stack.region}`);
            assert.equal(dashboard.inputs.dashboardBody, UNKNOWN_SENTINEL, "a first preview has no health-check ids");
            const calculated = stack.resources
                .filter((resource) => resource.type === HEALTH_CHECK && resource.inputs.type === "CALCULATED")
                .map((check) => check.urn)
                .sort();
            assert.equal(calculated.length, 2, stack.name);
            // A stack reference answers at preview (the stacks a stack reads from are deployed first); a new resource does not.
            const fromNewResources = (dashboard.propertyDependencies?.dashboardBody ?? []).filter((urn) => !urn.includes("::pulumi:pulumi:StackReference::"));
            assert.deepEqual(fromNewResources.sort(), calculated, stack.name);
        }
    });
});
