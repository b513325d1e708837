import { strict as assert } from "node:assert";
import { EventEmitter } from "node:events";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { extractTopology } from "../../regions/topology";
import { clientLocations } from "../../regions/failover/client-subnets";
import { rehearsalTarget } from "../../regions/failover/rehearsal-target";
import { rehearse, type Phase, type RehearsalDeps, type RehearsalReport, type RehearsalRequest } from "../../regions/failover/rehearse";
import { restoreRehearsal, RestoreRefused, type RestoreRequest } from "../../regions/failover/restore";
import { renderRehearsalMarkdown } from "../../regions/failover/rehearsal-report";
import { SdkRoute53Gateway } from "../../regions/failover/route53-gateway";
import { SdkParameterGateway } from "../../regions/failover/ssm-gateway";
import { SdkSchedulerGateway } from "../../regions/failover/scheduler-gateway";
import { SdkIdentityGateway } from "../../regions/failover/identity-gateway";
import { stopOnSignals } from "../../regions/failover/operator-signals";
import { readState, writeState, type RehearsalState } from "../../regions/failover/state-file";
import { GetHostedZoneCommand, Route53Client, UpdateHealthCheckCommand } from "@aws-sdk/client-route-53";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { STSClient } from "@aws-sdk/client-sts";
import { fixturePlan } from "./fixtures/plan-fixture";
import { FakeClock, Route53World } from "./fixtures/route53-world";

const FLEET = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const ACCOUNT = "111122223333";
const topologies = extractTopology(fixturePlan([{ name: "orders", environment: "prod", regions: FLEET }]));
const LOCK = "/orders/rehearsal/prod/lock";
const SWITCH = "/orders/health/force-unhealthy";
const SCHEDULE = "orders-prod-rehearsal-revert";

