import { isSet, MeridianResourceRule, requireType } from "../../rule-kit";

export const latencyRecordHealthCheck: MeridianResourceRule = {
    name: "latency-record-health-check",
    description: "A latency-routed Route 53 record carries a health check, its set identifier equals its region, and an alias evaluates target health.",
    remediationSteps:
        "Set `healthCheckId` to the region's calculated health check, `setIdentifier` to the region code and `aliases[0].evaluateTargetHealth` to true.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: { properties: {} },
    validateResource: (args, report) => {
        requireType(args, ["aws:route53/record:Record"]);
        const policies = args.props.latencyRoutingPolicies;
        if (!Array.isArray(policies) || policies.length === 0) args.notApplicable("the record is not latency-routed");
        const region = (policies[0] as Record<string, unknown>).region;
        if (!isSet(args.props, "healthCheckId"))
            report(`latency record ${args.name} (${String(region)}) has no health check: an unhealthy region would stay in DNS answers`);
        if (args.props.setIdentifier !== region)
            report(`latency record ${args.name} has setIdentifier ${JSON.stringify(args.props.setIdentifier)}, not its region ${JSON.stringify(region)}`);
        const aliases = args.props.aliases;
        if (Array.isArray(aliases) && aliases.some((alias) => (alias as Record<string, unknown>).evaluateTargetHealth !== true)) {
            report(`latency record ${args.name} has an alias that does not evaluate target health`);
        }
    },
};
