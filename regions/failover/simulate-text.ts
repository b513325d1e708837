import type { EndpointRouting, ShiftTime, SimulationReport, SimulationWarning } from "./simulate";

/**
 * The simulation report as a terminal reads it: what an SRE asks first (where do clients and
 * publishers go when a region is down?) comes first, one block per scenario; the topology
 * warnings and the per-check detection detail that explains the bounds come after.
 */

function warningLine(warning: SimulationWarning): string {
    return `  ! [${warning.kind}] ${warning.message}`;
}

const PUBLISHERS: Record<NonNullable<EndpointRouting["publishers"]>, string> = {
    allowed: "their writes there are allowed",
    denied: "their writes there are DENIED",
    unknown: "whether their writes there are allowed is not in the plan",
};

function shiftLine(shift: ShiftTime): string {
    return (
        `  ${shift.subsystem}/${shift.environment}: clients stop being sent to ${shift.region} within ${shift.typicalSeconds} s typically, ${shift.worstSeconds} s at worst ` +
        `(${shift.worstClass}; Route 53's verdict after the failure threshold + ${shift.ttlSeconds ?? "?"} s TTL; resolvers that stretch TTLs keep the old answer longer)`
    );
}

function endpointLine(endpoint: EndpointRouting): string {
    const moved = endpoint.before !== endpoint.after ? `${endpoint.before} -> ${endpoint.after}` : `${endpoint.after} (unchanged)`;
    const publishers = endpoint.publishers ? `; ${endpoint.primary}'s publishers write to ${endpoint.after}'s bus, ${PUBLISHERS[endpoint.publishers]}` : "";
    return `  ${endpoint.subsystem}/${endpoint.environment} global endpoint ${endpoint.endpoint} (primary ${endpoint.primary}) publishes to ${moved}${publishers}`;
}

export function renderSimulationText(report: SimulationReport): string {
    const lines: string[] = [];
    lines.push(`Clients: ${report.clients.join(", ")}`);
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
        lines.push(...scenario.shifts.map(shiftLine));
        lines.push(...scenario.endpoints.map(endpointLine));
        lines.push(...scenario.warnings.map(warningLine));
    }
    if (report.warnings.length > 0) {
        lines.push("");
        lines.push("Topology warnings (every scenario):");
        lines.push(...report.warnings.map(warningLine));
    }
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
    lines.push("");
    lines.push(`Latency data: ${report.latencySource}`);
    return `${lines.join("\n")}\n`;
}
