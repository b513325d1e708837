import { strict as assert } from "assert";
import * as path from "path";
import { loadCatalog } from "../../stacks/catalog";
import { listStacks } from "../../stacks/stack-list";
import type { StackSpec } from "../../lib/contracts/stack-spec";
import { FleetRunOptions, ProgressEvent, prerequisitesOf, runFleet } from "../../stacks/deploy/fleet-run";
import { FakeRunner, steppingClock } from "./fake-runner";

const ROOT = path.resolve(__dirname, "../..");

function spec(name: string, wave: number, account: string, dependsOn: string[] = []): StackSpec {
    return { name, wave, kind: wave === 0 ? "organization" : wave === 1 ? "account" : "subsystem", account, region: "us-east-1", dependsOn };
}

function options(stacks: readonly StackSpec[], runner: FakeRunner, overrides: Partial<FleetRunOptions> = {}): FleetRunOptions {
    return {
        stacks,
        operation: "up",
        runner,
        parallel: 4,
        continueOnError: false,
        policyPacks: [],
        alreadySucceeded: new Set(),
        unavailable: new Map(),
        onProgress: () => undefined,
        onOutput: () => undefined,
        now: steppingClock(),
        ...overrides,
    };
}

/** Two accounts with a global and two regional stacks each, behind the organization stack. */
const SMALL_FLEET: StackSpec[] = [
    spec("organization", 0, "management"),
    spec("a.global", 1, "a", ["organization"]),
    spec("b.global", 1, "b", ["organization"]),
    spec("a.us-east-1", 2, "a", ["a.global", "a.eu-west-1"]),
    spec("a.eu-west-1", 2, "a", ["a.global"]),
    spec("b.us-east-1", 2, "b", ["b.global"]),
    spec("b.eu-west-1", 2, "b", ["b.global"]),
];

