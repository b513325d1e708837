import { answerLine, detectionLine, endpointLine, findingLine, stackLines, stackTally, summaryRows } from "./diff-lines";
import { hasChanges, PlanDiff } from "./plan-diff";

/** `meridian plan diff --format text`: the whole diff, every property change included. */
export function renderDiffText(diff: PlanDiff): string {
    const lines = [
        `plan diff: base ${diff.base.root} (${diff.base.stacks} stacks, ${diff.base.resources} resources) → head ${diff.head.root} (${diff.head.stacks} stacks, ${diff.head.resources} resources)`,
    ];
    if (!hasChanges(diff)) return `${lines[0]}\nno changes\n`;
    const rows = summaryRows(diff);
    const width = Math.max(...rows.map(([label]) => label.length));
    lines.push("", ...rows.map(([label, count]) => `  ${label.padEnd(width)}  ${count}`));
    for (const stack of diff.stacks) {
        const mark = stack.status === "added" ? "+" : stack.status === "removed" ? "-" : "~";
        lines.push("", `${mark} stack ${stack.stack} (${stack.status}: ${stackTally(stack)})`, ...stackLines(stack, true).map((line) => `    ${line}`));
    }
    if (diff.findings.new.length + diff.findings.fixed.length > 0) {
        lines.push("", "policy findings:");
        lines.push(...diff.findings.new.map((finding) => `  new   ${findingLine(finding)}`));
        lines.push(...diff.findings.fixed.map((finding) => `  fixed ${findingLine(finding)}`));
    }
    if ("skipped" in diff.failover) lines.push("", `failover: not compared (${diff.failover.skipped})`);
    else if (diff.failover.answers.length + diff.failover.detection.length + diff.failover.endpoints.length > 0) {
        lines.push("", "failover:");
        lines.push(...diff.failover.answers.map((change) => `  ${answerLine(change)}`));
        lines.push(...diff.failover.endpoints.map((change) => `  ${endpointLine(change)}`));
        lines.push(...diff.failover.detection.map((change) => `  ${detectionLine(change)}`));
    }
    return `${lines.join("\n")}\n`;
}
