import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadCatalog } from "../../stacks/catalog";
import type { PlanDocument } from "../../lib/contracts/plan-document";
import type { RegionCatalog } from "../../regions/region-schema";
import { extractTopology } from "../../regions/topology";
import { rankByLatency } from "../../regions/routing-model";
import { simulate } from "../../regions/failover/simulate";
import { renderMermaid } from "../../regions/failover/mermaid";
import { rehearsalTarget } from "../../regions/failover/rehearsal-target";
import { register } from "../../cli/commands/failover";
import { runCommand } from "../helpers/cli";
import { exampleFleetPlan, REPO_ROOT } from "../helpers/example-catalog";

/** Runs `meridian failover ...` in process and captures what it prints and its exit code. */
function runFailover(args: string[]) {
    return runCommand({ register }, ["failover", ...args]);
}

describe("failover simulate on the example fleet", function () {
    this.timeout(120_000);
    let plan: PlanDocument;
    let regions: RegionCatalog;
    let planFile: string;

    before(async () => {
        plan = await exampleFleetPlan();
        regions = loadCatalog(REPO_ROOT).regions;
        planFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-sim-")), "plan.json");
        fs.writeFileSync(planFile, JSON.stringify(plan));
    });

    after(() => fs.rmSync(path.dirname(planFile), { recursive: true, force: true }));

    it("finds every subsystem environment with its records, checks, replication and endpoints, and nothing missing", () => {
        const topologies = extractTopology(plan);
        assert.deepEqual(
            topologies.map((t) => `${t.subsystem}/${t.environment}: ${t.regions.map((r) => r.region).join(",")}`),
            [
                "orders/prod: ap-southeast-2,eu-west-1,us-east-1",
                "orders/staging: ap-southeast-2,eu-west-1,us-east-1",
                "payments/prod: eu-west-1,us-east-1",
                "payments/staging: eu-west-1,us-east-1",
            ],
        );
        const report = simulate(topologies, regions);
        assert.deepEqual(report.warnings, []);
        for (const region of topologies.flatMap((t) => t.regions)) {
            assert.equal(region.calculated?.kind, "calculated");
            assert.ok(region.children.some((c) => c.kind === "https"));
            assert.ok(region.children.some((c) => c.kind === "metric" && c.alarm?.periodSeconds !== undefined));
        }
    });

    it("moves a downed region's clients to their next-nearest healthy region", () => {
        const report = simulate(extractTopology(plan), regions);
        assert.deepEqual(
            report.scenarios.map((s) => s.down),
            [["us-east-1"], ["eu-west-1"], ["ap-southeast-2"]],
        );
        for (const scenario of report.scenarios) {
            const [down] = scenario.down;
            for (const name of scenario.names) {
                for (const answer of name.answers) {
                    const nearest = rankByLatency(answer.client, name.regions);
                    assert.equal(answer.before, nearest[0]);
                    const expected = answer.before === down ? nearest.find((r) => r !== down) : answer.before;
                    assert.equal(answer.after, expected, `${name.name}, client ${answer.client}, ${down} down`);
                    assert.equal(answer.afterIsDown, false);
                }
            }
            // Every endpoint that failed over: its publishers may write to the secondary's bus, and in three-region
            // subsystems the third region misses what is published meanwhile.
            const failedOver = scenario.endpoints.filter((e) => e.before !== e.after);
            assert.ok(failedOver.every((e) => e.publishers === "allowed"));
            assert.deepEqual(
                scenario.warnings.map((w) => `${w.kind} ${w.subsystem}/${w.environment}`).sort(),
                failedOver
                    .filter((e) => e.subsystem === "orders")
                    .map((e) => `third-region-gap ${e.subsystem}/${e.environment}`)
                    .sort(),
            );
        }
        const europe = report.scenarios[1].names.find((n) => n.name === "api.prod.orders.meridian.example.com");
        assert.deepEqual(
            europe?.answers.map((a) => [a.client, a.after]),
            [
                ["us-east-1", "us-east-1"],
                ["eu-west-1", "us-east-1"],
                ["ap-southeast-2", "ap-southeast-2"],
            ],
        );
        const endpoint = report.scenarios[1].endpoints.find((e) => e.subsystem === "payments" && e.environment === "prod" && e.primary === "eu-west-1");
        assert.deepEqual([endpoint?.before, endpoint?.after], ["eu-west-1", "us-east-1"]);
    });

    it("warns when all regions are down (Route 53 answers as if all were healthy)", async () => {
        const result = await runFailover([
            "simulate",
            "--plan",
            planFile,
            "--root",
            REPO_ROOT,
            "--down",
            "us-east-1,eu-west-1,ap-southeast-2",
            "--format",
            "json",
        ]);
        assert.equal(result.status, 0, result.stderr);
        const report = JSON.parse(result.stdout) as ReturnType<typeof simulate>;
        const warned = report.scenarios[0].warnings.filter((w) => w.kind === "all-regions-down").map((w) => w.message.split(":")[0]);
        assert.deepEqual(warned.sort(), [
            "api.prod.orders.meridian.example.com",
            "api.prod.payments.meridian.example.com",
            "api.staging.orders.meridian.example.com",
            "api.staging.payments.meridian.example.com",
        ]);
        assert.ok(report.scenarios[0].names.every((n) => n.answers.every((a) => a.afterIsDown)));
    });

    it("bounds every region of the example fleet per failure class, within the 420 s target", () => {
        const report = simulate(extractTopology(plan), regions);
        for (const region of report.detection.flatMap((subsystem) => subsystem.regions)) {
            assert.deepEqual(
                region.classes.map((c) => [c.failureClass, c.worst]),
                [
                    ["endpoint-down", 96],
                    ["errors", 360],
                    ["stalled", 300],
                ],
                region.region,
            );
            assert.deepEqual([region.ttlSeconds, region.boundSeconds, region.overTarget], [60, 360, false]);
        }
        assert.equal(report.warnings.filter((w) => w.kind === "slow-detection").length, 0);
    });

    it("prints text and a mermaid diagram, and rejects an unknown --down region with exit 2", async () => {
        const text = await runFailover(["simulate", "--plan", planFile, "--root", REPO_ROOT, "--down", "eu-west-1"]);
        assert.equal(text.status, 0, text.stderr);
        assert.match(text.stdout, /Scenario: eu-west-1 down/);
        const mermaid = await runFailover(["simulate", "--plan", planFile, "--root", REPO_ROOT, "--format", "mermaid"]);
        assert.equal(mermaid.stdout, renderMermaid(extractTopology(plan)));
        const bad = await runFailover(["simulate", "--plan", planFile, "--root", REPO_ROOT, "--down", "eu-west-4", "--down", "us-east-1,mars-1"]);
        assert.equal(bad.status, 2);
        assert.equal(bad.stdout, "");
        assert.equal(
            bad.stderr,
            'error: command line: --down[0]: "eu-west-4" is not a region in rotation (regions/regions.yaml lists us-east-1, eu-west-1, ap-southeast-2)\n' +
                'error: command line: --down[1]: "mars-1" is not a region in rotation (regions/regions.yaml lists us-east-1, eu-west-1, ap-southeast-2)\n',
        );
    });

    it("rejects a file that is not a plan with exit 2", async () => {
        const notPlan = path.join(path.dirname(planFile), "not-plan.json");
        fs.writeFileSync(notPlan, JSON.stringify({ schemaVersion: 99 }));
        const result = await runFailover(["simulate", "--plan", notPlan, "--root", REPO_ROOT]);
        assert.equal(result.status, 2);
        assert.equal(
            result.stderr,
            `error: ${notPlan}: schemaVersion: 99 is not a plan.json version this tool reads (expected 1, as written by \`meridian plan\`)\n`,
        );
    });

    it("rehearse refuses without a terminal or --yes (exit 2), before any AWS call", async () => {
        const stateFile = path.join(path.dirname(planFile), "state.json");
        const tty = process.stdin.isTTY;
        Object.defineProperty(process.stdin, "isTTY", { value: false, configurable: true });
        try {
            const result = await runFailover([
                "rehearse",
                "--plan",
                planFile,
                "--root",
                REPO_ROOT,
                "--subsystem",
                "orders",
                "--env",
                "prod",
                "--region",
                "eu-west-1",
                "--state-file",
                stateFile,
            ]);
            assert.equal(result.status, 2);
            assert.match(result.stderr, /^error: command line: --yes: stdin is not a terminal, so the rehearsal cannot ask for confirmation: pass --yes/);
            assert.equal(fs.existsSync(stateFile), false);
        } finally {
            Object.defineProperty(process.stdin, "isTTY", { value: tty, configurable: true });
        }
    });

    it("knows from the plan that neither rehearsal lever moves the example's bus: its endpoints follow their own bus check", () => {
        const target = rehearsalTarget(extractTopology(plan), "orders", "prod", "eu-west-1", regions.homeRegion);
        assert.deepEqual(target.endpoint, { name: "orders-endpoint", secondaryRegion: "us-east-1", movedBy: [] });
        assert.deepEqual(target.lock, { region: "us-east-1", name: "/orders/rehearsal/prod/lock" });
    });

    it("restore with no state file has nothing to do and says so (exit 0)", async () => {
        const stateFile = path.join(path.dirname(planFile), "no-such-state.json");
        const result = await runFailover(["restore", "--state-file", stateFile]);
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, `nothing to restore: no state file at ${stateFile}\n`);
    });

    it("restore takes --subsystem and --env together or not at all (exit 2, before any AWS call)", async () => {
        const stateFile = path.join(path.dirname(planFile), "no-such-state.json");
        const result = await runFailover(["restore", "--state-file", stateFile, "--subsystem", "orders"]);
        assert.equal(result.status, 2);
        assert.match(result.stderr, /command line: --env: --subsystem and --env go together \(they name the lock to read\)/);
    });
});
