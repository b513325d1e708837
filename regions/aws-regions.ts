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

/** Regions from which Route 53 health checkers can probe an endpoint (the API's HealthCheckRegion enum). */
export const ROUTE53_CHECKER_REGIONS = [
    "us-east-1",
    "us-west-1",
    "us-west-2",
    "eu-west-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "sa-east-1",
] as const;

export function isAwsRegion(code: string): code is AwsRegion {
    return (AWS_REGIONS as readonly string[]).includes(code);
}
