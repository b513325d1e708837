import { InputError } from "../../lib/input-error";
import { forceUnhealthyParameterName, rehearsalLockParameterName, rehearsalRevertScheduleName } from "../../lib/contracts/naming";
import type { HealthCheckInfo, RegionTopology, SubsystemTopology } from "../topology";
import type { Lever } from "./levers";

/**
 * What the plan says a rehearsal of one subsystem environment in one region will touch: the
 * latency name, each region's calculated check (by its Name tag), the force-unhealthy parameter,
 * the account, where the lock lives, and the global endpoint the drain also moves. Flags that
 * name nothing in the plan are bad input (exit 2) before any AWS call.
 */

export interface EndpointTarget {
    name: string;
    /** Where publishers go while the drained region's endpoint is failed over. */
    secondaryRegion: string;
    /** The levers that fail the endpoint over, read from which check the endpoint follows. */
    movedBy: Lever[];
}

export interface RehearsalTarget {
    subsystem: string;
    environment: string;
    region: string;
    /** Every region of the subsystem environment, the drained one included. */
    regions: string[];
    /** The account the plan deploys the subsystem environment to; the rehearsal refuses credentials for another. */
    accountId?: string;
    recordName: string;
    /** Region → the plan's Name tag of its calculated check. */
    checkNames: Record<string, string>;
    parameterName: string;
    /** The lock parameter, in the catalog's home region: one place per subsystem environment. */
    lock: { region: string; name: string };
    revertScheduleName: string;
    endpoint?: EndpointTarget;
}

/**
 * Which levers move the endpoint: inverting the calculated check moves it only if the endpoint
 * follows that very check; the switch makes the tracer fail, which moves it if the endpoint follows
 * the calculated check, one of its children, or a check sharing a child with it.
 */
function leversMovingEndpoint(check: HealthCheckInfo | undefined, region: RegionTopology): Lever[] {
    const calculated = region.calculated;
    if (!check || !calculated) return ["invert", "switch"];
    if (check.urn === calculated.urn) return ["invert", "switch"];
    const tracerChecks = new Set(region.children.map((c) => c.urn));
    const childIds = new Set(calculated.childIds ?? []);
    const sharesTracer = tracerChecks.has(check.urn) || (check.childIds ?? []).some((id) => childIds.has(id));
    return sharesTracer ? ["switch"] : [];
}

export function rehearsalTarget(
    topologies: readonly SubsystemTopology[],
    subsystem: string,
    environment: string,
    region: string,
    homeRegion: string,
): RehearsalTarget {
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
    const endpoint = topology.endpoints.find((e) => e.primaryRegion === region && e.secondaryRegion);
    return {
        subsystem,
        environment,
        region,
        regions,
        accountId: topology.accountId,
        recordName,
        checkNames,
        parameterName: forceUnhealthyParameterName(subsystem),
        lock: { region: homeRegion, name: rehearsalLockParameterName(subsystem, environment) },
        revertScheduleName: rehearsalRevertScheduleName(subsystem, environment),
        endpoint: endpoint?.secondaryRegion
            ? { name: endpoint.name, secondaryRegion: endpoint.secondaryRegion, movedBy: leversMovingEndpoint(endpoint.healthCheck, drained) }
            : undefined,
    };
}
