import type { RehearsalReport } from "./rehearse";

/** The rehearsal report for a game-day write-up: Markdown beside the JSON. */

function seconds(value: number | null): string {
    return value === null ? "n/a" : `${value} s`;
}

/** Says what happened to the lever, and never "restored" for a lever that was never pulled. */
function leverLine(report: RehearsalReport): string {
    if (!report.leverPulled) {
        const why = report.dryRun ? "dry run" : report.outcome === "refused" ? "refused before the lever" : "stopped before the lever";
        return `Lever pulled: no (${why}); nothing to restore`;
    }
    return `Lever pulled: yes; restored: ${report.restored ? "yes" : `**NO**: ${report.restoreError ?? ""}`}`;
}

function revertLine(revert: NonNullable<RehearsalReport["revert"]>): string {
    const place = `\`${revert.name}\` in ${revert.region}, due ${revert.at}`;
    if (!revert.armed) return `${place}, not armed`;
    return revert.disarmed ? `${place}, armed and then disarmed` : `${place}, **still armed**: it will put the lever back at that time`;
}

export function renderRehearsalMarkdown(report: RehearsalReport): string {
    const lines: string[] = [];
    lines.push(`# Failover rehearsal: ${report.subsystem}/${report.environment}, ${report.region} drained`);
    lines.push("");
    lines.push(`- Lever: \`${report.lever}\`${report.dryRun ? " (dry run: no change made)" : ""}`);
    lines.push(`- Outcome: **${report.outcome}**${report.reason ? ` (${report.reason})` : ""}`);
    lines.push(`- ${leverLine(report)}`);
    if (report.account) lines.push(`- Account: ${report.account}`);
    if (report.revert) lines.push(`- AWS-side revert: ${revertLine(report.revert)}`);
    if (report.bus) lines.push(`- Bus: global endpoint \`${report.bus.endpoint}\` failed over to ${report.bus.secondary} while drained`);
    lines.push(`- Started ${report.startedAt}, ended ${report.endedAt ?? "-"}`);
    lines.push("");
    lines.push("| measure | value |");
    lines.push("|---|---|");
    lines.push(`| time to detect (lever pulled → Route 53's verdict: region unhealthy) | ${seconds(report.timings.detectSeconds)} |`);
    lines.push(
        `| time to shift, authoritative (lever pulled → Route 53's name servers answer no client with ${report.region}) | ${seconds(report.timings.shiftSeconds)} |`,
    );
    lines.push(`| TTL the latency record carries (resolvers may keep the old answer this long) | ${seconds(report.timings.recordTtlSeconds)} |`);
    lines.push(`| time to shift for clients honouring the TTL (authoritative + TTL) | ${seconds(report.timings.shiftWithTtlSeconds)} |`);
    lines.push(`| time to recover (lever back → clients back on ${report.region}) | ${seconds(report.timings.recoverSeconds)} |`);
    lines.push("");
    lines.push("## Phases");
    lines.push("");
    lines.push("| phase | started | ended |");
    lines.push("|---|---|---|");
    for (const phase of report.phases) lines.push(`| ${phase.phase} | ${phase.startedAt} | ${phase.endedAt ?? "-"} |`);
    if (report.preflight) {
        lines.push("");
        lines.push("## Preflight");
        lines.push("");
        lines.push(
            `Health check \`${report.preflight.healthCheckId}\` (children ${report.preflight.childIds.map((id) => `\`${id}\``).join(", ")}), record \`${report.preflight.recordName}\` in zone \`${report.preflight.zoneId}\`.`,
        );
        lines.push("");
        lines.push("| region | healthy before |");
        lines.push("|---|---|");
        for (const [region, healthy] of Object.entries(report.preflight.regionHealth)) lines.push(`| ${region} | ${healthy ? "yes" : "no"} |`);
        lines.push("");
        lines.push("| client | answered by before |");
        lines.push("|---|---|");
        for (const [client, region] of Object.entries(report.preflight.baseline)) lines.push(`| ${client} | ${region} |`);
    }
    if (report.notes.length > 0) {
        lines.push("");
        lines.push("## Notes");
        lines.push("");
        for (const note of report.notes) lines.push(`- ${note}`);
    }
    if (report.observations.length > 0) {
        lines.push("");
        lines.push("## Timeline");
        lines.push("");
        for (const o of report.observations) lines.push(`- ${o.at} [${o.phase}] ${o.what}`);
    }
    lines.push("");
    lines.push(`## API calls (${report.apiCalls.length})`);
    lines.push("");
    for (const call of report.apiCalls) lines.push(`- ${call.at} \`${call.api}\` ${call.sent ? "" : "(not sent) "}\`${JSON.stringify(call.params)}\``);
    return `${lines.join("\n")}\n`;
}
