import type { StackValidationArgs } from "@pulumi/policy";
import { DEFAULT_FAILOVER_TARGET_SECONDS, detectionBound } from "../../../regions/detection";
import { detectionInputs } from "../../../regions/detection-inputs";
import { readIfKnown } from "../../iam/unknown-values";
import { MeridianStackRule } from "../../rule-kit";

const RECORD = "aws:route53/record:Record";

export const healthCheckTiming: MeridianStackRule = {
    name: "health-check-timing",
    description:
        "For every failure class (endpoint down, errors, a stalled bus or consumer), a region leaves DNS answers and resolvers let go of it within the failover target, by the detection model of regions/detection.ts.",
    remediationSteps:
        "Shorten the slow class's signal in regions/regions.yaml (traceTimeoutSeconds, alarmEvaluationPeriods, alarmPeriodSeconds, requestInterval × failureThreshold, dnsTtl), or raise failoverTargetSeconds there if the SLO allows it. Give the latency record its own TTL: an alias carries its target's.",
    enforcementLevel: "mandatory",
    context: ["failoverTargetSeconds"],
    configSchema: {
        properties: {
            failoverTargetSeconds: {
                type: "integer",
                default: DEFAULT_FAILOVER_TARGET_SECONDS,
                description: "The region catalog's failoverTargetSeconds (stack context).",
            },
        },
    },
    validateStack: (args: StackValidationArgs, report) => {
        const records = args.resources.filter((r) => r.type === RECORD && Array.isArray(readIfKnown(() => r.props.latencyRoutingPolicies)));
        if (records.length === 0) args.notApplicable("the stack publishes no latency-routed record");
        const { failoverTargetSeconds: target } = args.getConfig<{ failoverTargetSeconds: number }>();
        const policy = (records[0].props.latencyRoutingPolicies as Array<Record<string, unknown>>)[0];
        const region = typeof policy?.region === "string" ? policy.region : records[0].name;
        const inputs = detectionInputs(
            region,
            args.resources.map((r) => ({ type: r.type, name: r.name, value: (key: string) => readIfKnown(() => r.props[key]) })),
        );
        const bound = detectionBound(inputs, target);
        if (inputs.ttlSeconds === undefined) {
            report(
                `latency record ${records[0].name} (${region}) is an alias: its answers carry the target's TTL, which nothing here sets, so how long resolvers keep sending clients to ${region} is unbounded`,
                records[0].urn,
            );
        }
        for (const failure of bound.classes.filter((c) => c.worst > target)) {
            report(
                `${failure.failureClass}: clients can be sent to ${region} for up to ${failure.worst} s after it fails (${failure.formula}), over the failover target of ${target} s`,
                records[0].urn,
            );
        }
    },
};
