import type { FleetRunReport, ProgressEvent } from "./fleet-run";
import type { ChangeCounts } from "./stack-runner";

/**
 * Plain-text rendering of a fleet run: one line per state change while it runs (no cursor tricks,
 * so CI logs and pipes read the same as a terminal), then the rows of a summary table.
 */

export function formatProgressLine(event: ProgressEvent): string {
    const clock = `+${formatDuration(event.atMs)}`.padStart(8);
    if (event.state === "started") return `${clock}  ${event.stack}: started`;
    if (event.state === "will-retry") return `${clock}  ${event.stack}: failed, runs once more after the others — ${event.reason} (${firstLine(event.error)})`;
    const { outcome } = event;
    const parts = [`${clock}  ${event.stack}: ${event.state}${outcome.retry ? " at the second attempt" : ""}`];
    if (outcome.result === "succeeded" || outcome.result === "failed") parts.push(`in ${formatDuration(outcome.durationMs)}`);
    if (outcome.result === "succeeded") parts.push(`(${formatChanges(outcome.changes)})`);
    if (outcome.detail) parts.push(`— ${firstLine(outcome.detail)}`);
    return parts.join(" ");
}

/** `+2 ~1 -1 +-1 =5`: create, update, delete, replace, unchanged; `no changes` when empty. */
export function formatChanges(changes: ChangeCounts): string {
    const symbols: ReadonlyArray<[string, string]> = [
        ["create", "+"],
        ["update", "~"],
        ["delete", "-"],
        ["replace", "+-"],
        ["import", "="],
        ["same", "·"],
    ];
    const shown = symbols.filter(([op]) => (changes[op] ?? 0) > 0).map(([op, symbol]) => `${symbol}${changes[op]}`);
    const others = Object.entries(changes).filter(([op, count]) => count > 0 && !symbols.some(([known]) => known === op));
    shown.push(...others.map(([op, count]) => `${op} ${count}`));
    return shown.length > 0 ? shown.join(" ") : "no changes";
}

export function formatDuration(ms: number): string {
    if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
    const minutes = Math.floor(ms / 60_000);
    return `${minutes}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")}s`;
}

export const SUMMARY_HEADERS = ["STACK", "WAVE", "RESULT", "CHANGES", "DURATION"];

/** One row per stack, in deployment order, for `printTable` under SUMMARY_HEADERS. */
export function summaryRows(report: FleetRunReport): string[][] {
    return report.outcomes.map((outcome) => [
        outcome.stack,
        String(outcome.wave),
        outcome.result,
        outcome.result === "succeeded" ? formatChanges(outcome.changes) : "",
        outcome.result === "succeeded" || outcome.result === "failed" ? formatDuration(outcome.durationMs) : "",
    ]);
}

/** Totals per result, then each failure's first line: what to read before re-running with --resume. */
export function summaryFooter(report: FleetRunReport): string[] {
    const counts = new Map<string, number>();
    for (const outcome of report.outcomes) counts.set(outcome.result, (counts.get(outcome.result) ?? 0) + 1);
    const totals = [...counts].map(([result, count]) => `${count} ${result}`).join(", ");
    const failures = report.outcomes
        .filter((outcome) => outcome.result === "failed")
        .map((outcome) => `  ${outcome.stack} failed: ${firstLine(outcome.detail ?? "")}`);
    const retried = report.outcomes
        .filter((outcome) => outcome.retry)
        .map((outcome) => `  ${outcome.stack} ran twice (${outcome.retry!.reason}); first attempt: ${firstLine(outcome.retry!.firstError)}`);
    return [`${report.operation}: ${totals}`, ...failures, ...retried];
}

function firstLine(text: string): string {
    return (
        text
            .split("\n")
            .find((line) => line.trim() !== "")
            ?.trim() ?? ""
    );
}
