import { z } from "zod";
import { AWS_REGIONS, GLOBAL_ENDPOINTS_SOURCE, ROUTE53_CHECKER_REGIONS, checkerGeographies, offersGlobalEndpoints } from "./aws-regions";
import { DEFAULT_FAILOVER_TARGET_SECONDS } from "./detection";

/**
 * The region catalog (`regions/regions.yaml`): the regions in rotation, the home region, and the
 * health-check settings each region's Route 53 checks, CloudWatch alarms and tracer use.
 * Defaults are the noise-tolerant, safe ones: 10 s interval × 3 failures from checkers on three
 * continents, rate alarms that need 2 breaching minutes out of 3, a tracer verdict that needs 2
 * failed traces in a row, and a 60 s DNS TTL.
 */

const regionCode = z.enum(AWS_REGIONS, {
    error: (issue) => `${JSON.stringify(issue.input)} is not an AWS region code (for example us-east-1, eu-west-1)`,
});

/** A region in rotation hosts its publishers' EventBridge global endpoint and is another region's secondary. */
const rotationRegionCode = regionCode.refine(offersGlobalEndpoints, {
    error: (issue) =>
        `${JSON.stringify(issue.input)} does not offer EventBridge global endpoints, which every region in rotation needs (see ${GLOBAL_ENDPOINTS_SOURCE}; regions/aws-regions.ts lists the regions that do)`,
});