describe("runFleet", () => {
    it("runs the example fleet in wave order: no stack starts before every earlier-wave stack has finished", async () => {
        const stacks = listStacks(loadCatalog(ROOT));
        const runner = new FakeRunner(new Set(), (stack) => (stack.length % 4) + 1);
        const report = await runFleet(options(stacks, runner, { parallel: 3 }));

        assert.equal(report.ok, true);
        assert.equal(runner.started.length, stacks.length);
        for (const stack of stacks) {
            const startIndex = runner.started.indexOf(stack.name);
            const finishedBeforeStart = finishedBefore(runner, stack.name);
            for (const earlier of stacks.filter((other) => other.wave < stack.wave)) {
                assert.ok(finishedBeforeStart.has(earlier.name), `${stack.name} (start #${startIndex}) started before ${earlier.name} finished`);
            }
            for (const dependency of stack.dependsOn) {
                assert.ok(finishedBeforeStart.has(dependency), `${stack.name} started before its dependency ${dependency} finished`);
            }
        }
    });

    it("never runs more than --parallel stacks at once, and does reach the cap", async () => {
        const wide = [
            spec("organization", 0, "management"),
            ...Array.from({ length: 10 }, (_, index) => spec(`acct${index}.global`, 1, `acct${index}`, ["organization"])),
        ];
        for (const parallel of [1, 3, 7]) {
            const runner = new FakeRunner();
            const report = await runFleet(options(wide, runner, { parallel }));
            assert.equal(report.ok, true);
            assert.equal(runner.maxRunning, parallel, `parallel ${parallel}`);
        }
    });

    it("skips the transitive dependents of a failed stack and stops everything else without --continue-on-error", async () => {
        const runner = new FakeRunner(new Set(["a.global"]), (stack) => (stack === "b.global" ? 10 : 1));
        const report = await runFleet(options(SMALL_FLEET, runner));

        assert.equal(report.ok, false);
        const results = Object.fromEntries(report.outcomes.map((outcome) => [outcome.stack, outcome.result]));
        assert.deepEqual(results, {
            organization: "succeeded",
            "a.global": "failed",
            // b.global was already running when a.global failed: it finishes.
            "b.global": "succeeded",
            "a.us-east-1": "skipped",
            "a.eu-west-1": "skipped",
            "b.us-east-1": "not-started",
            "b.eu-west-1": "not-started",
        });
        assert.deepEqual(runner.started, ["organization", "a.global", "b.global"]);
        const skipped = report.outcomes.find((outcome) => outcome.stack === "a.eu-west-1")!;
        assert.equal(skipped.detail, "a.global failed");
        const failed = report.outcomes.find((outcome) => outcome.stack === "a.global")!;
        assert.match(failed.detail!, /a\.global exploded/);
    });

    it("skips dependents by account even when dependsOn does not name the failed stack", async () => {
        const stacks = [spec("a.global", 1, "a"), spec("a.us-east-1", 2, "a"), spec("b.us-east-1", 2, "b")];
        assert.deepEqual(prerequisitesOf(stacks[1], stacks), ["a.global"]);
        const report = await runFleet(options(stacks, new FakeRunner(new Set(["a.global"])), { continueOnError: true }));
        assert.deepEqual(
            report.outcomes.map((outcome) => outcome.result),
            ["failed", "skipped", "succeeded"],
        );
    });

    it("lets independent stacks go on with --continue-on-error", async () => {
        const runner = new FakeRunner(new Set(["a.global"]));
        const report = await runFleet(options(SMALL_FLEET, runner, { continueOnError: true }));

        const results = Object.fromEntries(report.outcomes.map((outcome) => [outcome.stack, outcome.result]));
        assert.deepEqual(results, {
            organization: "succeeded",
            "a.global": "failed",
            "b.global": "succeeded",
            "a.us-east-1": "skipped",
            "a.eu-west-1": "skipped",
            "b.us-east-1": "succeeded",
            "b.eu-west-1": "succeeded",
        });
        assert.equal(report.ok, false);
        assert.ok(!runner.started.includes("a.us-east-1") && !runner.started.includes("a.eu-west-1"));
    });

    it("a failure in wave 0 skips the whole fleet", async () => {
        const runner = new FakeRunner(new Set(["organization"]));
        const report = await runFleet(options(SMALL_FLEET, runner, { continueOnError: true }));
        assert.deepEqual(runner.started, ["organization"]);
        assert.ok(report.outcomes.slice(1).every((outcome) => outcome.result === "skipped"));
    });

    it("on resume, does not re-run stacks that already succeeded and runs the rest", async () => {
        const runner = new FakeRunner();
        const succeeded = new Set(["organization", "a.global", "b.global", "b.us-east-1"]);
        const report = await runFleet(options(SMALL_FLEET, runner, { alreadySucceeded: succeeded }));
        assert.equal(report.ok, true);
        assert.deepEqual([...runner.started].sort(), ["a.eu-west-1", "a.us-east-1", "b.eu-west-1"]);
        assert.deepEqual(
            report.outcomes.filter((outcome) => outcome.result === "previously-succeeded").map((outcome) => outcome.stack),
            ["organization", "a.global", "b.global", "b.us-east-1"],
        );
    });

    it("skips stacks that cannot run yet, and their dependents, with the reason", async () => {
        const runner = new FakeRunner();
        const report = await runFleet(options(SMALL_FLEET, runner, { continueOnError: true, unavailable: new Map([["b.global", "account b has no id yet"]]) }));
        const b = report.outcomes.filter((outcome) => outcome.stack.startsWith("b."));
        assert.deepEqual(
            b.map((outcome) => [outcome.result, outcome.detail]),
            [
                ["skipped", "account b has no id yet"],
                ["skipped", "b.global did not run"],
                ["skipped", "b.global did not run"],
            ],
        );
        assert.ok(runner.started.every((stack) => !stack.startsWith("b.")));
    });

    it("treats dependencies outside the selection as already deployed", async () => {
        const runner = new FakeRunner();
        const report = await runFleet(
            options(
                SMALL_FLEET.filter((stack) => stack.wave === 2),
                runner,
            ),
        );
        assert.equal(report.ok, true);
        assert.equal(runner.started.length, 4);
        // a.us-east-1 still waits for a.eu-west-1, which is in the selection.
        assert.ok(finishedBefore(runner, "a.us-east-1").has("a.eu-west-1"));
    });

    it("reports a line per state change, passes the operation and policy packs, and routes output per stack", async () => {
        const runner = new FakeRunner();
        const events: ProgressEvent[] = [];
        const output: string[] = [];
        const stacks = SMALL_FLEET.slice(0, 2);
        await runFleet(
            options(stacks, runner, {
                operation: "preview",
                policyPacks: ["/abs/policies"],
                onProgress: (event) => events.push(event),
                onOutput: (stack, text) => output.push(`${stack}|${text}`),
            }),
        );
        assert.deepEqual(
            events.map((event) => `${event.stack}:${event.state}`),
            ["organization:started", "organization:succeeded", "a.global:started", "a.global:succeeded"],
        );
        assert.deepEqual(
            runner.requests.map((request) => [request.operation, request.policyPacks]),
            [
                ["preview", ["/abs/policies"]],
                ["preview", ["/abs/policies"]],
            ],
        );
        assert.deepEqual(output, ["organization|preview organization\n", "a.global|preview a.global\n"]);
    });

    it("measures each stack's duration on the injected clock", async () => {
        const report = await runFleet(options([spec("organization", 0, "m")], new FakeRunner(), { now: steppingClock(250) }));
        // Clock reads: run start, stack start, stack end.
        assert.equal(report.outcomes[0].durationMs, 250);
    });

    it("runs a wave's check once, after every earlier wave settled and before any of its stacks starts", async () => {
        const runner = new FakeRunner();
        const checked: Array<{ wave: number; finishedBefore: string[] }> = [];
        const report = await runFleet(
            options(SMALL_FLEET, runner, {
                beforeWave: async (wave) => {
                    checked.push({ wave, finishedBefore: [...runner.finished] });
                    return undefined;
                },
            }),
        );
        assert.equal(report.ok, true);
        assert.deepEqual(
            checked.map((entry) => entry.wave),
            [0, 1, 2],
        );
        assert.deepEqual(checked[2].finishedBefore.sort(), ["a.global", "b.global", "organization"]);
    });

    it("skips a wave whose check gives a reason (or fails), with that reason, and runs nothing of it", async () => {
        const refused = new FakeRunner();
        const report = await runFleet(
            options(SMALL_FLEET, refused, { beforeWave: async (wave) => (wave === 2 ? "the parent zone is not delegated" : undefined) }),
        );
        assert.equal(report.ok, false);
        assert.deepEqual(refused.started, ["organization", "a.global", "b.global"]);
        assert.deepEqual(
            report.outcomes.filter((outcome) => outcome.wave === 2).map((outcome) => [outcome.stack, outcome.result, outcome.detail]),
            [
                ["a.us-east-1", "skipped", "a.eu-west-1 did not run"],
                ["a.eu-west-1", "skipped", "the parent zone is not delegated"],
                ["b.us-east-1", "skipped", "the parent zone is not delegated"],
                ["b.eu-west-1", "skipped", "the parent zone is not delegated"],
            ],
        );
        const broken = await runFleet(
            options(SMALL_FLEET, new FakeRunner(), {
                beforeWave: async (wave) => {
                    if (wave === 1) throw new Error("no route to the DNS");
                    return undefined;
                },
            }),
        );
        assert.equal(broken.outcomes.find((outcome) => outcome.stack === "a.global")!.detail, "its pre-wave check failed: no route to the DNS");
    });

    it("refuses a dependsOn cycle instead of hanging", async () => {
        const stacks = [spec("x", 1, "x", ["y"]), spec("y", 1, "y", ["x"])];
        await assert.rejects(runFleet(options(stacks, new FakeRunner())), /x, y wait on each other/);
    });

    it("rejects a parallelism below 1", async () => {
        await assert.rejects(runFleet(options(SMALL_FLEET, new FakeRunner(), { parallel: 0 })), /parallel must be a positive integer, got 0/);
    });
    describe("a second attempt", () => {
        /** One account's two regional stacks, neither depending on the other, as a subsystem's are. */
        const REGIONAL: StackSpec[] = [
            spec("organization", 0, "m"),
            spec("a.global", 1, "a", ["organization"]),
            spec("a.us-east-1", 2, "a", ["a.global"]),
            spec("a.eu-west-1", 2, "a", ["a.global"]),
        ];
        const slowEuWest = (stack: string) => (stack === "a.eu-west-1" ? 8 : 1);

        it("runs a failed stack once more after its wave's other stacks have run, and it succeeds then", async () => {
            // a.us-east-1 fails while its peer has not finished, as an endpoint naming a bus not yet created might.
            const runner = new FakeRunner((stack, fake) => stack === "a.us-east-1" && !fake.finished.includes("a.eu-west-1"), slowEuWest);
            const events: ProgressEvent[] = [];
            const report = await runFleet(
                options(REGIONAL, runner, { retryReason: () => "the peer's bus may not exist yet", onProgress: (event) => events.push(event) }),
            );

            assert.equal(report.ok, true);
            assert.deepEqual(
                runner.started.filter((stack) => stack === "a.us-east-1"),
                ["a.us-east-1", "a.us-east-1"],
            );
            assert.ok(runner.started.lastIndexOf("a.us-east-1") > runner.finished.indexOf("a.eu-west-1"), "the second attempt started after the peer finished");
            const outcome = report.outcomes.find((candidate) => candidate.stack === "a.us-east-1")!;
            assert.equal(outcome.result, "succeeded");
            assert.equal(outcome.retry?.reason, "the peer's bus may not exist yet");
            assert.match(outcome.retry?.firstError ?? "", /a.us-east-1 exploded/);
            assert.deepEqual(
                events.filter((event) => event.stack === "a.us-east-1").map((event) => event.state),
                ["started", "will-retry", "started", "succeeded"],
            );
        });

        it("lets the wave's other stacks run after a first failure even without --continue-on-error, and fails for good at the second", async () => {
            const runner = new FakeRunner((stack) => stack === "a.us-east-1", slowEuWest);
            // One at a time, so a.eu-west-1 has not started when a.us-east-1 first fails.
            const report = await runFleet(options(REGIONAL, runner, { parallel: 1, retryReason: () => "peer" }));

            assert.equal(report.ok, false);
            assert.deepEqual(runner.started.filter((stack) => stack === "a.us-east-1").length, 2);
            const byStack = new Map(report.outcomes.map((outcome) => [outcome.stack, outcome]));
            assert.equal(byStack.get("a.eu-west-1")!.result, "succeeded");
            assert.equal(byStack.get("a.us-east-1")!.result, "failed");
            assert.equal(byStack.get("a.us-east-1")!.retry?.reason, "peer");
        });

        it("never happens without a reason: the failure is final at once", async () => {
            const runner = new FakeRunner((stack) => stack === "a.us-east-1", slowEuWest);
            const report = await runFleet(options(REGIONAL, runner, { parallel: 1 }));
            assert.equal(runner.started.filter((stack) => stack === "a.us-east-1").length, 1);
            assert.equal(report.outcomes.find((outcome) => outcome.stack === "a.us-east-1")!.retry, undefined);
            assert.equal(report.outcomes.find((outcome) => outcome.stack === "a.eu-west-1")!.result, "not-started");
        });
    });
});

/** The stacks that had finished at the moment `stack` started. */
function finishedBefore(runner: FakeRunner, stack: string): Set<string> {
    return new Set(runner.finished.slice(0, runner.startSnapshots.get(stack)));
}