describe("failover rehearse (aws-sdk-client-mock, fake clock)", () => {
    let clock: FakeClock;
    let world: Route53World;
    let dir: string;
    let lines: string[];

    beforeEach(() => {
        clock = new FakeClock();
        world = new Route53World(clock, { regions: FLEET });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-rehearse-"));
        lines = [];
    });

    afterEach(() => {
        world.restore();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    function request(overrides: Partial<RehearsalRequest> & { region?: string } = {}): RehearsalRequest {
        const { region = "eu-west-1", ...rest } = overrides;
        return {
            target: rehearsalTarget(topologies, "orders", "prod", region, "us-east-1"),
            lever: "invert",
            dryRun: false,
            yes: true,
            timeoutSeconds: 900,
            stateFile: path.join(dir, "state.json"),
            clients: clientLocations(FLEET),
            pollSeconds: 10,
            ...rest,
        };
    }

    function deps(overrides: Partial<RehearsalDeps> = {}): RehearsalDeps {
        return {
            route53: new SdkRoute53Gateway(new Route53Client({ region: "us-east-1" })),
            parameters: new SdkParameterGateway((region) => new SSMClient({ region })),
            scheduler: new SdkSchedulerGateway((region) => new SchedulerClient({ region })),
            identity: new SdkIdentityGateway(new STSClient({ region: "us-east-1" })),
            resolver: world.resolver,
            clock,
            log: (line) => lines.push(line),
            confirm: async () => true,
            ...overrides,
        };
    }

    function restoreDeps() {
        const { route53, parameters, scheduler, identity } = deps();
        return { route53, parameters, scheduler, identity, clock, log: (line: string) => lines.push(line) };
    }

    function assertRestored(req: RehearsalRequest): void {
        assert.equal(world.isInverted(req.target.region), false, "health check left inverted");
        assert.notEqual(world.parameters.get(SWITCH), "true", "switch left on");
        assert.equal(fs.existsSync(req.stateFile), false, "state file left behind");
        assert.equal(world.parameters.has(LOCK), false, "lock left held");
        assert.equal(world.schedules.size, 0, "revert schedule left armed");
    }

    function callOrder(report: RehearsalReport): string[] {
        return report.apiCalls.filter((c) => c.mutating).map((c) => `${c.api}${c.params.Overwrite === false ? " (lock)" : ""}`);
    }

    it("runs a full rehearsal with the invert lever: lock, revert armed before the lever, DNS moves away and back, all tidied", async () => {
        const req = request();
        let armedWhenPulled = false;
        world.hooks.set("UpdateHealthCheck", () => {
            if (world.route53.commandCalls(UpdateHealthCheckCommand).length === 1)
                armedWhenPulled = world.schedules.has(SCHEDULE) && world.parameters.has(LOCK);
        });
        const report = await rehearse(req, deps());
        assert.equal(report.outcome, "completed", report.reason);
        assert.equal(armedWhenPulled, true, "the lever was pulled before the AWS-side revert and the lock were in place");
        assert.deepEqual(callOrder(report), [
            "ssm:PutParameter (lock)",
            "scheduler:CreateSchedule",
            "route53:UpdateHealthCheck",
            "route53:UpdateHealthCheck",
            "scheduler:DeleteSchedule",
            "ssm:DeleteParameter",
        ]);
        assert.deepEqual(
            report.phases.map((p) => p.phase),
            ["preflight", "inject", "detect", "shift", "restore", "recover"],
        );
        assert.deepEqual(report.preflight?.baseline, { "us-east-1": "us-east-1", "eu-west-1": "eu-west-1", "ap-southeast-2": "ap-southeast-2" });
        // DNS follows Route 53's verdict 20 s late, polled every 10 s; the record carries a 60 s TTL.
        assert.deepEqual(report.timings, { detectSeconds: null, shiftSeconds: 20, recordTtlSeconds: 60, shiftWithTtlSeconds: 80, recoverSeconds: 20 });
        assert.equal(report.account, ACCOUNT);
        assert.deepEqual(report.revert, { region: "us-east-1", name: SCHEDULE, at: "2026-11-26T20:15:00.000Z", armed: true, disarmed: true });
        assert.deepEqual(report.lock, { region: "us-east-1", name: LOCK, held: false });
        assert.ok(
            report.phases.every((p) => p.endedAt !== undefined && p.endedAt >= p.startedAt),
            "every phase has ended",
        );
        assert.ok(report.observations.some((o) => o.phase === "restore" && o.what === "health check hc-orders-prod-eu-west-1-calculated no longer inverted"));
        const statusReads = report.apiCalls.filter((c) => c.api === "route53:GetHealthCheckStatus");
        assert.ok(statusReads.length > 0 && statusReads.every((c) => typeof c.params.HealthCheckId === "string"));
        // The fixture's only global endpoint has its primary in us-east-1: draining eu-west-1 does not move the bus.
        assert.equal(report.bus, undefined);
        assertRestored(req);
        assert.deepEqual(report.notes, [
            "invert lever: Route 53 flips the calculated check itself, so there is no checker detection to time (use --lever switch to measure it)",
        ]);
        assert.equal(report.observations[0].what, `AWS-side revert armed: ${SCHEDULE} in us-east-1 fires at 2026-11-26T20:15:00.000Z unless disarmed`);
        // The operator follows the run in the log: each phase as it starts, each observation under its phase.
        assert.deepEqual(
            lines.filter((l) => l.startsWith("phase: ")),
            ["preflight", "inject", "detect", "shift", "restore", "recover"].map((p) => `phase: ${p}`),
        );
        assert.ok(lines.includes("[inject] invert health check hc-orders-prod-eu-west-1-calculated"));
        // Each change of the answers is observed once, and only a switch lever waits for the checks to recover.
        assert.deepEqual(
            report.observations.filter((o) => o.phase === "shift" || o.phase === "recover").map((o) => `${o.phase} ${o.what}`),
            [
                "shift answers: us-east-1->us-east-1, eu-west-1->eu-west-1, ap-southeast-2->ap-southeast-2",
                "shift answers: us-east-1->us-east-1, eu-west-1->us-east-1, ap-southeast-2->ap-southeast-2",
                "shift no client is answered by eu-west-1 (Route 53's name servers)",
                "recover answers: us-east-1->us-east-1, eu-west-1->us-east-1, ap-southeast-2->ap-southeast-2",
                "recover answers: us-east-1->us-east-1, eu-west-1->eu-west-1, ap-southeast-2->ap-southeast-2",
                "recover clients back on eu-west-1: eu-west-1",
                "recover AWS-side revert orders-prod-rehearsal-revert disarmed",
            ],
        );
        const markdown = renderRehearsalMarkdown(report);
        assert.match(markdown, /\| time to shift, authoritative \(lever pulled → Route 53's name servers answer no client with eu-west-1\) \| 20 s \|/);
        assert.match(markdown, /\| time to shift for clients honouring the TTL \(authoritative \+ TTL\) \| 80 s \|/);
        assert.match(markdown, /- Lever pulled: yes; restored: yes/);
    });

    it("the revert schedule calls the revert API itself: universal target, role in the recorded account, the lever's own request", async () => {
        const req = request({ lever: "switch" });
        world.switchRegion = "eu-west-1";
        world.parameters.set(SWITCH, "false");
        const report = await rehearse(req, deps());
        const created = world.scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
        assert.equal(report.outcome, "completed", report.reason);
        assert.ok(created);
        assert.equal(created.Target?.Arn, "arn:aws:scheduler:::aws-sdk:ssm:putParameter");
        assert.equal(created.Target?.RoleArn, `arn:aws:iam::${ACCOUNT}:role/orders-rehearsal-revert-eu-west-1`);
        assert.deepEqual(JSON.parse(created.Target?.Input ?? ""), { Name: SWITCH, Value: "false", Type: "String", Overwrite: true });
        assert.deepEqual(
            [created.ScheduleExpression, created.ScheduleExpressionTimezone, created.ActionAfterCompletion],
            ["at(2026-11-26T20:15:00)", "UTC", "DELETE"],
        );
        assert.deepEqual(created.FlexibleTimeWindow, { Mode: "OFF" });
    });

    it("times detection at Route 53's verdict (failureThreshold probes of every checker), not at the first failed probe, with the switch lever", async () => {
        world.switchRegion = "eu-west-1";
        world.parameters.set(SWITCH, "false");
        const req = request({ lever: "switch" });
        const report = await rehearse(req, deps());
        assert.equal(report.outcome, "completed", report.reason);
        // The tracer fails 30 s after the switch. Checkers probe every 10 s at offsets 0, 3 and 6 s; each
        // needs 3 failed probes: their verdicts turn at +50, +53 and +56 s, and only with the last is
        // no more than 18% of them healthy. (Every checker's latest probe had failed by the +40 s poll.)
        assert.equal(report.timings.detectSeconds, 56);
        // DNS follows the verdict 20 s later (+76 s), seen at the +80 s poll; the TTL adds 60 s for resolvers.
        assert.equal(report.timings.shiftSeconds, 80);
        assert.equal(report.timings.shiftWithTtlSeconds, 140);
        // Putting the switch back, the tracer answers 30 s later and the checkers need 3 good probes; DNS follows 20 s after.
        assert.equal(report.timings.recoverSeconds, 140);
        assert.ok(
            report.observations.some(
                (o) =>
                    o.phase === "detect" &&
                    o.what === "eu-west-1 unhealthy by Route 53's verdict (its checkers' failure threshold met at 2026-11-26T20:00:56.000Z)",
            ),
        );
        const recovery = report.observations.filter((o) => o.phase === "recover").map((o) => o.what);
        assert.equal(recovery[0], "eu-west-1 healthy again by Route 53's verdict");
        assert.equal(recovery.at(-2), "clients back on eu-west-1: eu-west-1");
        assert.equal(world.parameters.get(SWITCH), "false");
        assert.equal(world.leverCalls(), 2);
        assertRestored(req);
    });

    it("asks Route 53 for the record's own type and takes the TTL from the record, with the components' CNAME records", async () => {
        world.cnameRecords = true;
        const req = request();
        const report = await rehearse(req, deps());
        assert.equal(report.outcome, "completed", report.reason);
        assert.deepEqual(report.preflight?.baseline, { "us-east-1": "us-east-1", "eu-west-1": "eu-west-1", "ap-southeast-2": "ap-southeast-2" });
        assert.deepEqual([report.timings.shiftSeconds, report.timings.recordTtlSeconds, report.timings.shiftWithTtlSeconds], [20, 45, 65]);
        assert.equal(world.route53.commandCalls(GetHostedZoneCommand).length, 0, "a plain record's TTL needs no DNS query");
        assertRestored(req);
    });

    it("does not take a DNS answer that matches no region for clients having moved away", async () => {
        // eu-west-1's clients get an address no record has (a resolver's stale or foreign answer) while drained.
        world.hooks.set("UpdateHealthCheck", () => {
            if (world.route53.commandCalls(UpdateHealthCheckCommand).length === 1) world.strayAnswers.add("eu-west-1");
        });
        world.hooks.set("TestDNSAnswer", () => {
            if (clock.now() >= Date.parse("2026-11-26T20:00:40.000Z")) world.strayAnswers.clear();
        });
        const report = await rehearse(request(), deps());
        assert.equal(report.outcome, "completed", report.reason);
        // Moved at +20 s by Route 53, but only known once the answers match a region again, at +40 s.
        assert.equal(report.timings.shiftSeconds, 40);
        assert.ok(report.observations.some((o) => o.phase === "shift" && o.what.includes("eu-west-1->unknown")));
    });

    it("does not count the time the operator spends at the prompt against the timeout, and checks everything again after it", async () => {
        const req = request({ yes: false, timeoutSeconds: 300 });
        const report = await rehearse(
            req,
            deps({
                confirm: async () => {
                    clock.t += 600_000;
                    return true;
                },
            }),
        );
        assert.equal(report.outcome, "completed", report.reason);
        assert.equal(report.phases.filter((p) => p.phase === "preflight").length, 2);
        // The 10 minutes at the prompt move the deadline, and the AWS-side revert with it, by exactly that much.
        assert.equal(report.revert?.at, "2026-11-26T20:15:00.000Z");
        assertRestored(req);
    });

    describe("refuses", () => {
        async function refused(req: RehearsalRequest, pattern: RegExp, extra: Partial<RehearsalDeps> = {}) {
            const report = await rehearse(req, deps(extra));
            assert.equal(report.outcome, "refused");
            assert.match(report.reason ?? "", pattern);
            assert.ok(lines.includes(`refused: ${report.reason}`), "the operator is told why");
            assert.equal(world.leverCalls(), 0);
            assert.equal(report.leverPulled, false);
            assert.match(renderRehearsalMarkdown(report), /- Lever pulled: no \(refused before the lever\); nothing to restore/);
            return report;
        }

        it("a region that is not in the subsystem (bad input, before any call)", () => {
            assert.throws(
                () => rehearsalTarget(topologies, "orders", "prod", "us-west-2", "us-east-1"),
                (error: unknown) =>
                    error instanceof InputError &&
                    error.message === 'command line: --region: "us-west-2" is not a region of orders/prod (regions: ap-southeast-2, eu-west-1, us-east-1)',
            );
            assert.throws(
                () => rehearsalTarget(topologies, "orders", "dev", "eu-west-1", "us-east-1"),
                /--env: "dev" is not an environment of orders \(environments: prod\)/,
            );
            assert.throws(
                () => rehearsalTarget(topologies, "billing", "prod", "eu-west-1", "us-east-1"),
                /--subsystem: "billing" has no subsystem stacks in the plan/,
            );
        });

        it("credentials for another account than the plan's", async () => {
            world.account = "999999999999";
            await refused(request(), /the credentials act in account 999999999999, but the plan deploys orders\/prod to 111122223333/);
            assert.equal(world.mutatingCalls(), 0);
        });

        it("when the state file of an unfinished run exists", async () => {
            const req = request();
            writeState(req.stateFile, recordOf({ region: "us-east-1", startedAt: "2026-11-26T19:00:00.000Z" }));
            await refused(
                req,
                /unfinished rehearsal \(orders\/prod in us-east-1, started 2026-11-26T19:00:00.000Z\) left .*state\.json: run `meridian failover restore` first/,
            );
            assert.ok(fs.existsSync(req.stateFile));
        });

        it("when another rehearsal holds the lock in AWS, from another machine", async () => {
            world.parameters.set(LOCK, JSON.stringify(recordOf({ region: "us-east-1", runId: "other-run" })));
            await refused(
                request(),
                /another rehearsal holds the lock \/orders\/rehearsal\/prod\/lock in us-east-1: orders\/prod us-east-1 \(invert lever, account 111122223333/,
            );
            assert.equal(world.mutatingCalls(), 0);
        });

        it("when the region's health checks are not found in Route 53", async () => {
            world.untagged.add("eu-west-1");
            await refused(
                request(),
                /no Route 53 health check tagged meridian:subsystem=orders, meridian:environment=prod, meridian:region=eu-west-1, meridian:check=calculated \(the plan names it orders-prod-eu-west-1\)/,
            );
        });

        it("when the check is already inverted", async () => {
            world.inverted.get("eu-west-1")?.push({ at: clock.now(), value: true });
            await refused(request(), /health check hc-orders-prod-eu-west-1-calculated of eu-west-1 is already inverted/);
        });

        it("when the region is already unhealthy", async () => {
            world.setChildHealthy("eu-west-1", false, clock.now() - 600_000);
            await refused(request(), /eu-west-1 is already unhealthy/);
        });

        it("when draining the region would leave no healthy region", async () => {
            world.setChildHealthy("us-east-1", false, clock.now() - 600_000);
            world.setChildHealthy("ap-southeast-2", false, clock.now() - 600_000);
            await refused(request(), /^draining eu-west-1 would leave no healthy region \(ap-southeast-2 unhealthy, us-east-1 unhealthy\)$/);
        });

        it("when the lever would fail the bus over to an unhealthy secondary", async () => {
            world.setChildHealthy("eu-west-1", false, clock.now() - 600_000);
            await refused(
                request({ region: "us-east-1" }),
                /the invert lever also fails global endpoint orders-prod over to its secondary eu-west-1, which is unhealthy: publishers would lose their bus/,
            );
        });

        it("goes ahead with a note when only some other region is unhealthy, and says the bus moves too", async () => {
            world.setChildHealthy("ap-southeast-2", false, clock.now() - 600_000);
            const report = await rehearse(request({ region: "us-east-1" }), deps());
            assert.equal(report.outcome, "completed", report.reason);
            assert.ok(report.notes.includes("ap-southeast-2 is unhealthy: only eu-west-1 will take the traffic"));
            assert.ok(lines.includes("note: ap-southeast-2 is unhealthy: only eu-west-1 will take the traffic"));
            assert.ok(
                report.notes.includes(
                    "the invert lever also fails the bus over: publishers using global endpoint orders-prod move from us-east-1 to eu-west-1 (healthy now) until the lever is back",
                ),
            );
            assert.deepEqual(report.bus, { endpoint: "orders-prod", secondary: "eu-west-1" });
        });

        it("when the record does not use the region's calculated check", async () => {
            world.recordCheckOverride.set("eu-west-1", "hc-other");
            await refused(
                request(),
                /record api\.prod\.orders\.meridian\.example\.com \(eu-west-1\) uses health check hc-other, not hc-orders-prod-eu-west-1-calculated/,
            );
        });

        it("when the switch is already on", async () => {
            world.parameters.set(SWITCH, "true");
            await refused(request({ lever: "switch" }), /\/orders\/health\/force-unhealthy in eu-west-1 is already "true"/);
        });

        it("when a peer fails while the operator reads the prompt: preflight runs again after it", async () => {
            await refused(request({ yes: false }), /^draining eu-west-1 would leave no healthy region/, {
                confirm: async () => {
                    world.setChildHealthy("us-east-1", false);
                    world.setChildHealthy("ap-southeast-2", false);
                    clock.t += 120_000;
                    return true;
                },
            });
            assert.equal(world.mutatingCalls(), 0);
        });

        it("when the operator does not confirm", async () => {
            let asked = "";
            const report = await refused(request({ yes: false }), /not confirmed by the operator/, {
                confirm: async (summary) => {
                    asked = summary;
                    return false;
                },
            });
            assert.equal(
                asked,
                "Drain orders/prod in eu-west-1 (account 111122223333) with the invert lever (invert health check hc-orders-prod-eu-west-1-calculated). " +
                    "Clients answered by eu-west-1 now: eu-west-1. Healthy elsewhere: ap-southeast-2, us-east-1. The bus does not move.",
            );
            assert.deepEqual(
                report.phases.map((p) => p.phase),
                ["preflight"],
            );
            assert.equal(world.mutatingCalls(), 0);
        });
    });

    it("asks the operator with what the switch lever sets, who is drained, who takes over and where the bus goes", async () => {
        world.switchRegion = "us-east-1";
        world.parameters.set(SWITCH, "false");
        let asked = "";
        const report = await rehearse(
            request({ region: "us-east-1", lever: "switch", yes: false }),
            deps({
                confirm: async (summary) => {
                    asked = summary;
                    return false;
                },
            }),
        );
        assert.equal(report.outcome, "refused");
        assert.equal(
            asked,
            `Drain orders/prod in us-east-1 (account ${ACCOUNT}) with the switch lever (set ${SWITCH} to "true" in us-east-1). ` +
                "Clients answered by us-east-1 now: us-east-1. Healthy elsewhere: ap-southeast-2, eu-west-1. " +
                "The bus fails over too: global endpoint orders-prod publishes to eu-west-1 while drained.",
        );
    });

    it("refuses when an earlier run's revert schedule is still there: pulls nothing, leaves that schedule, frees its own lock", async () => {
        const req = request();
        world.schedules.set(SCHEDULE, { name: SCHEDULE, at: clock.now() + 60_000, targetArn: "earlier", roleArn: "earlier", input: "{}" });
        const report = await rehearse(req, deps());
        assert.equal(report.outcome, "refused");
        assert.equal(
            report.reason,
            `a revert schedule ${SCHEDULE} already exists in us-east-1, left by an earlier run: run \`meridian failover restore\` first; nothing was pulled`,
        );
        assert.equal(world.leverCalls(), 0);
        assert.equal(world.schedules.get(SCHEDULE)?.targetArn, "earlier");
        assert.equal(world.scheduler.commandCalls(DeleteScheduleCommand).length, 0);
        assert.deepEqual(report.revert, { region: "us-east-1", name: SCHEDULE, at: "2026-11-26T20:15:00.000Z", armed: false, disarmed: false });
        assert.equal(world.parameters.has(LOCK), false, "lock left held");
        assert.equal(report.lock?.held, false);
        assert.equal(fs.existsSync(req.stateFile), false, "state file left behind");
    });

    it("completes with a note when the lever is back but tidying up fails, and leaves the rest to restore", async () => {
        const req = request();
        world.scheduler.on(DeleteScheduleCommand).rejects(Object.assign(new Error("Scheduler is down"), { name: "InternalServerException" }));
        const report = await rehearse(req, deps());
        assert.equal(report.outcome, "completed", report.reason);
        assert.equal(report.restored, true);
        assert.equal(world.isInverted("eu-west-1"), false);
        const note = "the lever is back, but tidying up failed (Scheduler is down): run `meridian failover restore` to disarm the revert and free the lock";
        assert.equal(report.notes.at(-1), note);
        assert.ok(lines.includes(`note: ${note}`));
        assert.equal(report.revert?.disarmed, false);
        assert.equal(report.lock?.held, true);
        assert.ok(world.parameters.has(LOCK));
        assert.ok(fs.existsSync(req.stateFile), "restore needs the record");
    });

    it("reports the shift without the TTL when the TTL cannot be read", async () => {
        const report = await rehearse(request(), deps({ resolver: { ...world.resolver, ttlSeconds: async () => undefined } }));
        assert.equal(report.outcome, "completed", report.reason);
        assert.deepEqual(report.timings, { detectSeconds: null, shiftSeconds: 20, recordTtlSeconds: null, shiftWithTtlSeconds: null, recoverSeconds: 20 });
    });

    it("with no client location answered by the drained region, has no client to wait for on recovery, and says so", async () => {
        const report = await rehearse(request({ clients: clientLocations(["us-east-1"]) }), deps());
        assert.equal(report.outcome, "completed", report.reason);
        assert.equal(report.timings.recoverSeconds, 0);
        assert.ok(report.observations.some((o) => o.phase === "recover" && o.what === "clients back on eu-west-1: none to check"));
    });

    it("a dry run does not prompt, even without --yes", async () => {
        let asked = false;
        const report = await rehearse(
            request({ dryRun: true, yes: false }),
            deps({
                confirm: async () => {
                    asked = true;
                    return false;
                },
            }),
        );
        assert.equal(report.outcome, "dry-run");
        assert.equal(asked, false);
    });

    describe("concurrent rehearsals", () => {
        it("the second refuses: only one run of a subsystem environment holds the lock, even from two machines", async () => {
            const first = request({ region: "eu-west-1", stateFile: path.join(dir, "machine-a.json") });
            const second = request({ region: "us-east-1", stateFile: path.join(dir, "machine-b.json") });
            const [a, b] = await Promise.all([rehearse(first, deps()), rehearse(second, deps())]);
            const outcomes = [a.outcome, b.outcome].sort();
            assert.deepEqual(outcomes, ["completed", "refused"]);
            const loser = a.outcome === "refused" ? a : b;
            assert.match(
                loser.reason ?? "",
                /another rehearsal took the lock \/orders\/rehearsal\/prod\/lock in us-east-1 first: orders\/prod (eu-west-1|us-east-1) .*; nothing was changed/,
            );
            assert.equal(loser.leverPulled, false);
            // Only the winner's lever moved: two pulls and puts of one check, never both regions inverted.
            const inverted = world.route53.commandCalls(UpdateHealthCheckCommand).map((c) => c.args[0].input.HealthCheckId);
            assert.equal(new Set(inverted).size, 1);
            assert.equal(world.parameters.has(LOCK), false);
        });
    });

    describe("stop conditions while drained", () => {
        it("a peer failing mid-drain: aborts and puts the lever back within one poll of Route 53's verdict", async () => {
            world.dnsLagMs = 10_000_000;
            const req = request();
            world.setChildHealthy("ap-southeast-2", false, clock.now() + 40_000);
            const report = await rehearse(req, deps());
            assert.equal(report.outcome, "aborted", report.reason);
            assert.match(
                report.reason ?? "",
                /^ap-southeast-2, a peer, turned unhealthy by Route 53's verdict: the drain stopped and the lever was put back at once$/,
            );
            // The peer's checkers turn at +60, +63, +66 s (three failed probes each); the lever is back by the next poll.
            const verdictAt = Date.parse("2026-11-26T20:01:06.000Z");
            const putBack = world.inverted.get("eu-west-1")?.find((e) => !e.value)?.at as number;
            assert.ok(putBack >= verdictAt && putBack - verdictAt <= 10_000, `lever back ${(putBack - verdictAt) / 1000} s after the verdict`);
            assertRestored(req);
        });

        it("the endpoint's secondary failing mid-drain is named as such", async () => {
            world.dnsLagMs = 10_000_000;
            world.setChildHealthy("eu-west-1", false, clock.now() + 20_000);
            const req = request({ region: "us-east-1" });
            const report = await rehearse(req, deps());
            assert.equal(report.outcome, "aborted");
            assert.match(report.reason ?? "", /^eu-west-1, the secondary of global endpoint orders-prod \(and a peer\), turned unhealthy/);
            assertRestored(req);
        });

        it("the drained region itself failing while inverted (the inverted check would send clients to it)", async () => {
            world.dnsLagMs = 10_000_000;
            world.setChildHealthy("eu-west-1", false, clock.now() + 20_000);
            const req = request();
            const report = await rehearse(req, deps());
            assert.equal(report.outcome, "aborted");
            assert.match(report.reason ?? "", /^eu-west-1's own checks failed while its check was inverted/);
            assertRestored(req);
        });
    });

    describe("when the operator's machine goes away", () => {
        it("SIGHUP (a dropped SSH session) stops the run through the signal wiring and puts everything back", async () => {
            const process = new EventEmitter();
            const controller = new AbortController();
            const stopListening = stopOnSignals(controller, (line) => lines.push(line), process);
            let dnsCalls = 0;
            world.hooks.set("TestDNSAnswer", () => {
                if (++dnsCalls === 5) process.emit("SIGHUP", "SIGHUP");
            });
            const req = request();
            const report = await rehearse(req, deps({ signal: controller.signal }));
            stopListening();
            assert.equal(report.outcome, "interrupted");
            assert.equal(report.reason, "interrupted (SIGHUP)");
            assert.ok(lines.includes("SIGHUP received: stopping and putting the lever back (this can take a few seconds)"));
            assertRestored(req);
            assert.equal(process.listenerCount("SIGHUP"), 0);
        });

        it("a killed process: the AWS-side revert fires at the timeout and puts the lever back; restore from another machine frees the lock", async () => {
            world.dnsLagMs = 10_000_000;
            const req = request({ timeoutSeconds: 300 });
            // Killed: once the lever is pulled, this process never runs another line.
            const frozen: typeof clock = Object.assign(Object.create(clock) as FakeClock, {
                sleep: () => new Promise<void>(() => undefined),
            });
            void rehearse(req, deps({ clock: frozen }));
            for (let i = 0; i < 50 && !world.isInverted("eu-west-1"); i++) await new Promise((resolve) => setImmediate(resolve));
            assert.equal(world.isInverted("eu-west-1"), true, "the lever was not pulled");
            assert.equal(world.schedules.size, 1);

            clock.t += 299_000;
            assert.deepEqual(await world.fireDueSchedules(), [], "fired before the timeout");
            clock.t += 1_000;
            const fired = await world.fireDueSchedules();
            assert.deepEqual(
                fired.map((s) => s.name),
                [SCHEDULE],
            );
            assert.equal(world.isInverted("eu-west-1"), false, "the AWS-side revert did not put the lever back");
            assert.equal(world.schedules.size, 0, "a one-time schedule deletes itself after it runs");
            assert.ok(world.parameters.has(LOCK), "the lock stays until someone restores: the run never finished");

            // Another machine: no state file there, only the lock in AWS.
            const result = await restoreRehearsal(
                { stateFile: path.join(dir, "other-machine.json"), lock: { region: "us-east-1", name: LOCK }, dryRun: false },
                restoreDeps(),
            );
            assert.deepEqual([result.restored, result.source, result.revertDisarmed, result.lock], [true, "lock", false, "released"]);
            assert.equal(world.parameters.has(LOCK), false);
            assert.equal(world.isInverted("eu-west-1"), false);
        });
    });

    describe("interrupted", () => {
        const cases: Array<{ phase: Phase; lever: "invert" | "switch"; api: string; nth: number }> = [
            { phase: "preflight", lever: "invert", api: "GetHealthCheckStatus", nth: 1 },
            { phase: "inject", lever: "invert", api: "UpdateHealthCheck", nth: 1 },
            { phase: "detect", lever: "switch", api: "GetHealthCheckStatus", nth: 20 },
            { phase: "shift", lever: "invert", api: "TestDNSAnswer", nth: 5 },
            { phase: "restore", lever: "invert", api: "UpdateHealthCheck", nth: 2 },
            { phase: "recover", lever: "invert", api: "TestDNSAnswer", nth: 14 },
        ];
        for (const { phase, lever, api, nth } of cases) {
            it(`during ${phase}: stops and ends with the lever restored`, async () => {
                world.switchRegion = "eu-west-1";
                const controller = new AbortController();
                let count = 0;
                let phaseAtAbort: string | undefined;
                const req = request({ lever });
                world.hooks.set(api, () => {
                    if (++count === nth) {
                        controller.abort("SIGINT");
                        phaseAtAbort = lines
                            .filter((l) => l.startsWith("phase: "))
                            .at(-1)
                            ?.slice("phase: ".length);
                    }
                });
                const report = await rehearse(req, deps({ signal: controller.signal }));
                assert.equal(report.outcome, "interrupted", report.reason);
                assert.equal(report.reason, "interrupted (SIGINT)");
                assert.equal(report.restored, true);
                assertRestored(req);
                if (phase !== "preflight") assert.equal(report.phases.filter((p) => p.phase === "restore").length, 1);
                else assert.equal(world.mutatingCalls(), 0);
                assert.equal(phaseAtAbort, phase, "the signal arrived in another phase than intended");
            });
        }

        it("by the overall timeout: restores when it expires", async () => {
            world.dnsLagMs = 10_000_000;
            const req = request({ timeoutSeconds: 120 });
            const report = await rehearse(req, deps());
            assert.equal(report.outcome, "timed-out");
            assert.equal(report.reason, "the overall timeout of 120 s expired");
            assert.ok(clock.now() - Date.parse(report.startedAt) <= 120_000);
            assertRestored(req);
        });

        it("by an unexpected error: restores and reports it", async () => {
            let calls = 0;
            world.hooks.set("TestDNSAnswer", () => {
                if (++calls === 4) throw Object.assign(new Error("endpoint exploded"), { name: "InternalError" });
            });
            const req = request();
            const report = await rehearse(req, deps());
            assert.equal(report.outcome, "failed");
            assert.equal(report.reason, "endpoint exploded");
            assertRestored(req);
        });

        it("keeps the state file, the lock and the armed revert, and says so, when the restore itself fails", async () => {
            let updates = 0;
            world.hooks.set("UpdateHealthCheck", () => {
                if (++updates >= 2) throw Object.assign(new Error("access denied"), { name: "AccessDenied" });
            });
            const req = request();
            const report = await rehearse(req, deps());
            assert.equal(report.restored, false);
            assert.match(
                report.restoreError ?? "",
                /access denied; the AWS-side revert orders-prod-rehearsal-revert in us-east-1 stays armed for 2026-11-26T20:15:00.000Z, the lock and the state file .*state\.json are kept/,
            );
            assert.equal(readState(req.stateFile)?.healthCheckId, "hc-orders-prod-eu-west-1-calculated");
            assert.ok(world.schedules.has(SCHEDULE));
            assert.ok(world.parameters.has(LOCK));
            assert.match(renderRehearsalMarkdown(report), /\*\*still armed\*\*: it will put the lever back at that time/);
            assert.ok(lines.includes(`RESTORE FAILED: ${report.restoreError}`), "the operator is told at once");
        });
    });

    describe("restore", () => {
        function recordInAws(overrides: Partial<RehearsalState> = {}): RehearsalState {
            const state = recordOf(overrides);
            if (state.lever === "invert") world.inverted.get(state.region)?.push({ at: clock.now(), value: true });
            world.parameters.set(LOCK, JSON.stringify(state));
            world.schedules.set(SCHEDULE, { name: SCHEDULE, at: clock.now() + 600_000, targetArn: "x", roleArn: "y", input: "{}" });
            return state;
        }

        function restoreRequest(overrides: Partial<RestoreRequest> = {}): RestoreRequest {
            return { stateFile: path.join(dir, "state.json"), dryRun: false, ...overrides };
        }

        it("puts back a crashed run's lever, disarms its revert, frees its lock, and is idempotent", async () => {
            const state = recordInAws();
            writeState(path.join(dir, "state.json"), state);
            const first = await restoreRehearsal(restoreRequest(), restoreDeps());
            assert.deepEqual([first.restored, first.source, first.revertDisarmed, first.lock], [true, "state-file", true, "released"]);
            assert.equal(world.isInverted("eu-west-1"), false);
            assert.equal(fs.existsSync(path.join(dir, "state.json")), false);
            assert.equal(world.schedules.size, 0);
            assert.equal(world.parameters.has(LOCK), false);
            const second = await restoreRehearsal(restoreRequest({ lock: state.lock }), restoreDeps());
            assert.deepEqual([second.restored, second.state], [false, undefined]);
            assert.equal(world.leverCalls(), 1);
        });

        it("refuses credentials for another account than the recorded one, and changes nothing", async () => {
            const state = recordInAws();
            writeState(path.join(dir, "state.json"), state);
            world.account = "444455556666";
            await assert.rejects(
                restoreRehearsal(restoreRequest(), restoreDeps()),
                (error: unknown) =>
                    error instanceof RestoreRefused &&
                    error.message ===
                        "the credentials act in account 444455556666, but the rehearsal pulled its lever in account 111122223333: use that account's credentials; nothing was changed and the record is kept",
            );
            assert.equal(world.mutatingCalls(), 0);
            assert.ok(fs.existsSync(path.join(dir, "state.json")));
            assert.ok(world.parameters.has(LOCK));
        });

        it("refuses a --region other than the drained one", async () => {
            writeState(path.join(dir, "state.json"), recordInAws());
            await assert.rejects(
                restoreRehearsal(restoreRequest({ region: "us-east-1" }), restoreDeps()),
                /--region us-east-1, but the rehearsal drained eu-west-1/,
            );
            assert.equal(world.mutatingCalls(), 0);
        });

        it("refuses a health check not tagged as the recorded region's", async () => {
            writeState(path.join(dir, "state.json"), recordInAws({ healthCheckId: world.id("us-east-1", "calculated") }));
            await assert.rejects(
                restoreRehearsal(restoreRequest(), restoreDeps()),
                /health check hc-orders-prod-us-east-1-calculated is not tagged as orders\/prod eu-west-1: nothing was changed/,
            );
            assert.equal(world.mutatingCalls(), 0);
        });

        it("goes ahead with a --region that is the drained one", async () => {
            writeState(path.join(dir, "state.json"), recordInAws());
            const result = await restoreRehearsal(restoreRequest({ region: "eu-west-1" }), restoreDeps());
            assert.equal(result.restored, true);
            assert.equal(world.isInverted("eu-west-1"), false);
        });

        it("refuses a health check of another subsystem environment, or one not in the account, naming which", async () => {
            const refusedWith = async (overrides: Partial<RehearsalState>, message: string) => {
                writeState(path.join(dir, "state.json"), recordInAws(overrides));
                await assert.rejects(
                    restoreRehearsal(restoreRequest(), restoreDeps()),
                    (error: unknown) => error instanceof RestoreRefused && error.message === message,
                );
                fs.rmSync(path.join(dir, "state.json"));
            };
            const id = "hc-orders-prod-eu-west-1-calculated";
            await refusedWith({ subsystem: "payments" }, `health check ${id} is not tagged as payments/prod eu-west-1: nothing was changed`);
            await refusedWith({ environment: "staging" }, `health check ${id} is not tagged as orders/staging eu-west-1: nothing was changed`);
            await refusedWith(
                { healthCheckId: "hc-gone" },
                "health check hc-gone is not in this account, or not tagged as orders/prod eu-west-1: nothing was changed",
            );
            assert.equal(world.mutatingCalls(), 0);
        });

        it("refuses a record whose switch is in another region than the drained one", async () => {
            writeState(
                path.join(dir, "state.json"),
                recordInAws({ lever: "switch", parameter: { region: "us-east-1", name: SWITCH, previousValue: "false" } }),
            );
            await assert.rejects(
                restoreRehearsal(restoreRequest(), restoreDeps()),
                (error: unknown) =>
                    error instanceof RestoreRefused &&
                    error.message === `the record sets ${SWITCH} in us-east-1, not in the drained region eu-west-1: inspect it; nothing was changed`,
            );
            assert.equal(world.mutatingCalls(), 0);
        });

        it("puts a switch back without looking for the health check, which the switch lever never touched", async () => {
            writeState(
                path.join(dir, "state.json"),
                recordInAws({ lever: "switch", healthCheckId: "hc-gone", parameter: { region: "eu-west-1", name: SWITCH, previousValue: "false" } }),
            );
            world.parameters.set(SWITCH, "true");
            const result = await restoreRehearsal(restoreRequest(), restoreDeps());
            assert.equal(result.restored, true);
            assert.equal(world.parameters.get(SWITCH), "false");
            assert.ok(!result.apiCalls.some((c) => c.api.startsWith("route53:ListHealthChecks")));
        });

        it("dry run: says what it would put back and free, changes nothing and keeps the record", async () => {
            writeState(path.join(dir, "state.json"), recordInAws());
            const result = await restoreRehearsal(restoreRequest({ dryRun: true }), restoreDeps());
            assert.deepEqual([result.restored, result.revertDisarmed, result.lock], [false, undefined, undefined]);
            assert.equal(world.mutatingCalls(), 0);
            assert.ok(fs.existsSync(path.join(dir, "state.json")));
            assert.deepEqual(
                result.apiCalls.filter((c) => !c.sent).map((c) => [c.api, c.params, c.mutating]),
                [
                    ["route53:UpdateHealthCheck", { HealthCheckId: "hc-orders-prod-eu-west-1-calculated", Inverted: false }, true],
                    ["scheduler:DeleteSchedule", { Name: SCHEDULE, region: "us-east-1" }, true],
                    ["ssm:DeleteParameter", { Name: LOCK, region: "us-east-1" }, true],
                ],
            );
        });

        it("leaves another run's lock alone", async () => {
            const state = recordInAws();
            writeState(path.join(dir, "state.json"), { ...state, runId: "older-run" });
            const result = await restoreRehearsal(restoreRequest(), restoreDeps());
            assert.equal(result.lock, "held-by-another");
            assert.ok(world.parameters.has(LOCK));
        });

        it("names a record it cannot read as bad input and changes nothing", async () => {
            const stateFile = path.join(dir, "state.json");
            for (const [text, message] of [
                ["nope", /^.*state\.json: is not JSON \(.*\); inspect it and remove it by hand once the region's lever is known to be restored$/],
                [
                    "null",
                    /^.*state\.json: is not a rehearsal record \(version 2, runId, account, region, healthCheckId, lever invert or switch, lock, revert\); inspect it/,
                ],
                ['{"version": 1, "healthCheckId": "x", "lever": "invert"}', /^.*state\.json: is not a rehearsal record/],
            ] as const) {
                fs.writeFileSync(stateFile, text);
                await assert.rejects(
                    restoreRehearsal(restoreRequest(), restoreDeps()),
                    (error: unknown) => error instanceof InputError && message.test(error.message),
                );
                assert.ok(fs.existsSync(stateFile));
            }
            assert.equal(world.mutatingCalls(), 0);
        });

        it("restores the switch to its previous value", async () => {
            world.parameters.set(SWITCH, "true");
            const state = recordInAws({
                lever: "switch",
                parameter: { region: "eu-west-1", name: SWITCH, previousValue: "false" },
                revert: { region: "eu-west-1", name: SCHEDULE, at: "x" },
            });
            writeState(path.join(dir, "state.json"), state);
            await restoreRehearsal(restoreRequest(), restoreDeps());
            assert.equal(world.parameters.get(SWITCH), "false");
            assert.deepEqual(
                world.ssm.commandCalls(PutParameterCommand).map((c) => [c.args[0].input.Name, c.args[0].input.Value]),
                [[SWITCH, "false"]],
            );
        });
    });

    it("dry run: reads, prints every call it would make, makes no mutating call, and never claims a restore", async () => {
        const req = request({ dryRun: true, lever: "switch" });
        world.parameters.set(SWITCH, "false");
        const report = await rehearse(req, deps());
        assert.equal(report.outcome, "dry-run");
        assert.equal(world.mutatingCalls(), 0);
        assert.equal(fs.existsSync(req.stateFile), false);
        const notSent = report.apiCalls.filter((c) => !c.sent).map((c) => c.api);
        assert.deepEqual(
            notSent.filter((a) => a !== "route53:TestDNSAnswer" && a !== "route53:GetHealthCheckStatus"),
            [
                "ssm:PutParameter",
                "scheduler:CreateSchedule",
                "ssm:PutParameter",
                "ssm:PutParameter",
                "scheduler:DeleteSchedule",
                "ssm:GetParameter",
                "ssm:DeleteParameter",
            ],
        );
        assert.ok(lines.some((l) => l.startsWith(`would call ssm:PutParameter {"Name":"${SWITCH}","Value":"true"`) && l.endsWith("(dry run: not sent)")));
        assert.ok(report.apiCalls.filter((c) => c.sent).every((c) => !c.mutating));
        const markdown = renderRehearsalMarkdown(report);
        assert.match(markdown, /- Lever pulled: no \(dry run\); nothing to restore/);
        assert.doesNotMatch(markdown, /restored: yes|Lever restored/);
    });

    describe("dry run: the list of calls the live run would make after the lock and the revert", () => {
        const ZONE = { HostedZoneId: "ZORDERS", RecordName: "api.prod.orders.meridian.example.com", RecordType: "A", EDNS0ClientSubnetMask: "24" };
        const SUBNETS = clientLocations(FLEET).map((c) => c.subnet);
        const planned = (api: string, params: Record<string, unknown>, mutating: boolean) => ({ api, params, mutating, sent: false });
        const status = (region: string, kind: string, repeat: string) =>
            planned("route53:GetHealthCheckStatus", { HealthCheckId: `hc-orders-prod-${region}-${kind}`, repeat }, false);
        const watchPeers = ["us-east-1", "ap-southeast-2"].flatMap((peer) =>
            ["https", "metric"].map((kind) => status(peer, kind, `every 10 s while drained: stop if ${peer} turns unhealthy`)),
        );
        const dns = (repeat: string) => SUBNETS.map((subnet) => planned("route53:TestDNSAnswer", { ...ZONE, EDNS0ClientSubnetIP: subnet, repeat }, false));
        const lockCalls = [
            planned("ssm:GetParameter", { Name: LOCK, region: "us-east-1" }, false),
            planned("ssm:DeleteParameter", { Name: LOCK, region: "us-east-1" }, true),
        ];

        async function plannedCalls(lever: "invert" | "switch") {
            world.parameters.set(SWITCH, "false");
            const report = await rehearse(request({ dryRun: true, lever }), deps());
            assert.equal(report.outcome, "dry-run", report.reason);
            // Nothing was taken or armed, so nothing is reported as held.
            assert.equal(report.lock?.held, false);
            assert.equal(report.revert?.armed, false);
            assert.equal(report.revert?.disarmed, false);
            assert.equal(report.leverPulled, false);
            const [lockCall, scheduleCall, ...rest] = report.apiCalls.filter((c) => !c.sent);
            assert.deepEqual([lockCall.api, scheduleCall.api], ["ssm:PutParameter", "scheduler:CreateSchedule"]);
            return rest.map(({ api, params, mutating, sent }) => ({ api, params, mutating, sent }));
        }

        it("switch lever: set the switch, watch the peers, poll the drained checks and DNS, put it back, disarm, poll again, free the lock", async () => {
            const lever = (value: string) => planned("ssm:PutParameter", { Name: SWITCH, Value: value, Overwrite: true, region: "eu-west-1" }, true);
            assert.deepEqual(await plannedCalls("switch"), [
                lever("true"),
                ...watchPeers,
                status("eu-west-1", "https", "every 10 s until unhealthy"),
                status("eu-west-1", "metric", "every 10 s until unhealthy"),
                ...dns("every 10 s until no answer points to eu-west-1"),
                lever("false"),
                planned("scheduler:DeleteSchedule", { Name: SCHEDULE, region: "eu-west-1" }, true),
                status("eu-west-1", "https", "every 10 s until healthy"),
                status("eu-west-1", "metric", "every 10 s until healthy"),
                ...dns("every 10 s until eu-west-1's clients are answered by it again"),
                ...lockCalls,
            ]);
        });

        it("invert lever: no checker polls of the drained region, whose check Route 53 flips itself", async () => {
            const lever = (inverted: boolean) =>
                planned("route53:UpdateHealthCheck", { HealthCheckId: "hc-orders-prod-eu-west-1-calculated", Inverted: inverted }, true);
            assert.deepEqual(await plannedCalls("invert"), [
                lever(true),
                ...watchPeers,
                ...dns("every 10 s until no answer points to eu-west-1"),
                lever(false),
                planned("scheduler:DeleteSchedule", { Name: SCHEDULE, region: "us-east-1" }, true),
                ...dns("every 10 s until eu-west-1's clients are answered by it again"),
                ...lockCalls,
            ]);
        });
    });
});

function recordOf(overrides: Partial<RehearsalState> = {}): RehearsalState {
    return {
        version: 2,
        runId: "crashed-run",
        startedAt: "2026-11-26T19:00:00.000Z",
        subsystem: "orders",
        environment: "prod",
        account: ACCOUNT,
        region: "eu-west-1",
        lever: "invert",
        healthCheckId: "hc-orders-prod-eu-west-1-calculated",
        lock: { region: "us-east-1", name: LOCK },
        revert: { region: "us-east-1", name: SCHEDULE, at: "2026-11-26T19:15:00.000Z" },
        ...overrides,
    };
}
