import type { LocatedFinding } from "./located-finding";

export function textReport(findings: readonly LocatedFinding[], suppressed: number): string {
    const lines: string[] = [];
    for (const finding of findings) {
        lines.push(`${finding.level.toUpperCase()} ${finding.policy} (stack ${finding.stack}, ${finding.file})`);
        if (finding.urn) lines.push(`  ${finding.urn}`);
        lines.push(`  ${finding.message}`);
        if (finding.remediation) lines.push(`  remediation: ${finding.remediation}`);
    }
    const mandatory = findings.filter((finding) => finding.level === "mandatory").length;
    const advisory = findings.length - mandatory;
    lines.push(`${mandatory} mandatory, ${advisory} advisory finding(s)${suppressed ? `, ${suppressed} set aside by exceptions` : ""}`);
    return `${lines.join("\n")}\n`;
}
