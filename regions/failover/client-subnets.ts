import { isIPv4 } from "net";
import { InputError } from "../../lib/input-error";
import { isAwsRegion, type AwsRegion } from "../aws-regions";

/**
 * One public IPv4 address per region, sent as the EDNS client subnet (/24) when the rehearsal
 * asks Route 53 "what would a client in region X be answered?": the first address of an EC2
 * prefix AWS publishes for that region in https://ip-ranges.amazonaws.com/ip-ranges.json. Every
 * row was checked against the file of createDate 2026-08-22-15-17-05 (syncToken 1787411825, as
 * kept in seligman/aws-ip-ranges); `prefix` is the EC2 prefix it lies in there. Addresses move
 * between services over time, so `--client-subnet REGION=IP` overrides a row.
 */
export const CLIENT_SUBNETS: Readonly<Record<AwsRegion, { address: string; prefix: string }>> = {
    "af-south-1": { address: "13.244.0.1", prefix: "13.244.0.0/15" },
    "ap-east-1": { address: "18.162.0.1", prefix: "18.162.0.0/16" },
    "ap-east-2": { address: "43.212.0.1", prefix: "43.212.0.0/15" },
    "ap-northeast-1": { address: "13.112.0.1", prefix: "13.112.0.0/14" },
    "ap-northeast-2": { address: "13.124.0.1", prefix: "13.124.0.0/16" },
    "ap-northeast-3": { address: "13.208.0.1", prefix: "13.208.0.0/16" },
    "ap-south-1": { address: "13.126.0.1", prefix: "13.126.0.0/15" },
    "ap-south-2": { address: "18.60.0.1", prefix: "18.60.0.0/15" },
    "ap-southeast-1": { address: "13.228.0.1", prefix: "13.228.0.0/15" },
    "ap-southeast-2": { address: "13.54.0.1", prefix: "13.54.0.0/15" },
    "ap-southeast-3": { address: "108.136.0.1", prefix: "108.136.0.0/15" },
    "ap-southeast-4": { address: "16.50.0.1", prefix: "16.50.0.0/15" },
    "ap-southeast-5": { address: "43.216.0.1", prefix: "43.216.0.0/15" },
    "ap-southeast-7": { address: "43.208.0.1", prefix: "43.208.0.0/15" },
    "ca-central-1": { address: "35.182.0.1", prefix: "35.182.0.0/15" },
    "ca-west-1": { address: "40.176.0.1", prefix: "40.176.0.0/15" },
    "eu-central-1": { address: "18.184.0.1", prefix: "18.184.0.0/15" },
    "eu-central-2": { address: "16.62.0.1", prefix: "16.62.0.0/15" },
    "eu-north-1": { address: "13.48.0.1", prefix: "13.48.0.0/15" },
    "eu-south-1": { address: "15.160.0.1", prefix: "15.160.0.0/16" },
    "eu-south-2": { address: "18.100.0.1", prefix: "18.100.0.0/15" },
    "eu-west-1": { address: "34.240.0.1", prefix: "34.240.0.0/13" },
    "eu-west-2": { address: "35.176.0.1", prefix: "35.176.0.0/15" },
    "eu-west-3": { address: "35.180.0.1", prefix: "35.180.0.0/16" },
    "il-central-1": { address: "51.16.0.1", prefix: "51.16.0.0/15" },
    "me-central-1": { address: "3.28.0.1", prefix: "3.28.0.0/15" },
    "me-south-1": { address: "15.184.0.1", prefix: "15.184.0.0/16" },
    "mx-central-1": { address: "78.12.0.1", prefix: "78.12.0.0/15" },
    "sa-east-1": { address: "18.228.0.1", prefix: "18.228.0.0/16" },
    "us-east-1": { address: "3.80.0.1", prefix: "3.80.0.0/12" },
    "us-east-2": { address: "18.216.0.1", prefix: "18.216.0.0/14" },
    "us-west-1": { address: "54.176.0.1", prefix: "54.176.0.0/15" },
    "us-west-2": { address: "34.208.0.1", prefix: "34.208.0.0/12" },
};

export interface ClientLocation {
    region: string;
    subnet: string;
}

/**
 * The client locations of a rehearsal: every catalog region, with the built-in subnet unless
 * `--client-subnet REGION=IP` overrides it. The table covers every region the catalog accepts.
 */
export function clientLocations(regions: readonly string[], overrides: readonly string[] = []): ClientLocation[] {
    const given = new Map<string, string>();
    const problems = overrides.flatMap((entry, index) => {
        const [region, ip] = entry.split("=");
        if (!region || !ip || !isIPv4(ip)) {
            return [
                {
                    file: "command line",
                    path: `--client-subnet[${index}]`,
                    message: `${JSON.stringify(entry)} is not REGION=IPv4 (for example eu-west-1=34.240.0.1)`,
                },
            ];
        }
        // A mistyped region would otherwise be dropped without a word and its clients never observed.
        if (!regions.includes(region)) {
            return [
                {
                    file: "command line",
                    path: `--client-subnet[${index}]`,
                    message: `"${region}" is not a region of the catalog (regions: ${regions.join(", ")})`,
                },
            ];
        }
        given.set(region, ip);
        return [];
    });
    if (problems.length > 0) throw new InputError(problems);
    return regions.map((region) => {
        const subnet = given.get(region) ?? (isAwsRegion(region) ? CLIENT_SUBNETS[region].address : undefined);
        if (!subnet) throw new Error(`no client address for ${region}: it is not an AWS region code`);
        return { region, subnet };
    });
}
