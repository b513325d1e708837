import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { extractTopology } from "../../regions/topology";
import { clientLocations } from "../../regions/failover/client-subnets";
import { rehearsalTarget } from "../../regions/failover/rehearsal-target";
import { rehearse, restoreFromStateFile, type Phase, type RehearsalDeps, type RehearsalRequest } from "../../regions/failover/rehearse";
import { renderRehearsalMarkdown } from "../../regions/failover/rehearsal-report";
import { SdkRoute53Gateway } from "../../regions/failover/route53-gateway";
import { SdkParameterGateway } from "../../regions/failover/ssm-gateway";
import { readState, writeState } from "../../regions/failover/state-file";
import { Route53Client } from "@aws-sdk/client-route-53";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { fixturePlan } from "./fixtures/plan-fixture";
import { FakeClock, Route53World } from "./fixtures/route53-world";

const FLEET = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const topologies = extractTopology(fixturePlan([{ name: "orders", environment: "prod", regions: FLEET }]));

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
            target: rehearsalTarget(topologies, "orders", "prod", region),
            lever: "invert",
            dryRun: false,
            yes: true,
            timeoutSeconds: 900,
            stateFile: path.join(dir, "state.json"),
            clients: clientLocations(FLEET).clients,
            pollSeconds: 10,
            ...rest,
        };
    }

    function deps(overrides: Partial<RehearsalDeps> = {}): RehearsalDeps {
        return {
            route53: new SdkRoute53Gateway(new Route53Client({ region: "us-east-1" })),
            parameters: new SdkParameterGateway((region) => new SSMClient({ region })),
            resolver: world.resolver,
            clock,
            log: (line) => lines.push(line),
            confirm: async () => true,
            ...overrides,
        };
    }

    function assertRestored(req: RehearsalRequest): void {
        assert.equal(world.isInverted(req.target.region), false, "health check left inverted");
        assert.notEqual(world.parameters.get("/orders/health/force-unhealthy"), "true", "switch left on");
        assert.equal(fs.existsSync(req.stateFile), false, "state file left behind");
    }

    it("runs a full rehearsal with the invert lever: DNS moves eu-west-1's clients away and back", async () => {
        const req = request();
        const report = await rehearse(req, deps());
        assert.equal(report.outcome, "completed", report.reason);
        assert.deepEqual(
            report.phases.map((p) => p.phase),
            ["preflight", "inject", "detect", "shift", "restore", "recover"],
        );
        assert.deepEqual(report.preflight?.baseline, { "us-east-1": "us-east-1", "eu-west-1": "eu-west-1", "ap-southeast-2": "ap-southeast-2" });
        // DNS follows health 20 s late, polled every 10 s: shifted at +20 s, back 20 s after the restore.
        assert.deepEqual(report.timings, { detectSeconds: null, shiftSeconds: 20, recoverSeconds: 20 });
        assert.ok(
            report.observations.some(
                (o) => o.phase === "shift" && o.what === "answers: us-east-1->us-east-1, eu-west-1->us-east-1, ap-southeast-2->ap-southeast-2",
            ),
        );
        assert.ok(report.notes.some((n) => n.startsWith("invert lever:")));
        assert.equal(world.isInverted("eu-west-1"), false);
        assert.deepEqual(
            world.inverted.get("eu-west-1")?.map((e) => e.value),
            [true, false],
        );
        assertRestored(req);
        const markdown = renderRehearsalMarkdown(report);
        assert.match(markdown, /\| time to shift \(lever pulled → no answer points to eu-west-1\) \| 20 s \|/);
    });

    it("runs a full rehearsal with the switch lever: checkers detect, DNS shifts, everything recovers", async () => {
        world.switchRegion = "eu-west-1";
        world.parameters.set("/orders/health/force-unhealthy", "false");
        const req = request({ lever: "switch" });
        const report = await rehearse(req, deps());
        assert.equal(report.outcome, "completed", report.reason);
        // Children fail 30 s after the switch; DNS follows 20 s later; after the restore the
        // children recover in 30 s and DNS 20 s after that.
        assert.deepEqual(report.timings, { detectSeconds: 30, shiftSeconds: 50, recoverSeconds: 50 });
        assert.equal(world.parameters.get("/orders/health/force-unhealthy"), "false");
        assert.equal(world.ssm.commandCalls(PutParameterCommand).length, 2);
        assertRestored(req);
    });

    it("backs off and retries when Route 53 throttles", async () => {
        let throttled = 0;
        world.hooks.set("GetHealthCheckStatus", () => {
            if (throttled++ < 2) throw Object.assign(new Error("Rate exceeded"), { name: "Throttling" });
        });
        const started = clock.now();
        const report = await rehearse(request(), deps());
        assert.equal(report.outcome, "completed", report.reason);
        assert.ok(lines.some((l) => l.includes("throttled (Throttling); retrying in 500 ms")));
        assert.ok(lines.some((l) => l.includes("retrying in 1000 ms")));
        assert.ok(clock.now() - started >= 1500);
    });

    it("does not count the time the operator spends at the prompt against the timeout", async () => {
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
        assertRestored(req);
    });

    describe("refuses", () => {
        async function refused(req: RehearsalRequest, pattern: RegExp, extra: Partial<RehearsalDeps> = {}) {
            const report = await rehearse(req, deps(extra));
            assert.equal(report.outcome, "refused");
            assert.match(report.reason ?? "", pattern);
            assert.equal(world.mutatingCalls(), 0);
            assert.equal(report.restored, true);
            return report;
        }

        it("a region that is not in the subsystem (bad input, before any call)", () => {
            assert.throws(
                () => rehearsalTarget(topologies, "orders", "prod", "us-west-2"),
                (error: unknown) =>
                    error instanceof InputError &&
                    error.message === 'command line: --region: "us-west-2" is not a region of orders/prod (regions: ap-southeast-2, eu-west-1, us-east-1)',
            );
            assert.throws(
                () => rehearsalTarget(topologies, "orders", "dev", "eu-west-1"),
                /--env: "dev" is not an environment of orders \(environments: prod\)/,
            );
            assert.throws(() => rehearsalTarget(topologies, "billing", "prod", "eu-west-1"), /--subsystem: "billing" has no subsystem stacks in the plan/);
        });

        it("when the state file of an unfinished run exists", async () => {
            const req = request();
            writeState(req.stateFile, {
                version: 1,
                startedAt: "2026-11-26T19:00:00.000Z",
                subsystem: "orders",
                environment: "prod",
                region: "us-east-1",
                lever: "invert",
                healthCheckId: "x",
            });
            await refused(
                req,
                /unfinished rehearsal \(orders\/prod in us-east-1, started 2026-11-26T19:00:00.000Z\) left .*state\.json: run `meridian failover restore` first/,
            );
            assert.ok(fs.existsSync(req.stateFile));
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
            world.setChildHealthy("eu-west-1", false);
            await refused(request(), /eu-west-1 is already unhealthy/);
        });

        it("when draining the region would leave no healthy region", async () => {
            world.setChildHealthy("us-east-1", false);
            world.setChildHealthy("ap-southeast-2", false);
            await refused(request(), /^draining eu-west-1 would leave no healthy region \(ap-southeast-2 unhealthy, us-east-1 unhealthy\)$/);
        });

        it("goes ahead with a warning when only some other region is unhealthy", async () => {
            world.setChildHealthy("ap-southeast-2", false);
            const report = await rehearse(request(), deps());
            assert.equal(report.outcome, "completed", report.reason);
            assert.ok(report.notes.includes("ap-southeast-2 is unhealthy: only us-east-1 will take the traffic"));
        });

        it("when the record does not use the region's calculated check", async () => {
            world.recordCheckOverride.set("eu-west-1", "hc-other");
            await refused(
                request(),
                /record api\.prod\.orders\.meridian\.example\.com \(eu-west-1\) uses health check hc-other, not hc-orders-prod-eu-west-1-calculated/,
            );
        });

        it("when the switch is already on", async () => {
            world.parameters.set("/orders/health/force-unhealthy", "true");
            await refused(request({ lever: "switch" }), /\/orders\/health\/force-unhealthy in eu-west-1 is already "true"/);
        });

        it("when another run writes the state file while this one waits for confirmation, leaving that file alone", async () => {
            const req = request({ yes: false });
            const other = {
                version: 1 as const,
                startedAt: "2026-11-26T20:00:01.000Z",
                subsystem: "orders",
                environment: "prod",
                region: "us-east-1",
                lever: "invert" as const,
                healthCheckId: "hc-other",
            };
            const report = await rehearse(
                req,
                deps({
                    confirm: async () => {
                        writeState(req.stateFile, other);
                        return true;
                    },
                }),
            );
            assert.equal(report.outcome, "failed");
            assert.match(report.reason ?? "", /state\.json was created by another rehearsal while this one prepared; nothing was changed/);
            assert.equal(world.mutatingCalls(), 0);
            assert.deepEqual(readState(req.stateFile), other);
        });

        it("when the operator does not confirm", async () => {
            let asked = "";
            const report = await refused(request({ yes: false }), /not confirmed by the operator/, {
                confirm: async (summary) => {
                    asked = summary;
                    return false;
                },
            });
            assert.match(
                asked,
                /^Drain orders\/prod in eu-west-1 with the invert lever \(invert health check hc-orders-prod-eu-west-1-calculated\)\. Clients answered by eu-west-1 now: eu-west-1\. Healthy elsewhere: ap-southeast-2, us-east-1\.$/,
            );
            assert.deepEqual(
                report.phases.map((p) => p.phase),
                ["preflight"],
            );
        });
    });

    describe("interrupted", () => {
        const cases: Array<{ phase: Phase; lever: "invert" | "switch"; api: string; nth: number }> = [
            { phase: "preflight", lever: "invert", api: "GetHealthCheckStatus", nth: 1 },
            { phase: "inject", lever: "invert", api: "UpdateHealthCheck", nth: 1 },
            { phase: "detect", lever: "switch", api: "GetHealthCheckStatus", nth: 8 },
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

        it("while backing off from throttling: stops at once instead of sleeping out the backoff", async () => {
            const controller = new AbortController();
            let abortedAt = 0;
            let dnsCalls = 0;
            world.hooks.set("TestDNSAnswer", () => {
                // The fifth answer is asked during the shift, with the lever pulled.
                if (++dnsCalls === 5) {
                    controller.abort("SIGINT");
                    abortedAt = clock.now();
                    throw Object.assign(new Error("Rate exceeded"), { name: "Throttling" });
                }
            });
            const req = request();
            const report = await rehearse(req, deps({ signal: controller.signal }));
            assert.equal(report.outcome, "interrupted", report.reason);
            assert.equal(report.phases.at(-1)?.startedAt, new Date(abortedAt).toISOString(), "the restore waited for the backoff");
            assertRestored(req);
        });

        it("by the overall timeout: restores when it expires", async () => {
            world.dnsLagMs = 10_000_000;
            const req = request({ timeoutSeconds: 120 });
            const report = await rehearse(req, deps());
            assert.equal(report.outcome, "timed-out");
            assert.equal(report.reason, "the overall timeout of 120 s expired");
            assert.ok(clock.now() - Date.parse(report.startedAt) <= 120_000);
            assertRestored(req);
        });

        it("by the overall timeout while backing off from throttling: the backoff does not outlast the timeout", async () => {
            world.dnsLagMs = 10_000_000;
            let dnsCalls = 0;
            world.hooks.set("TestDNSAnswer", () => {
                // From the shift on, Route 53 throttles every answer: the backoff grows to 20 s.
                if (++dnsCalls > 3) throw Object.assign(new Error("Rate exceeded"), { name: "Throttling" });
            });
            const req = request({ timeoutSeconds: 30 });
            const report = await rehearse(req, deps());
            assert.equal(report.outcome, "timed-out", report.reason);
            const restoreStarted = Date.parse(report.phases.at(-1)?.startedAt ?? "");
            assert.ok(
                restoreStarted - Date.parse(report.startedAt) <= 30_000,
                `restore began ${restoreStarted - Date.parse(report.startedAt)} ms after the start`,
            );
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

        it("keeps the state file and says so when the restore itself fails", async () => {
            let updates = 0;
            world.hooks.set("UpdateHealthCheck", () => {
                if (++updates >= 2) throw Object.assign(new Error("access denied"), { name: "AccessDenied" });
            });
            const req = request();
            const report = await rehearse(req, deps());
            assert.equal(report.restored, false);
            assert.match(report.restoreError ?? "", /access denied; the state file .*state\.json is kept: run `meridian failover restore`/);
            assert.equal(readState(req.stateFile)?.healthCheckId, "hc-orders-prod-eu-west-1-calculated");
        });
    });

    describe("restore", () => {
        it("puts back a crashed run's lever and is idempotent", async () => {
            const stateFile = path.join(dir, "state.json");
            world.inverted.get("eu-west-1")?.push({ at: clock.now(), value: true });
            writeState(stateFile, {
                version: 1,
                startedAt: "x",
                subsystem: "orders",
                environment: "prod",
                region: "eu-west-1",
                lever: "invert",
                healthCheckId: world.id("eu-west-1", "calculated"),
            });
            const first = await restoreFromStateFile(stateFile, deps());
            assert.equal(first.restored, true);
            assert.equal(world.isInverted("eu-west-1"), false);
            assert.equal(fs.existsSync(stateFile), false);
            const second = await restoreFromStateFile(stateFile, deps());
            assert.deepEqual([second.restored, second.apiCalls.length], [false, 0]);
            assert.equal(world.mutatingCalls(), 1);
            assert.equal(world.isInverted("eu-west-1"), false);
        });

        it("names a state file it cannot read as bad input and changes nothing", async () => {
            const stateFile = path.join(dir, "state.json");
            for (const [text, message] of [
                ["nope", /^.*state\.json: is not JSON \(.*\); inspect it and remove it by hand once the region's lever is known to be restored$/],
                ["null", /^.*state\.json: is not a rehearsal state file \(version 1, healthCheckId, lever invert or switch\); inspect it/],
                ['{"version": 2}', /^.*state\.json: is not a rehearsal state file/],
            ] as const) {
                fs.writeFileSync(stateFile, text);
                await assert.rejects(restoreFromStateFile(stateFile, deps()), (error: unknown) => error instanceof InputError && message.test(error.message));
                assert.ok(fs.existsSync(stateFile));
            }
            assert.equal(world.mutatingCalls(), 0);
        });

        it("restores the switch to its previous value, even when the lever was already back", async () => {
            const stateFile = path.join(dir, "state.json");
            world.parameters.set("/orders/health/force-unhealthy", "false");
            const state = {
                version: 1 as const,
                startedAt: "x",
                subsystem: "orders",
                environment: "prod",
                region: "eu-west-1",
                lever: "switch" as const,
                healthCheckId: world.id("eu-west-1", "calculated"),
                parameter: { region: "eu-west-1", name: "/orders/health/force-unhealthy", previousValue: "false" },
            };
            writeState(stateFile, state);
            await restoreFromStateFile(stateFile, deps());
            writeState(stateFile, state);
            await restoreFromStateFile(stateFile, deps());
            assert.equal(world.parameters.get("/orders/health/force-unhealthy"), "false");
            assert.equal(fs.existsSync(stateFile), false);
        });
    });

    it("dry run: reads, prints every call it would make, makes no mutating call", async () => {
        const req = request({ dryRun: true, lever: "switch" });
        world.parameters.set("/orders/health/force-unhealthy", "false");
        const report = await rehearse(req, deps());
        assert.equal(report.outcome, "dry-run");
        assert.equal(world.mutatingCalls(), 0);
        assert.equal(fs.existsSync(req.stateFile), false);
        const notSent = report.apiCalls.filter((c) => !c.sent).map((c) => c.api);
        assert.deepEqual(notSent.filter((a) => a === "ssm:PutParameter").length, 2);
        assert.ok(notSent.includes("route53:TestDNSAnswer"));
        assert.ok(
            lines.some(
                (l) => l.startsWith('would call ssm:PutParameter {"Name":"/orders/health/force-unhealthy","Value":"true"') && l.endsWith("(dry run: not sent)"),
            ),
        );
        assert.ok(report.apiCalls.filter((c) => c.sent).every((c) => !c.mutating));
    });
});
