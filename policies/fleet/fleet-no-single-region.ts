import { FleetRule, latencyRecordRegion, resourcesOfType, stateOf, subsystemDeployments } from "./fleet-kit";

export const fleetNoSingleRegion: FleetRule = {
    name: "fleet-no-single-point-of-failure",
    description:
        "No region is a single point of failure: each subsystem runs in at least two regions, all its latency records answer for one name, and no regional stack depends on another region's stack.",
    remediationSteps:
        "Add a second region to the subsystem in the catalog, publish every region's record under the same name, and pass cross-region values by deterministic name, not by stack dependency.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minRegions: { type: "integer", default: 2 } } },
    validateFleet: (stacks, config, report) => {
        const minRegions = config.minRegions as number;
        for (const deployment of subsystemDeployments(stacks)) {
            const label = `${deployment.subsystem} in account ${deployment.account}`;
            const names = deployment.stacks.map((stack) => stack.name);
            if (deployment.stacks.length < minRegions)
                report(`${label} runs in ${deployment.stacks.length} region(s); at least ${minRegions} are needed to fail over`, names[0]);
            const recordNames = new Set<string>();
            for (const stack of deployment.stacks) {
                for (const record of resourcesOfType(stack, "aws:route53/record:Record").filter((r) => latencyRecordRegion(r) !== undefined)) {
                    recordNames.add(String(stateOf(record).name));
                }
                const crossRegion = (stack.facts?.dependsOn ?? []).filter((dependency) => names.includes(dependency) && dependency !== stack.name);
                if (crossRegion.length) report(`${stack.name} depends on ${crossRegion.join(", ")}: losing that region would block this one`, stack.name);
            }
            if (recordNames.size > 1)
                report(
                    `${label} publishes latency records under different names (${[...recordNames].join(", ")}): clients of each name have only one region`,
                    names[0],
                );
        }
    },
};
