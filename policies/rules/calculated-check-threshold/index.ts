import { MeridianResourceRule, requireType } from "../../rule-kit";

export const calculatedCheckThreshold: MeridianResourceRule = {
    name: "calculated-check-threshold",
    description: "A CALCULATED health check is healthy only when all of its children are: its threshold equals its number of children.",
    remediationSteps: "Set `childHealthThreshold` to the length of `childHealthchecks`.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: { properties: {} },
    validateResource: (args, report) => {
        requireType(args, ["aws:route53/healthCheck:HealthCheck"]);
        if (args.props.type !== "CALCULATED") args.notApplicable("not a calculated health check");
        const children = Array.isArray(args.props.childHealthchecks) ? args.props.childHealthchecks.length : 0;
        const threshold = args.props.childHealthThreshold;
        if (children === 0) report(`calculated health check ${args.name} has no children`);
        else if (threshold !== children)
            report(
                `calculated health check ${args.name} has childHealthThreshold ${String(threshold)} but ${children} children: a failing child would not fail the region`,
            );
    },
};
