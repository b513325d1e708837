import { InputError } from "../../lib/input-error";
import { forceUnhealthyParameterName } from "../../lib/contracts/naming";
import type { SubsystemTopology } from "../topology";

/**
 * What the plan says a rehearsal of one subsystem environment in one region will touch: the
 * latency name, each region's calculated check (by its Name tag) and the force-unhealthy
 * parameter. Flags that name nothing in the plan are bad input (exit 2) before any AWS call.
 */

export interface RehearsalTarget {
    subsystem: string;
    environment: string;
    region: string;
    /** Every region of the subsystem environment, the drained one included. */
    regions: string[];
    recordName: string;
    /** Region → the plan's Name tag of its calculated check. */
    checkNames: Record<string, string>;
    parameterName: string;
}

export function rehearsalTarget(topologies: readonly SubsystemTopology[], subsystem: string, environment: string, region: string): RehearsalTarget {
    const flag = (path: string, message: string) => InputError.single("command line", path, message);
    const candidates = topologies.filter((t) => t.subsystem === subsystem);
    if (candidates.length === 0) {
        throw flag(
            "--subsystem",
            `${JSON.stringify(subsystem)} has no subsystem stacks in the plan (subsystems: ${[...new Set(topologies.map((t) => t.subsystem))].join(", ") || "none"})`,
        );
    }
    const topology = candidates.find((t) => t.environment === environment);
    if (!topology) {
        throw flag(
            "--env",
            `${JSON.stringify(environment)} is not an environment of ${subsystem} (environments: ${candidates.map((t) => t.environment).join(", ")})`,
        );
    }
    const regions = topology.regions.map((r) => r.region);
    const drained = topology.regions.find((r) => r.region === region);
    if (!drained) {
        throw flag("--region", `${JSON.stringify(region)} is not a region of ${subsystem}/${environment} (regions: ${regions.join(", ")})`);
    }
    const recordName = drained.records[0]?.name;
    if (!recordName) throw flag("--region", `the plan has no latency record for ${subsystem}/${environment} in ${region}`);
    const checkNames: Record<string, string> = {};
    for (const r of topology.regions) if (r.calculated) checkNames[r.region] = r.calculated.name;
    return { subsystem, environment, region, regions, recordName, checkNames, parameterName: forceUnhealthyParameterName(subsystem) };
}
