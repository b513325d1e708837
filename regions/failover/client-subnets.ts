import { isIPv4 } from "net";
import { InputError } from "../../lib/input-error";

/**
 * One public IPv4 address per region, sent as the EDNS client subnet (/24) when the rehearsal
 * asks Route 53 "what would a client in region X be answered?". Each is the first address of an
 * EC2 prefix AWS publishes for that region in ip-ranges.json, written down from memory of that file:
 * check them against https://ip-ranges.amazonaws.com/ip-ranges.json before a game day. Regions
 * missing here (or wrong) are given with `--client-subnet REGION=IP`.
 */
export const CLIENT_SUBNETS: Readonly<Record<string, string>> = {
    "af-south-1": "13.244.0.1",
    "ap-east-1": "18.162.0.1",
    "ap-northeast-1": "13.112.0.1",
    "ap-northeast-2": "13.124.0.1",
    "ap-northeast-3": "13.208.0.1",
    "ap-south-1": "13.126.0.1",
    "ap-southeast-1": "13.228.0.1",
    "ap-southeast-2": "13.54.0.1",
    "ap-southeast-3": "108.136.0.1",
    "ca-central-1": "35.182.0.1",
    "eu-central-1": "18.184.0.1",
    "eu-north-1": "13.48.0.1",
    "eu-south-1": "15.160.0.1",
    "eu-west-1": "34.240.0.1",
    "eu-west-2": "35.176.0.1",
    "eu-west-3": "35.180.0.1",
    "me-south-1": "15.184.0.1",
    "sa-east-1": "18.228.0.1",
    "us-east-1": "3.80.0.1",
    "us-east-2": "18.216.0.1",
    "us-west-1": "54.176.0.1",
    "us-west-2": "34.208.0.1",
};

export interface ClientLocation {
    region: string;
    subnet: string;
}

/**
 * The client locations of a rehearsal: every catalog region, with the built-in subnet unless
 * `--client-subnet REGION=IP` overrides it. Regions with neither are returned in `missing`.
 */
export function clientLocations(regions: readonly string[], overrides: readonly string[] = []): { clients: ClientLocation[]; missing: string[] } {
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
    const clients: ClientLocation[] = [];
    const missing: string[] = [];
    for (const region of regions) {
        const subnet = given.get(region) ?? CLIENT_SUBNETS[region];
        if (subnet) clients.push({ region, subnet });
        else missing.push(region);
    }
    return { clients, missing };
}
