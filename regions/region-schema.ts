import { z } from "zod";
import { AWS_REGIONS, ROUTE53_CHECKER_REGIONS } from "./aws-regions";

/**
 * The region catalog (`regions/regions.yaml`): the regions in rotation, the home region, and the
 * health-check settings each region's Route 53 checks and CloudWatch alarms use.
 * Defaults are the fast, safe ones: 10 s interval × 3 failures, three checker regions, 60 s TTL.
 */

const regionCode = z.enum(AWS_REGIONS, {
    error: (issue) => `${JSON.stringify(issue.input)} is not an AWS region code (for example us-east-1, eu-west-1)`,
});

const checkerRegion = z.enum(ROUTE53_CHECKER_REGIONS, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a Route 53 health-checker region (allowed: ${ROUTE53_CHECKER_REGIONS.join(", ")})`,
});

/** Each setting once, without a default: a region's overrides must not fill unset fields with defaults. */
const healthCheckFields = {
    requestInterval: z.union([z.literal(10), z.literal(30)], { error: "must be 10 or 30 (seconds between Route 53 checks)" }),
    failureThreshold: z.number().int().min(1).max(10, { error: "must be an integer from 1 to 10" }),
    checkerRegions: z.array(checkerRegion).min(3, { error: "must list at least 3 Route 53 checker regions" }),
    // Route 53 metric checks watch only standard-resolution alarms, whose periods are whole minutes.
    alarmPeriodSeconds: z.union([z.literal(60), z.literal(120), z.literal(180), z.literal(240), z.literal(300)], {
        error: "must be 60, 120, 180, 240 or 300: Route 53 watches only alarms with whole-minute periods",
    }),
    alarmEvaluationPeriods: z.number().int().min(1).max(5, { error: "must be an integer from 1 to 5" }),
    traceTimeoutSeconds: z
        .number()
        .int()
        .min(5)
        .max(300, { error: "must be from 5 to 300 seconds" })
        .describe("The tracer answers 503 when the previous trace has not completed within this time."),
};

export const HEALTH_CHECK_DEFAULTS = {
    requestInterval: 10,
    failureThreshold: 3,
    checkerRegions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
    alarmPeriodSeconds: 60,
    alarmEvaluationPeriods: 1,
    traceTimeoutSeconds: 90,
} as const;

export const healthCheckSettingsSchema = z
    .object({
        requestInterval: healthCheckFields.requestInterval.default(HEALTH_CHECK_DEFAULTS.requestInterval),
        failureThreshold: healthCheckFields.failureThreshold.default(HEALTH_CHECK_DEFAULTS.failureThreshold),
        checkerRegions: healthCheckFields.checkerRegions.default([...HEALTH_CHECK_DEFAULTS.checkerRegions]),
        alarmPeriodSeconds: healthCheckFields.alarmPeriodSeconds.default(HEALTH_CHECK_DEFAULTS.alarmPeriodSeconds),
        alarmEvaluationPeriods: healthCheckFields.alarmEvaluationPeriods.default(HEALTH_CHECK_DEFAULTS.alarmEvaluationPeriods),
        traceTimeoutSeconds: healthCheckFields.traceTimeoutSeconds.default(HEALTH_CHECK_DEFAULTS.traceTimeoutSeconds),
    })
    .strict();

const healthCheckOverridesSchema = z.object(healthCheckFields).partial().strict();

export const regionEntrySchema = z
    .object({
        code: regionCode,
        healthCheck: healthCheckOverridesSchema.optional(),
        dnsTtl: z.number().int().min(0).max(86400).optional(),
    })
    .strict();

export const regionCatalogSchema = z
    .object({
        homeRegion: regionCode.describe("Where the organization and <account>.global stacks live."),
        failoverTargetSeconds: z
            .number()
            .int()
            .positive()
            .default(180)
            .describe("The longest acceptable time from a region failing to clients being answered elsewhere."),
        defaults: z
            .object({
                healthCheck: healthCheckSettingsSchema.default(healthCheckSettingsSchema.parse({})),
                dnsTtl: z.number().int().min(0).max(86400).default(60),
            })
            .strict()
            .default({ healthCheck: healthCheckSettingsSchema.parse({}), dnsTtl: 60 }),
        regions: z.array(regionEntrySchema).min(2, { error: "must list at least 2 regions in rotation" }),
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
