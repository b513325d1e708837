import { strict as assert } from "node:assert";
import { EventEmitter } from "node:events";
import { ApiCaller } from "../../regions/failover/api-calls";
import { errorName, systemClock } from "../../regions/failover/gateway";
import { resilientWriter } from "../../regions/failover/operator-signals";
import { FakeClock } from "./fixtures/route53-world";

/** How a rehearsal makes its calls and keeps time: the call log, the dry run, the per-call signal, the real clock, the log writer. */

describe("rehearsal calls, clock and log", () => {
    describe("the call log", () => {
        it("logs each call as sent, and a dry run's mutating call as not sent, without sending it", async () => {
            const lines: string[] = [];
            const live = new ApiCaller(new FakeClock(), (line) => lines.push(line), false);
            assert.equal(await live.read("ssm:GetParameter", { Name: "/p" }, async () => "v"), "v");
            assert.equal(await live.write("ssm:PutParameter", { Name: "/p" }, async () => "sent", "skipped"), "sent");
            const dry = new ApiCaller(new FakeClock(), (line) => lines.push(line), true);
            let sent = false;
            assert.equal(
                await dry.write(
                    "ssm:PutParameter",
                    { Name: "/p" },
                    async () => {
                        sent = true;
                        return "sent";
                    },
                    "skipped",
                ),
                "skipped",
            );
            dry.plan("route53:TestDNSAnswer", { repeat: "every 10 s" }, false);
            assert.equal(sent, false);
            assert.deepEqual(lines, [
                'call ssm:GetParameter {"Name":"/p"}',
                'call ssm:PutParameter {"Name":"/p"}',
                'would call ssm:PutParameter {"Name":"/p"}  (dry run: not sent)',
                'would call route53:TestDNSAnswer {"repeat":"every 10 s"}',
            ]);
            assert.deepEqual(
                [...live.calls, ...dry.calls].map((c) => [c.api, c.mutating, c.sent, c.at]),
                [
                    ["ssm:GetParameter", false, true, "2026-11-26T20:00:00.000Z"],
                    ["ssm:PutParameter", true, true, "2026-11-26T20:00:00.000Z"],
                    ["ssm:PutParameter", true, false, "2026-11-26T20:00:00.000Z"],
                    ["route53:TestDNSAnswer", false, false, "2026-11-26T20:00:00.000Z"],
                ],
            );
        });

        it("bounds each call by the time left before the run's timeout, and gives no signal to an unbounded call", async () => {
            const guarded = new ApiCaller(new FakeClock(), () => undefined, false, { checkpoint: () => undefined, remainingMs: () => 20 });
            const signal = await guarded.read("sts:GetCallerIdentity", {}, async (s) => s);
            assert.ok(signal);
            assert.equal(signal.aborted, false);
            await new Promise((resolve) => setTimeout(resolve, 60));
            assert.equal(signal.aborted, true, "the call's signal fires when the run's time is up");
            const late = new ApiCaller(new FakeClock(), () => undefined, false, { checkpoint: () => undefined, remainingMs: () => -5_000 });
            const expired = await late.read("sts:GetCallerIdentity", {}, async (s) => s);
            await new Promise((resolve) => setTimeout(resolve, 10));
            assert.equal(expired?.aborted, true);
            const unbounded = new ApiCaller(new FakeClock(), () => undefined, false);
            assert.equal(await unbounded.read("sts:GetCallerIdentity", {}, async (s) => s), undefined);
        });

        it("checks the stop conditions before each call, and again when a call fails, so the stop is named rather than the abort", async () => {
            let stopped = false;
            const api = new ApiCaller(new FakeClock(), () => undefined, false, {
                checkpoint: () => {
                    if (stopped) throw new Error("interrupted (SIGINT)");
                },
                remainingMs: () => Infinity,
            });
            await assert.rejects(
                api.read("route53:GetHealthCheckStatus", {}, async () => {
                    stopped = true;
                    throw Object.assign(new Error("The operation was aborted"), { name: "AbortError" });
                }),
                /^Error: interrupted \(SIGINT\)$/,
            );
            let called = false;
            await assert.rejects(
                api.read("route53:GetHealthCheckStatus", {}, async () => {
                    called = true;
                }),
                /interrupted/,
            );
            assert.equal(called, false);
            // The unguarded caller, for putting the lever back, ignores the stop and shares the log.
            const back = api.unguarded();
            assert.equal(await back.write("route53:UpdateHealthCheck", {}, async () => "done", "skipped"), "done");
            assert.equal(api.calls.length, 3);
        });
    });

    describe("the system clock", () => {
        it("sleeps for the time asked, or not at all once the run is stopped", async () => {
            const started = Date.now();
            await systemClock.sleep(30);
            assert.ok(Date.now() - started >= 25);
            const controller = new AbortController();
            controller.abort();
            const before = Date.now();
            await systemClock.sleep(10_000, controller.signal);
            assert.ok(Date.now() - before < 1_000);
            assert.ok(Math.abs(systemClock.now() - Date.now()) < 1_000);
        });

        it("wakes when the run is stopped mid-sleep, and lets go of the signal", async () => {
            const controller = new AbortController();
            const before = Date.now();
            const sleeping = systemClock.sleep(10_000, controller.signal);
            setTimeout(() => controller.abort(), 20);
            await sleeping;
            assert.ok(Date.now() - before < 5_000);
            // A sleep that ends on its own removes its listener: aborting afterwards wakes nobody twice.
            const other = new AbortController();
            let added = 0;
            let removed = 0;
            const signal = other.signal;
            const add = signal.addEventListener.bind(signal);
            const remove = signal.removeEventListener.bind(signal);
            signal.addEventListener = ((...args: Parameters<typeof add>) => {
                added++;
                assert.equal(args[0], "abort");
                assert.deepEqual(args[2], { once: true });
                add(...args);
            }) as typeof signal.addEventListener;
            signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
                removed++;
                assert.equal(args[0], "abort");
                remove(...args);
            }) as typeof signal.removeEventListener;
            await systemClock.sleep(5, signal);
            assert.deepEqual([added, removed], [1, 1]);
        });
    });

    it("reads an SDK error's name whatever the error is", () => {
        assert.equal(errorName(Object.assign(new Error("x"), { name: "ParameterNotFound" })), "ParameterNotFound");
        assert.equal(errorName({ name: 42 }), undefined);
        assert.equal(errorName(null), undefined);
        assert.equal(errorName(undefined), undefined);
        assert.equal(errorName("ParameterNotFound"), undefined);
    });

    it("stops writing to a terminal once it has hung up, whether the write threw or the stream reported an error", () => {
        const terminal = (throwOn: number) => {
            let attempts = 0;
            const stream = Object.assign(new EventEmitter(), {
                write: () => {
                    attempts++;
                    if (attempts === throwOn) throw Object.assign(new Error("write EIO"), { code: "EIO" });
                    return true;
                },
            }) as unknown as NodeJS.WritableStream;
            return { stream, attempts: () => attempts };
        };
        const threw = terminal(2);
        const log = resilientWriter(threw.stream);
        log("one");
        log("two");
        log("three");
        assert.equal(threw.attempts(), 2);
        const errored = terminal(0);
        const logToErrored = resilientWriter(errored.stream);
        logToErrored("one");
        errored.stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
        logToErrored("two");
        assert.equal(errored.attempts(), 1);
    });
});
