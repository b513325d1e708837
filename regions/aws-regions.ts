/**
 * Commercial AWS region codes. The catalog validator rejects anything else, so a typo such as
 * `eu-west-4` fails at plan time rather than at `pulumi up`.
 */
export const AWS_REGIONS = [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
] as const;

export type AwsRegion = (typeof AWS_REGIONS)[number];

/** Where a Route 53 health checker region sits; a check probed from one geography only fails with that geography's network. */
export type CheckerGeography = "North America" | "South America" | "Europe" | "Asia Pacific";

const CHECKER_REGIONS_SOURCE = "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html (Regions: valid values)";

/** Regions from which Route 53 health checkers can probe an endpoint (the API's HealthCheckRegion enum), with their geography. */
export const ROUTE53_CHECKER_REGION_TABLE = [
    { region: "us-east-1", geography: "North America", source: CHECKER_REGIONS_SOURCE },
    { region: "us-west-1", geography: "North America", source: CHECKER_REGIONS_SOURCE },
    { region: "us-west-2", geography: "North America", source: CHECKER_REGIONS_SOURCE },
    { region: "eu-west-1", geography: "Europe", source: CHECKER_REGIONS_SOURCE },
    { region: "ap-southeast-1", geography: "Asia Pacific", source: CHECKER_REGIONS_SOURCE },
    { region: "ap-southeast-2", geography: "Asia Pacific", source: CHECKER_REGIONS_SOURCE },
    { region: "ap-northeast-1", geography: "Asia Pacific", source: CHECKER_REGIONS_SOURCE },
    { region: "sa-east-1", geography: "South America", source: CHECKER_REGIONS_SOURCE },
] as const satisfies ReadonlyArray<{ region: AwsRegion; geography: CheckerGeography; source: string }>;

export type CheckerRegion = (typeof ROUTE53_CHECKER_REGION_TABLE)[number]["region"];

export const ROUTE53_CHECKER_REGIONS = ROUTE53_CHECKER_REGION_TABLE.map((row) => row.region) as [CheckerRegion, ...CheckerRegion[]];

/** The distinct geographies a list of checker regions covers. */
export function checkerGeographies(regions: readonly string[]): CheckerGeography[] {
    return [...new Set(ROUTE53_CHECKER_REGION_TABLE.filter((row) => regions.includes(row.region)).map((row) => row.geography))];
}

export const GLOBAL_ENDPOINTS_SOURCE =
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html#eb-ge-avail-regions " +
    "(awsdocs/amazon-eventbridge-user-guide doc_source/eb-global-endpoints.md; cross-checked with feature-availability.html)";

/**
 * Regions that offer EventBridge global endpoints. Every region in rotation hosts one (its
 * publishers' endpoint) and is some region's secondary, so a region outside this list cannot be in
 * rotation: CreateEndpoint would fail there at deploy time.
 */
export const GLOBAL_ENDPOINT_REGION_TABLE = (
    [
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
        "ca-central-1",
        "eu-central-1",
        "eu-west-1",
        "eu-west-2",
        "eu-south-1",
        "eu-west-3",
        "eu-north-1",
        "ap-south-1",
        "ap-northeast-3",
        "ap-northeast-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-northeast-1",
        "sa-east-1",
    ] as const satisfies readonly AwsRegion[]
).map((region) => ({ region, source: GLOBAL_ENDPOINTS_SOURCE }));

export function offersGlobalEndpoints(region: string): boolean {
    return GLOBAL_ENDPOINT_REGION_TABLE.some((row) => row.region === region);
}

export function isAwsRegion(code: string): code is AwsRegion {
    return (AWS_REGIONS as readonly string[]).includes(code);
}
