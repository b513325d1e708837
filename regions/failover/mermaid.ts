import type { RegionTopology, SubsystemTopology } from "../topology";

/**
 * The topology as a Mermaid flowchart, for a README or a pull request: one box per region with
 * each subsystem environment's calculated check (its children summarised) and bus, the latency names
 * pointing at the regions' checks, replication arrows between buses and each global endpoint's
 * primary and secondary.
 */

function nodeId(...parts: string[]): string {
    return parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");
}

function label(text: string): string {
    return `"${text.replace(/"/g, "#quot;")}"`;
}

/** `calculated: https + 5 metric`, short enough for a node in a README diagram. */
function checkSummary(region: RegionTopology | undefined): string {
    if (!region?.calculated) return "NO HEALTH CHECK";
    const counts = new Map<string, number>();
    for (const child of region.children) counts.set(child.kind, (counts.get(child.kind) ?? 0) + 1);
    const parts = [...counts.entries()].map(([kind, count]) => (count === 1 ? kind : `${count} ${kind}`));
    return `${region.calculated.kind}: ${parts.join(" + ") || "no children"}`;
}

export function renderMermaid(topologies: SubsystemTopology[]): string {
    const lines = ["flowchart LR"];
    const byRegion = new Map<string, SubsystemTopology[]>();
    for (const topology of topologies) {
        for (const region of topology.regions) byRegion.set(region.region, [...(byRegion.get(region.region) ?? []), topology]);
    }
    for (const [region, members] of [...byRegion.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`  subgraph ${nodeId("region", region)}[${label(region)}]`);
        for (const topology of members) {
            const regionTopology = topology.regions.find((r) => r.region === region);
            const key = [topology.subsystem, topology.environment, region];
            lines.push(`    ${nodeId("hc", ...key)}{{${label(`${topology.subsystem}/${topology.environment} ${checkSummary(regionTopology)}`)}}}`);
            lines.push(`    ${nodeId("bus", ...key)}[(${label(`${topology.subsystem}/${topology.environment} bus`)})]`);
        }
        lines.push("  end");
    }
    for (const topology of topologies) {
        const { subsystem, environment } = topology;
        const names = new Set(topology.regions.flatMap((r) => r.records.map((rec) => rec.name)));
        for (const name of names) {
            const nameNode = nodeId("name", subsystem, environment, name);
            lines.push(`  ${nameNode}([${label(name)}])`);
            for (const region of topology.regions.filter((r) => r.records.some((rec) => rec.name === name))) {
                const dashed = region.records.some((rec) => rec.name === name && !rec.healthCheckId);
                lines.push(`  ${nameNode} ${dashed ? "-.->|no health check|" : "-->|latency|"} ${nodeId("hc", subsystem, environment, region.region)}`);
            }
        }
        for (const region of topology.regions) {
            for (const peer of region.replicatesTo) {
                lines.push(`  ${nodeId("bus", subsystem, environment, region.region)} -.->|replicates| ${nodeId("bus", subsystem, environment, peer)}`);
            }
        }
        for (const endpoint of topology.endpoints) {
            // Each region may create an endpoint of the same name: the primary region tells them apart.
            const endpointNode = nodeId("endpoint", subsystem, environment, endpoint.name, endpoint.primaryRegion);
            lines.push(`  ${endpointNode}>${label(`${subsystem}/${environment} global endpoint ${endpoint.name} (${endpoint.primaryRegion})`)}]`);
            lines.push(`  ${endpointNode} -->|primary| ${nodeId("bus", subsystem, environment, endpoint.primaryRegion)}`);
            if (endpoint.secondaryRegion) {
                lines.push(`  ${endpointNode} -.->|secondary| ${nodeId("bus", subsystem, environment, endpoint.secondaryRegion)}`);
            }
        }
    }
    return `${lines.join("\n")}\n`;
}
