import type { SimulationReport, SimulationWarning } from "./simulate";

/** The simulation report as a terminal reads it: detection bounds, then one block per scenario. */

function warningLine(warning: SimulationWarning): string {
    return `  ! [${warning.kind}] ${warning.message}`;
}

export function renderSimulationText(report: SimulationReport): string {
    const lines: string[] = [];
    lines.push(`Clients: ${report.clients.join(", ")} (latency model: regions/latency-table.ts)`);
    lines.push("");
    lines.push(`Detection-time bound per region (target ${report.failoverTargetSeconds} s):`);
    for (const subsystem of report.detection) {
        for (const region of subsystem.regions) {
            const bound = region.boundSeconds === undefined ? "unknown" : `${region.boundSeconds} s`;
            const verdict = region.boundSeconds === undefined ? "" : region.boundSeconds > region.targetSeconds ? "  SLOWER THAN TARGET" : "  ok";
            lines.push(
                `  ${subsystem.subsystem}/${subsystem.environment} ${region.region}: ${bound} = checks ${region.checkSeconds ?? "?"} s + TTL ${region.ttlSeconds} s${verdict}`,
            );
            for (const child of region.children) lines.push(`      ${child.kind} ${child.check}: ${child.seconds ?? "?"} s (${child.formula})`);
        }
    }
    if (report.warnings.length > 0) {
        lines.push("");
        lines.push("Topology warnings:");
        lines.push(...report.warnings.map(warningLine));
    }
    for (const scenario of report.scenarios) {
        lines.push("");
        lines.push(`Scenario: ${scenario.down.length > 0 ? scenario.down.join(", ") : "nothing"} down`);
        for (const name of scenario.names) {
            lines.push(`  ${name.subsystem}/${name.environment} ${name.name}`);
            for (const answer of name.answers) {
                const moved = answer.before !== answer.after ? `${answer.before ?? "-"} -> ${answer.after ?? "-"}` : `${answer.after ?? "-"} (unchanged)`;
                lines.push(`    client ${answer.client.padEnd(16)} ${moved}${answer.afterIsDown ? "  (DOWN)" : ""}`);
            }
        }
        for (const endpoint of scenario.endpoints) {
            const moved = endpoint.before !== endpoint.after ? `${endpoint.before} -> ${endpoint.after}` : `${endpoint.after} (unchanged)`;
            lines.push(
                `  ${endpoint.subsystem}/${endpoint.environment} global endpoint ${endpoint.endpoint} (primary ${endpoint.primary}) publishes to ${moved}`,
            );
        }
        lines.push(...scenario.warnings.map(warningLine));
    }
    return `${lines.join("\n")}\n`;
}
