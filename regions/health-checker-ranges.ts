import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { InputError } from "../lib/input-error";
import snapshot from "./route53-health-checkers.json";

/**
 * The address ranges Route 53 health checkers probe from: the `ROUTE53_HEALTHCHECKS` entries of
 * AWS's published ip-ranges.json (https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html),
 * as a committed, dated snapshot. The health endpoints answer only these ranges; `meridian catalog
 * checker-ranges --from <file|url>` refreshes the snapshot.
 */

export const IP_RANGES_URL = "https://ip-ranges.amazonaws.com/ip-ranges.json";
export const CHECKER_RANGES_FILE = "regions/route53-health-checkers.json";
const SERVICE = "ROUTE53_HEALTHCHECKS";

export interface CheckerRange {
    prefix: string;
    /** The region the range serves, or GLOBAL. */
    region: string;
}

export interface CheckerRangesSnapshot {
    /** Where the snapshot was taken from. */
    source: string;
    service: typeof SERVICE;
    /** ip-ranges.json's own publication stamp, `YYYY-MM-DD-hh-mm-ss` (UTC). */
    createDate: string;
    syncToken: string;
    ipv4: CheckerRange[];
    ipv6: CheckerRange[];
}

/** Regions of the other partitions (China, GovCloud, ISO, European Sovereign Cloud): their checkers never probe a commercial endpoint. */
const OTHER_PARTITION_PREFIXES = ["cn-", "us-gov-", "us-iso", "eusc-"];

const ipRangesSchema = z.object({
    syncToken: z.string(),
    createDate: z.string().regex(/^\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/, { error: "must be ip-ranges.json's YYYY-MM-DD-hh-mm-ss stamp" }),
    prefixes: z.array(z.object({ ip_prefix: z.string(), region: z.string(), service: z.string() })),
    ipv6_prefixes: z.array(z.object({ ipv6_prefix: z.string(), region: z.string(), service: z.string() })),
});

function commercial(region: string): boolean {
    return !OTHER_PARTITION_PREFIXES.some((prefix) => region.startsWith(prefix));
}

function sorted(ranges: CheckerRange[]): CheckerRange[] {
    return [...ranges].sort((a, b) => a.region.localeCompare(b.region) || a.prefix.localeCompare(b.prefix));
}

/** The checker ranges of an ip-ranges.json document; `file` names it in errors (exit 2). */
export function checkerRangesFrom(document: unknown, file: string, source: string): CheckerRangesSnapshot {
    const parsed = ipRangesSchema.safeParse(document);
    if (!parsed.success) {
        throw new InputError(
            parsed.error.issues.map((issue) => ({ file, path: issue.path.join("."), message: `${issue.message} (expected AWS's ip-ranges.json)` })),
        );
    }
    const { prefixes, ipv6_prefixes: ipv6Prefixes, createDate, syncToken } = parsed.data;
    const ipv4 = prefixes.filter((p) => p.service === SERVICE && commercial(p.region)).map((p) => ({ prefix: p.ip_prefix, region: p.region }));
    const ipv6 = ipv6Prefixes.filter((p) => p.service === SERVICE && commercial(p.region)).map((p) => ({ prefix: p.ipv6_prefix, region: p.region }));
    if (ipv4.length === 0) throw InputError.single(file, "prefixes", `has no ${SERVICE} ranges; this is not the ip-ranges.json the health checks need`);
    return { source, service: SERVICE, createDate, syncToken, ipv4: sorted(ipv4), ipv6: sorted(ipv6) };
}

/** The committed snapshot. */
export const ROUTE53_CHECKER_RANGES: CheckerRangesSnapshot = snapshot as CheckerRangesSnapshot;

/** Every prefix of a snapshot, IPv4 first: what a resource policy's `aws:SourceIp` lists. */
export function checkerPrefixes(ranges: CheckerRangesSnapshot = ROUTE53_CHECKER_RANGES): string[] {
    return [...ranges.ipv4, ...ranges.ipv6].map((range) => range.prefix);
}

/** The snapshot committed under `root` (a catalog tree), as the refresh command reads and rewrites it. */
export function readCheckerRanges(root: string): CheckerRangesSnapshot {
    return JSON.parse(fs.readFileSync(path.join(root, CHECKER_RANGES_FILE), "utf8")) as CheckerRangesSnapshot;
}

export function writeCheckerRanges(root: string, ranges: CheckerRangesSnapshot): void {
    fs.writeFileSync(path.join(root, CHECKER_RANGES_FILE), `${JSON.stringify(ranges, null, 2)}\n`);
}

/** Prefixes a refresh adds and removes. */
export function checkerRangesChange(before: CheckerRangesSnapshot, after: CheckerRangesSnapshot): { added: string[]; removed: string[] } {
    const old = new Set(checkerPrefixes(before));
    const now = new Set(checkerPrefixes(after));
    return { added: [...now].filter((p) => !old.has(p)), removed: [...old].filter((p) => !now.has(p)) };
}
