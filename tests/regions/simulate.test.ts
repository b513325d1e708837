import { strict as assert } from "node:assert";
import { latencyMs } from "../../regions/latency-table";
import { rankByLatency } from "../../regions/routing-model";
import { extractTopology } from "../../regions/topology";
import { simulate } from "../../regions/failover/simulate";
import { renderMermaid } from "../../regions/failover/mermaid";
import { renderSimulationText } from "../../regions/failover/simulate-text";
import { fixtureCatalog, fixturePlan, type FixtureSubsystem } from "./fixtures/plan-fixture";

const FLEET = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const orders: FixtureSubsystem = { name: "orders", environment: "prod", regions: FLEET };
const payments: FixtureSubsystem = { name: "payments", environment: "prod", regions: ["us-east-1", "eu-west-1"] };

function run(subsystems: FixtureSubsystem[], scenarios?: string[][], catalog = fixtureCatalog(FLEET)) {
    return simulate(extractTopology(fixturePlan(subsystems)), catalog, { scenarios });
}

describe("failover simulate (hand-built plans)", () => {
    it("runs each catalog region down in turn by default", () => {
        const report = run([orders]);
        assert.deepEqual(
            report.scenarios.map((s) => s.down),
            FLEET.map((r) => [r]),
        );
        assert.deepEqual(report.clients, FLEET);
    });

    it("moves a downed region's clients to their next-nearest healthy region and leaves the others", () => {
        for (const down of FLEET) {
            const [scenario] = run([orders], [[down]]).scenarios;
            const routing = scenario.names.find((n) => n.subsystem === "orders");
            assert.ok(routing);
            for (const answer of routing.answers) {
                assert.equal(answer.before, answer.client);
                const expected =
                    answer.client === down
                        ? rankByLatency(
                              answer.client,
                              FLEET.filter((r) => r !== down),
                          )[0]
                        : answer.client;
                assert.equal(answer.after, expected, `client ${answer.client} with ${down} down`);
                assert.equal(answer.afterIsDown, false);
            }
            assert.equal(routing.allUnhealthy, false);
            assert.deepEqual(
                scenario.warnings.filter((w) => w.kind !== "publish-denied-after-failover" && w.kind !== "third-region-gap"),
                [],
            );
        }
        const [europeDown] = run([orders], [["eu-west-1"]]).scenarios;
        assert.equal(europeDown.names[0].answers.find((a) => a.client === "eu-west-1")?.after, "us-east-1");
    });

    it("sends clients of a region outside the subsystem to the nearest of its regions", () => {
        const [scenario] = run([payments], [["us-east-1"]]).scenarios;
        const sydney = scenario.names[0].answers.find((a) => a.client === "ap-southeast-2");
        const nearer = (latencyMs("ap-southeast-2", "us-east-1") as number) < (latencyMs("ap-southeast-2", "eu-west-1") as number) ? "us-east-1" : "eu-west-1";
        assert.equal(sydney?.before, nearer);
        assert.equal(sydney?.after, "eu-west-1");
    });

    it("warns when every region of a name is down: Route 53 answers as if all were healthy", () => {
        const [scenario] = run([orders], [FLEET]).scenarios;
        const routing = scenario.names[0];
        assert.equal(routing.allUnhealthy, true);
        for (const answer of routing.answers) {
            assert.equal(answer.after, answer.client);
            assert.equal(answer.afterIsDown, true);
        }
        const warning = scenario.warnings.find((w) => w.kind === "all-regions-down");
        assert.ok(warning);
        assert.match(warning.message, /api\.prod\.orders\.meridian\.example\.com: every region \(ap-southeast-2, eu-west-1, us-east-1\) is down/);
    });

    it("moves the global endpoint to its secondary when the primary's health check region is down", () => {
        const [primaryDown, otherDown] = run([orders], [["us-east-1"], ["ap-southeast-2"]]).scenarios;
        assert.deepEqual(
            primaryDown.endpoints.map((e) => [e.before, e.after]),
            [["us-east-1", "eu-west-1"]],
        );
        assert.deepEqual(
            otherDown.endpoints.map((e) => [e.before, e.after]),
            [["us-east-1", "us-east-1"]],
        );
        const [bothDown] = run([orders], [["us-east-1", "eu-west-1"]]).scenarios;
        assert.ok(bothDown.warnings.some((w) => w.kind === "endpoint-to-down-region" && w.region === "eu-west-1"));
    });

    it("gives each downed region its time to shift: the detection model's typical and worst case, TTL included", () => {
        const [scenario] = run([orders, payments], [["eu-west-1"]]).scenarios;
        const bound = run([orders]).detection[0].regions.find((r) => r.region === "eu-west-1");
        assert.deepEqual(
            scenario.shifts.map((s) => [`${s.subsystem}/${s.environment}`, s.region, s.worstSeconds, s.ttlSeconds]),
            [
                ["orders/prod", "eu-west-1", bound?.boundSeconds, 60],
                ["payments/prod", "eu-west-1", bound?.boundSeconds, 60],
            ],
        );
        assert.match(
            renderSimulationText(run([orders], [["eu-west-1"]])),
            /orders\/prod: clients stop being sent to eu-west-1 within \d+ s typically, \d+ s at worst \(errors; Route 53's verdict after the failure threshold \+ 60 s TTL; resolvers that stretch TTLs keep the old answer longer\)/,
        );
    });

    it("warns that events published during a failover never reach a third region", () => {
        const [primaryDown] = run([{ ...orders, publishToPeers: true }], [["us-east-1"]]).scenarios;
        assert.deepEqual(primaryDown.endpoints[0].missedBy, ["ap-southeast-2"]);
        assert.deepEqual(
            primaryDown.warnings.map((w) => [w.kind, w.message]),
            [
                [
                    "third-region-gap",
                    "events published through orders-prod while it is failed over to eu-west-1 never reach ap-southeast-2: they keep us-east-1 as their origin, " +
                        "eu-west-1 forwards only its own, and the endpoint replicates only back to us-east-1",
                ],
            ],
        );
        // Two regions have no third to miss; a secondary that forwards any origin closes the gap.
        assert.deepEqual(run([{ ...payments, publishToPeers: true }], [["us-east-1"]]).scenarios[0].warnings, []);
        assert.deepEqual(run([{ ...orders, publishToPeers: true, forwardAnyOrigin: true }], [["us-east-1"]]).scenarios[0].warnings, []);
    });

    it("says what happens to publishers' writes after failover: denied when their role covers only their own bus", () => {
        const [denied] = run([payments], [["us-east-1"]]).scenarios;
        assert.equal(denied.endpoints[0].publishers, "denied");
        assert.deepEqual(
            denied.warnings.map((w) => [w.kind, w.region, w.message]),
            [
                [
                    "publish-denied-after-failover",
                    "us-east-1",
                    "global endpoint payments-prod fails over from us-east-1 to eu-west-1, but the publishers in us-east-1 may PutEvents only on their own bus: " +
                        "their events are denied (AccessDenied) until us-east-1 is healthy again",
                ],
            ],
        );
        const [allowed] = run([{ ...payments, publishToPeers: true }], [["us-east-1"]]).scenarios;
        assert.equal(allowed.endpoints[0].publishers, "allowed");
        assert.match(
            renderSimulationText(
                simulate(extractTopology(fixturePlan([{ ...payments, publishToPeers: true }])), fixtureCatalog(FLEET), { scenarios: [["us-east-1"]] }),
            ),
            /us-east-1's publishers write to eu-west-1's bus, their writes there are allowed/,
        );
        // Not failed over: nothing to say about the secondary.
        assert.equal(run([payments], [["eu-west-1"]]).scenarios[0].endpoints[0].publishers, undefined);
    });

    it("keeps answering with a record that has no health check, and warns", () => {
        const report = run([{ ...orders, noHealthCheckIn: ["eu-west-1"] }], [["eu-west-1"]]);
        const warning = report.warnings.find((w) => w.kind === "no-health-check");
        assert.equal(warning?.region, "eu-west-1");
        const europe = report.scenarios[0].names[0].answers.find((a) => a.client === "eu-west-1");
        assert.deepEqual([europe?.after, europe?.afterIsDown], ["eu-west-1", true]);
    });

    it("warns about a subsystem in only one region", () => {
        const report = run([{ name: "solo", environment: "prod", regions: ["eu-west-1"] }]);
        assert.deepEqual(
            report.warnings.filter((w) => w.kind === "single-region").map((w) => w.message),
            ["solo/prod runs only in eu-west-1: it has nowhere to fail over to"],
        );
    });

    it("warns about replication gaps", () => {
        const report = run([{ ...orders, missingReplication: ["ap-southeast-2>us-east-1"] }]);
        const gaps = report.warnings.filter((w) => w.kind === "replication-gap");
        assert.deepEqual(
            gaps.map((g) => [g.region, g.message]),
            [["ap-southeast-2", "orders/prod: the bus in ap-southeast-2 does not replicate to us-east-1; events published there are lost to those regions"]],
        );
        const both = run([{ ...orders, missingReplication: ["ap-southeast-2>us-east-1", "ap-southeast-2>eu-west-1"] }]).warnings.find(
            (w) => w.kind === "replication-gap",
        );
        assert.match(both?.message ?? "", /does not replicate to (us-east-1, eu-west-1|eu-west-1, us-east-1); events/);
    });

    it("bounds detection per failure class: best, typical and worst, each with the record's TTL; the bound is the worst over classes", () => {
        const report = run([orders]);
        const region = report.detection[0].regions[0];
        assert.deepEqual(
            region.classes.map((c) => [c.failureClass, c.best, c.typical, c.worst]),
            [
                // 10 s × 3 failures (+ 6 s probe timeout) + 60 s TTL
                ["endpoint-down", 20, 65, 96],
                // 2 of 3 × 60 s alarms; 3 × 60 s + 60 s (typical) or 120 s (worst) metric delay; + 60 s TTL
                ["errors", 120, 270, 360],
                // 2 traces × 60 s + 90 s timeout, then 10 s × 3 failures of the verdict check, + 60 s TTL
                ["stalled", 170, 239, 300],
            ],
        );
        assert.deepEqual([region.ttlSeconds, region.boundSeconds, region.overTarget], [60, 360, false]);
        assert.equal(report.warnings.filter((w) => w.kind === "slow-detection").length, 0);
    });

    it("counts the trace timeout: a 300 s timeout alone puts every region at 300 s or more, over the target", () => {
        const report = run([{ ...orders, traceTimeoutSeconds: 300 }]);
        for (const region of report.detection[0].regions) {
            assert.ok((region.boundSeconds ?? 0) >= 300, region.region);
            assert.equal(region.classes.find((c) => c.failureClass === "stalled")?.worst, 510);
            assert.equal(region.overTarget, true);
        }
        const slow = report.warnings.filter((w) => w.kind === "slow-detection");
        assert.equal(slow.length, 3);
        assert.match(
            slow[0].message,
            /up to 510 s after it fails \(stalled: 2 traces × 60 s \+ 300 s trace timeout \+ 10 s interval × 3 failures \+ 60 s TTL\), slower than the 420 s failover target/,
        );
    });

    it("counts the TTL the record really carries, and gives no bound for an alias, whose TTL is its target's", () => {
        const longTtl = run([{ ...orders, dnsTtl: 300 }]).detection[0].regions[0];
        assert.deepEqual([longTtl.ttlSeconds, longTtl.boundSeconds], [300, 600]);
        const alias = run([{ ...orders, aliasRecords: true }]);
        assert.equal(alias.detection[0].regions[0].boundSeconds, undefined);
        assert.ok(alias.warnings.some((w) => w.kind === "convention" && /alias, whose answer carries its target's TTL/.test(w.message)));
        // Without a bound there is no time to shift to report.
        assert.deepEqual(alias.scenarios[0].shifts, []);
    });

    it("gives as the typical time to shift the slowest failure class's typical case", () => {
        const [scenario] = run([orders], [["eu-west-1"]]).scenarios;
        const bound = run([orders]).detection[0].regions.find((r) => r.region === "eu-west-1");
        assert.ok(bound && bound.classes.length > 1);
        assert.equal(scenario.shifts[0].typicalSeconds, Math.max(...bound.classes.map((c) => c.typical)));
        assert.notEqual(Math.max(...bound.classes.map((c) => c.typical)), Math.min(...bound.classes.map((c) => c.typical)));
    });

    it("does not know whether publishers may write to the secondary's bus when the plan does not say which account it deploys to", () => {
        const topology = extractTopology(fixturePlan([payments]));
        topology[0].accountId = undefined;
        const [scenario] = simulate(topology, fixtureCatalog(FLEET), { scenarios: [["us-east-1"]] }).scenarios;
        assert.equal(scenario.endpoints[0].publishers, "unknown");
    });

    it("routes by the latency table it is given", () => {
        // A table in which Sydney is nearest to Ireland: its clients go there, not to Virginia.
        const latency = (from: string, to: string) => (from === to ? 1 : from === "ap-southeast-2" && to === "eu-west-1" ? 5 : 100);
        const report = simulate(extractTopology(fixturePlan([payments])), fixtureCatalog(FLEET), { scenarios: [[]], latency });
        assert.equal(report.scenarios[0].names[0].answers.find((a) => a.client === "ap-southeast-2")?.before, "eu-west-1");
    });

    it("warns about a global endpoint in a region that has none", () => {
        const plan = fixturePlan([{ ...orders, regions: ["af-south-1", "eu-west-1"] }]);
        const report = simulate(extractTopology(plan), fixtureCatalog(["af-south-1", "eu-west-1"]));
        assert.deepEqual(
            report.warnings.filter((w) => w.kind === "no-global-endpoints").map((w) => w.message),
            ["global endpoint orders-prod uses af-south-1, where EventBridge offers no global endpoints (regions/aws-regions.ts): it cannot be created"],
        );
    });

    it("reports missing conventions instead of crashing", () => {
        const plan = fixturePlan([orders]);
        plan.stacks[0].resources = plan.stacks[0].resources.filter((r) => r.type !== "aws:route53/healthCheck:HealthCheck");
        const report = simulate(extractTopology(plan), fixtureCatalog(FLEET));
        const messages = report.warnings.filter((w) => w.region === "us-east-1").map((w) => w.message);
        assert.ok(messages.some((m) => m.includes("refers to health check hc-orders-prod-us-east-1-calculated, which is not in the plan")));
        assert.ok(messages.includes("no calculated health check"));
    });

    it("renders text and a mermaid flowchart of regions, names, checks and replication", () => {
        const plan = fixturePlan([orders]);
        const report = simulate(extractTopology(plan), fixtureCatalog(FLEET), { scenarios: [["eu-west-1"]] });
        const text = renderSimulationText(report);
        assert.match(text, /Scenario: eu-west-1 down/);
        // Scenarios first, the per-check detail that explains the bounds after them.
        assert.ok(text.indexOf("Scenario: ") < text.indexOf("Detection-time bound"), text);
        assert.ok(text.indexOf("Scenario: ") < text.indexOf("endpoint-down: "), text);
        assert.match(text, /client eu-west-1 +eu-west-1 -> us-east-1/);
        const mermaid = renderMermaid(extractTopology(plan));
        assert.match(mermaid, /^flowchart LR\n/);
        assert.equal((mermaid.match(/-->\|latency\|/g) ?? []).length, 3);
        assert.equal((mermaid.match(/-\.->\|replicates\|/g) ?? []).length, 6);
        assert.match(mermaid, /subgraph region_ap_southeast_2\["ap-southeast-2"\]/);
        assert.match(mermaid, /endpoint_orders_prod_orders_prod_us_east_1 -->\|primary\| bus_orders_prod_us_east_1/);
    });
});
