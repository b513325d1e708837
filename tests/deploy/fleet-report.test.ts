import { strict as assert } from "assert";
import { formatChanges, formatDuration, formatProgressLine, summaryFooter, summaryRows } from "../../stacks/deploy/fleet-report";
import type { FleetRunReport } from "../../stacks/deploy/fleet-run";

const REPORT: FleetRunReport = {
    operation: "up",
    ok: false,
    outcomes: [
        { stack: "organization", wave: 0, result: "succeeded", changes: { create: 2, same: 5 }, durationMs: 61_500 },
        { stack: "a.global", wave: 1, result: "failed", changes: {}, durationMs: 3_000, detail: "pulumi up failed: error: boom\nstack trace" },
        { stack: "a.us-east-1", wave: 2, result: "skipped", changes: {}, durationMs: 0, detail: "a.global failed" },
    ],
};

describe("fleet report", () => {
    it("summarises change counts compactly, unknown operations by name", () => {
        assert.equal(formatChanges({ create: 2, update: 1, delete: 0, replace: 1, same: 5 }), "+2 ~1 +-1 ·5");
        assert.equal(formatChanges({ refresh: 3 }), "refresh 3");
        assert.equal(formatChanges({}), "no changes");
    });

    it("formats durations in seconds, then minutes", () => {
        assert.equal(formatDuration(1234), "1.2s");
        assert.equal(formatDuration(61_500), "1m02s");
    });

    it("prints one plain line per state change", () => {
        assert.equal(formatProgressLine({ stack: "a.global", state: "started", atMs: 1500 }), "   +1.5s  a.global: started");
        assert.equal(
            formatProgressLine({ stack: "a.global", state: "failed", atMs: 4500, outcome: REPORT.outcomes[1] }),
            "   +4.5s  a.global: failed in 3.0s — pulumi up failed: error: boom",
        );
        assert.equal(
            formatProgressLine({ stack: "organization", state: "succeeded", atMs: 61_500, outcome: REPORT.outcomes[0] }),
            "  +1m02s  organization: succeeded in 1m02s (+2 ·5)",
        );
    });

    it("builds the summary table rows and a footer with totals and failures", () => {
        assert.deepEqual(summaryRows(REPORT), [
            ["organization", "0", "succeeded", "+2 ·5", "1m02s"],
            ["a.global", "1", "failed", "", "3.0s"],
            ["a.us-east-1", "2", "skipped", "", ""],
        ]);
        assert.deepEqual(summaryFooter(REPORT), ["up: 1 succeeded, 1 failed, 1 skipped", "  a.global failed: pulumi up failed: error: boom"]);
    });
    it("says when a stack failed once and will run again, and which stacks ran twice and why", () => {
        const retry = { reason: "a peer region's bus may not have existed at the first attempt", firstError: "error: no bus\nmore" };
        assert.equal(
            formatProgressLine({ stack: "a.us-east-1", state: "will-retry", atMs: 9000, reason: retry.reason, error: retry.firstError }),
            "   +9.0s  a.us-east-1: failed, runs once more after the others — a peer region's bus may not have existed at the first attempt (error: no bus)",
        );
        const outcome = { stack: "a.us-east-1", wave: 2, result: "succeeded" as const, changes: { create: 1 }, durationMs: 12_000, retry };
        assert.equal(
            formatProgressLine({ stack: "a.us-east-1", state: "succeeded", atMs: 21_000, outcome }),
            "  +21.0s  a.us-east-1: succeeded at the second attempt in 12.0s (+1)",
        );
        assert.deepEqual(summaryFooter({ operation: "up", ok: true, outcomes: [outcome] }), [
            "up: 1 succeeded",
            "  a.us-east-1 ran twice (a peer region's bus may not have existed at the first attempt); first attempt: error: no bus",
        ]);
    });
});
