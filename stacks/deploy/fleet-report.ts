import type { FleetRunReport, ProgressEvent, StackOutcome } from "./fleet-run";
import type { ChangeCounts } from "./stack-runner";

/**
 * Plain-text rendering of a fleet run: one line per state change while it runs (no cursor tricks,
 * so CI logs and pipes read the same as a terminal), then a summary table.
 */

export function formatProgressLine(event: ProgressEvent): string {
    const clock = `+${formatDuration(event.atMs)}`.padStart(8);
    if (event.state === "started") return `${clock}  ${event.stack}: started`;
    const { outcome } = event;
    const parts = [`${clock}  ${event.stack}: ${event.state}`];
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

export function formatSummaryTable(report: FleetRunReport): string {
    const header = ["STACK", "WAVE", "RESULT", "CHANGES", "DURATION"];
    const rows = report.outcomes.map((outcome) => [
        outcome.stack,
        String(outcome.wave),
        outcome.result,
        outcome.result === "succeeded" ? formatChanges(outcome.changes) : "",
        outcome.result === "succeeded" || outcome.result === "failed" ? formatDuration(outcome.durationMs) : "",
    ]);
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();
    const counts = new Map<string, number>();
    for (const outcome of report.outcomes) counts.set(outcome.result, (counts.get(outcome.result) ?? 0) + 1);
    const totals = [...counts].map(([result, count]) => `${count} ${result}`).join(", ");
    const failures = report.outcomes.filter((outcome) => outcome.result === "failed").map((outcome) => `${outcome.stack}: ${firstLine(outcome.detail ?? "")}`);
    return [line(header), ...rows.map(line), "", `${report.operation}: ${totals}`, ...failures.map((failure) => `  failed ${failure}`)].join("\n");
}

/** The JSON form of a run, for `--format json`. */
export function reportJson(report: FleetRunReport): { operation: string; ok: boolean; stacks: StackOutcome[] } {
    return { operation: report.operation, ok: report.ok, stacks: report.outcomes };
}

function firstLine(text: string): string {
    return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
}
