import { MeridianResourceRule, requireType } from "../../rule-kit";

const ENDPOINT_CHECK_TYPES = ["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP"];

interface TimingConfig {
    allowedRequestIntervals: number[];
    maxFailureThreshold: number;
    failoverTargetSeconds: number;
    dnsTtlSeconds: number;
}

/** Worst case from a region failing to clients resolving elsewhere: the checks must fail, then cached answers expire. */
export function detectionSeconds(requestInterval: number, failureThreshold: number, dnsTtlSeconds: number): number {
    return requestInterval * failureThreshold + dnsTtlSeconds;
}

export const healthCheckTiming: MeridianResourceRule = {
    name: "health-check-timing",
    description:
        "Endpoint health checks use allowed request intervals and failure thresholds, fast enough that interval × threshold + DNS TTL fits the failover target.",
    remediationSteps:
        "Use requestInterval 10 and failureThreshold 3 (the catalog defaults), or raise failoverTargetSeconds in the region catalog and the policy config together.",
    enforcementLevel: "mandatory",
    context: ["failoverTargetSeconds", "dnsTtlSeconds"],
    configSchema: {
        properties: {
            allowedRequestIntervals: { type: "array", items: { type: "integer" }, default: [10, 30] },
            maxFailureThreshold: { type: "integer", default: 10 },
            failoverTargetSeconds: { type: "integer", default: 180, description: "The region catalog's failoverTargetSeconds." },
            dnsTtlSeconds: { type: "integer", default: 60, description: "TTL of the latency records' answers." },
        },
    },
    validateResource: (args, report) => {
        requireType(args, ["aws:route53/healthCheck:HealthCheck"]);
        if (!ENDPOINT_CHECK_TYPES.includes(String(args.props.type))) args.notApplicable(`${String(args.props.type)} checks have no request interval`);
        const config = args.getConfig<TimingConfig>();
        // Route 53's own defaults when the properties are omitted.
        const interval = Number(args.props.requestInterval ?? 30);
        const threshold = Number(args.props.failureThreshold ?? 3);
        if (!config.allowedRequestIntervals.includes(interval))
            report(`requestInterval ${interval} is not one of ${config.allowedRequestIntervals.join(", ")}`);
        if (!Number.isInteger(threshold) || threshold < 1 || threshold > config.maxFailureThreshold)
            report(`failureThreshold ${threshold} is not an integer from 1 to ${config.maxFailureThreshold}`);
        const seconds = detectionSeconds(interval, threshold, config.dnsTtlSeconds);
        if (seconds > config.failoverTargetSeconds) {
            report(
                `detection takes up to ${seconds} s (${interval} s × ${threshold} + ${config.dnsTtlSeconds} s TTL), over the failover target of ${config.failoverTargetSeconds} s`,
            );
        }
    },
};
