import type { SimulationReport, SimulationWarning } from "./simulate";

/** The simulation report as a terminal reads it: detection bounds, then one block per scenario. */

function warningLine(warning: SimulationWarning): string {
    return `  ! [${warning.kind}] ${warning.message}`;
}

export function renderSimulationText(report: SimulationReport): string {
    const lines: string[] = [];
    lines.push(`Clients: ${report.clients.join(", ")} (latency model: regions/latency-table.ts)`);
    lines.push("");
    lines.push(`Detection-time bound per region, worst over failure classes (target ${report.failoverTargetSeconds} s):`);
    for (const subsystem of report.detection) {
        for (const region of subsystem.regions) {
            const bound = region.boundSeconds === undefined ? "unknown" : `${region.boundSeconds} s`;
            const verdict = region.boundSeconds === undefined ? "" : region.overTarget ? "  SLOWER THAN TARGET" : "  ok";
            lines.push(`  ${subsystem.subsystem}/${subsystem.environment} ${region.region}: ${bound} (TTL ${region.ttlSeconds ?? "?"} s)${verdict}`);
            for (const bound of region.classes) {
                lines.push(`      ${bound.failureClass}: best ${bound.best} s, typical ${bound.typical} s, worst ${bound.worst} s (${bound.formula})`);
            }
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
