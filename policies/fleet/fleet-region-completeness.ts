import { parseBusArn } from "../rules/bus-replication";
import { FleetRule, latencyRecordRegion, resourcesOfType, stateOf, subsystemDeployments, tagsOf } from "./fleet-kit";

export const fleetRegionCompleteness: FleetRule = {
    name: "fleet-region-completeness",
    description:
        "Every region of a subsystem (per account) has its health checks (tagged meridian:check), its latency record for that region, and replication to every other region.",
    remediationSteps: "Instantiate the subsystem's regional component in that region's stack; do not hand-build or remove parts of it.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requiredChecks: {
                type: "array",
                items: { type: "string" },
                default: ["https", "metric", "calculated"],
                description: "Values of the meridian:check tag each region must have.",
            },
        },
    },
    validateFleet: (stacks, config, report) => {
        const requiredChecks = config.requiredChecks as string[];
        for (const deployment of subsystemDeployments(stacks)) {
            const regions = deployment.stacks.map((stack) => stack.facts?.region ?? "");
            for (const stack of deployment.stacks) {
                const region = stack.facts?.region ?? "";
                const checks = new Set(
                    resourcesOfType(stack, "aws:route53/healthCheck:HealthCheck").map((check) => String(tagsOf(check)["meridian:check"] ?? "")),
                );
                const missingChecks = requiredChecks.filter((kind) => !checks.has(kind));
                if (missingChecks.length) report(`${deployment.subsystem} in ${region} has no ${missingChecks.join(", ")} health check`, stack.name);
                if (!resourcesOfType(stack, "aws:route53/record:Record").some((record) => latencyRecordRegion(record) === region)) {
                    report(`${deployment.subsystem} in ${region} publishes no latency record for ${region}`, stack.name);
                }
                const reached = new Set(
                    resourcesOfType(stack, "aws:cloudwatch/eventTarget:EventTarget")
                        .map((target) => stateOf(target).arn)
                        .map((arn) => (typeof arn === "string" ? parseBusArn(arn)?.region : undefined)),
                );
                const unreplicated = regions.filter((peer) => peer !== region && !reached.has(peer));
                if (unreplicated.length) report(`${deployment.subsystem} in ${region} does not replicate events to ${unreplicated.join(", ")}`, stack.name);
            }
        }
    },
};