const checkerRegion = z.enum(ROUTE53_CHECKER_REGIONS, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a Route 53 health-checker region (allowed: ${ROUTE53_CHECKER_REGIONS.join(", ")})`,
});

/** Each setting once, without a default: a region's overrides must not fill unset fields with defaults. */
const healthCheckFields = {
    requestInterval: z
        .union([z.literal(10), z.literal(30)], { error: "must be 10 or 30 (seconds between Route 53 checks)" })
        .describe("Seconds between one checker's requests to the region's HTTPS endpoints (Route 53 offers 10 or 30)."),
    failureThreshold: z
        .number()
        .int()
        .min(1)
        .max(10, { error: "must be an integer from 1 to 10" })
        .describe("Consecutive failed requests before a checker counts the endpoint unhealthy."),
    checkerRegions: z
        .array(checkerRegion)
        .min(3, { error: "must list at least 3 Route 53 checker regions" })
        .refine((regions) => checkerGeographies(regions).length >= 2, {
            error: "must span at least 2 geographies (North America, South America, Europe, Asia Pacific): checkers on one continent fail together with its network",
        })
        .describe("The Route 53 health-checker regions that probe the region's endpoints: at least 3, over at least 2 geographies."),
    // Route 53 metric checks watch only standard-resolution alarms, whose periods are whole minutes.
    alarmPeriodSeconds: z
        .union([z.literal(60), z.literal(120), z.literal(180), z.literal(240), z.literal(300)], {
            error: "must be 60, 120, 180, 240 or 300: Route 53 watches only alarms with whole-minute periods",
        })
        .describe("Period of the CloudWatch alarms behind the metric checks."),
    alarmEvaluationPeriods: z
        .number()
        .int()
        .min(2)
        .max(10, { error: "must be an integer from 2 to 10: one period alone would let a single datapoint fail the region" })
        .describe("N: the periods each alarm looks at. Route 53 reads an alarm as N breaching periods in a row."),
    alarmDatapointsToAlarm: z
        .number()
        .int()
        .min(2)
        .max(10, { error: "must be an integer from 2 to 10 (and at most alarmEvaluationPeriods)" })
        .describe("M: breaching periods out of N that put the alarm itself in ALARM (and notify)."),
    errorRateThreshold: z
        .number()
        .gt(0)
        .max(1, { error: "must be a share greater than 0 and at most 1" })
        .describe("Share of GET /check answers in a period that are 5xx before the error alarm breaches."),
    traceTimeoutSeconds: z
        .number()
        .int()
        .min(5)
        .max(300, { error: "must be from 5 to 300 seconds" })
        .describe("A trace that has not come back through the bus within this time has failed."),
    traceFailuresToUnhealthy: z
        .number()
        .int()
        .min(1)
        .max(5, { error: "must be an integer from 1 to 5" })
        .describe("Consecutive failed traces before GET /check answers 503."),
};

export const HEALTH_CHECK_DEFAULTS = {
    requestInterval: 10,
    failureThreshold: 3,
    checkerRegions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
    alarmPeriodSeconds: 60,
    alarmEvaluationPeriods: 3,
    alarmDatapointsToAlarm: 2,
    errorRateThreshold: 0.25,
    traceTimeoutSeconds: 90,
    traceFailuresToUnhealthy: 2,
} as const;

export const DEFAULT_DNS_TTL_SECONDS = 60;
export { DEFAULT_FAILOVER_TARGET_SECONDS };

export const healthCheckSettingsSchema = z
    .object({
        requestInterval: healthCheckFields.requestInterval.default(HEALTH_CHECK_DEFAULTS.requestInterval),
        failureThreshold: healthCheckFields.failureThreshold.default(HEALTH_CHECK_DEFAULTS.failureThreshold),
        checkerRegions: healthCheckFields.checkerRegions.default([...HEALTH_CHECK_DEFAULTS.checkerRegions]),
        alarmPeriodSeconds: healthCheckFields.alarmPeriodSeconds.default(HEALTH_CHECK_DEFAULTS.alarmPeriodSeconds),
        alarmEvaluationPeriods: healthCheckFields.alarmEvaluationPeriods.default(HEALTH_CHECK_DEFAULTS.alarmEvaluationPeriods),
        alarmDatapointsToAlarm: healthCheckFields.alarmDatapointsToAlarm.default(HEALTH_CHECK_DEFAULTS.alarmDatapointsToAlarm),
        errorRateThreshold: healthCheckFields.errorRateThreshold.default(HEALTH_CHECK_DEFAULTS.errorRateThreshold),
        traceTimeoutSeconds: healthCheckFields.traceTimeoutSeconds.default(HEALTH_CHECK_DEFAULTS.traceTimeoutSeconds),
        traceFailuresToUnhealthy: healthCheckFields.traceFailuresToUnhealthy.default(HEALTH_CHECK_DEFAULTS.traceFailuresToUnhealthy),
    })
    .strict();

const healthCheckOverridesSchema = z.object(healthCheckFields).partial().strict();

const dnsTtl = z
    .number()
    .int()
    .min(0)
    .max(86400)
    .describe("TTL of the region's latency record: how long resolvers may keep sending clients to the region after it leaves DNS answers.");

export const regionEntrySchema = z
    .object({
        code: rotationRegionCode.describe("The region's code, e.g. eu-west-1; it must offer EventBridge global endpoints."),
        healthCheck: healthCheckOverridesSchema.optional().describe("This region's overrides of defaults.healthCheck; unset fields keep the defaults."),
        dnsTtl: dnsTtl.optional(),
    })
    .strict();

export const regionCatalogSchema = z
    .object({
        homeRegion: regionCode.describe("Where the organization and <account>.global stacks live."),
        failoverTargetSeconds: z
            .number()
            .int()
            .positive()
            .default(DEFAULT_FAILOVER_TARGET_SECONDS)
            .describe(
                "The longest acceptable time from a region failing to clients being answered elsewhere: the worst detection bound over failure classes plus the DNS TTL (see docs/design/health-check-service.md).",
            ),
        defaults: z
            .object({
                healthCheck: healthCheckSettingsSchema
                    .default(healthCheckSettingsSchema.parse({}))
                    .describe("Health-check settings every region uses unless it overrides them."),
                dnsTtl: dnsTtl.default(DEFAULT_DNS_TTL_SECONDS),
            })
            .strict()
            .default({ healthCheck: healthCheckSettingsSchema.parse({}), dnsTtl: DEFAULT_DNS_TTL_SECONDS })
            .describe("Settings every region in rotation uses unless it overrides them."),
        regions: z
            .array(regionEntrySchema)
            .min(2, { error: "must list at least 2 regions in rotation" })
            .describe("The regions in rotation: every subsystem runs in some of them, and each fails over to the others."),
    })
    .strict();

export type HealthCheckSettings = z.output<typeof healthCheckSettingsSchema>;
export type RegionCatalogInput = z.input<typeof regionCatalogSchema>;
export type RegionCatalogFile = z.output<typeof regionCatalogSchema>;

/** A region in rotation with its defaults applied. */
export interface RegionSettings {
    code: string;
    healthCheck: HealthCheckSettings;
    dnsTtl: number;
}

export interface RegionCatalog {
    homeRegion: string;
    failoverTargetSeconds: number;
    regions: RegionSettings[];
}

export function resolveRegions(file: RegionCatalogFile): RegionCatalog {
    return {
        homeRegion: file.homeRegion,
        failoverTargetSeconds: file.failoverTargetSeconds,
        regions: file.regions.map((entry) => ({
            code: entry.code,
            healthCheck: { ...file.defaults.healthCheck, ...stripUndefined(entry.healthCheck ?? {}) },
            dnsTtl: entry.dnsTtl ?? file.defaults.dnsTtl,
        })),
    };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
