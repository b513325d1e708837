import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROUTE53_CHECKER_REGIONS } from "../../regions/aws-regions";
import { CHECKER_RANGES_FILE, ROUTE53_CHECKER_RANGES, readCheckerRanges } from "../../regions/health-checker-ranges";
import { REPO_ROOT } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";

/** A scratch tree holding a copy of the committed snapshot. */
function scratchTree(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-ranges-"));
    fs.mkdirSync(path.join(root, "regions"));
    fs.copyFileSync(path.join(REPO_ROOT, CHECKER_RANGES_FILE), path.join(root, CHECKER_RANGES_FILE));
    return root;
}

function ipRanges(extraV4: string[] = []): object {
    const v4 = [
        ...ROUTE53_CHECKER_RANGES.ipv4.map((r) => ({ ip_prefix: r.prefix, region: r.region })),
        ...extraV4.map((p) => ({ ip_prefix: p, region: "eu-west-1" })),
    ];
    return {
        syncToken: "1800000000",
        createDate: "2027-01-15-10-00-00",
        prefixes: [
            ...v4.map((p) => ({ ...p, service: "ROUTE53_HEALTHCHECKS", network_border_group: p.region })),
            { ip_prefix: "3.5.140.0/22", region: "ap-northeast-2", service: "AMAZON", network_border_group: "ap-northeast-2" },
            { ip_prefix: "52.80.197.0/25", region: "cn-north-1", service: "ROUTE53_HEALTHCHECKS", network_border_group: "cn-north-1" },
        ],
        ipv6_prefixes: ROUTE53_CHECKER_RANGES.ipv6.map((r) => ({ ipv6_prefix: r.prefix, region: r.region, service: "ROUTE53_HEALTHCHECKS" })),
    };
}

describe("Route 53 health-checker ranges", () => {
    it("are a dated snapshot of ROUTE53_HEALTHCHECKS covering every checker region and the global range", () => {
        assert.match(ROUTE53_CHECKER_RANGES.createDate, /^\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/);
        assert.match(ROUTE53_CHECKER_RANGES.source, /ip-ranges\.amazonaws\.com\/ip-ranges\.json/);
        const regions = new Set(ROUTE53_CHECKER_RANGES.ipv4.map((r) => r.region));
        for (const region of [...ROUTE53_CHECKER_REGIONS, "GLOBAL"]) assert.ok(regions.has(region), region);
        assert.ok(
            ROUTE53_CHECKER_RANGES.ipv4.every((r) => !r.region.startsWith("cn-") && !r.region.startsWith("us-gov-")),
            "commercial partition only",
        );
    });

    it("meridian catalog checker-ranges --from a file rewrites the snapshot and lists what changed", async () => {
        const root = scratchTree();
        const source = path.join(root, "ip-ranges.json");
        fs.writeFileSync(source, JSON.stringify(ipRanges(["198.51.100.0/26"])));
        const result = await runMeridianInProcess(["catalog", "checker-ranges", "--from", source, "--root", root]);
        assert.equal(result.status, 0, result.stderr);
        assert.equal(
            result.stdout,
            `wrote ${CHECKER_RANGES_FILE}: ip-ranges.json of 2027-01-15-10-00-00 (was ${ROUTE53_CHECKER_RANGES.createDate}), +1 -0 prefixes\n  + 198.51.100.0/26\n`,
        );
        const written = readCheckerRanges(root);
        assert.equal(written.createDate, "2027-01-15-10-00-00");
        assert.ok(written.ipv4.some((r) => r.prefix === "198.51.100.0/26"));
        assert.ok(!written.ipv4.some((r) => r.prefix === "52.80.197.0/25"), "China's checkers are left out");
        assert.ok(!written.ipv4.some((r) => r.prefix === "3.5.140.0/22"), "other services are left out");
    });

    it("--check reports a stale snapshot with exit 1 and writes nothing; an unchanged one is up to date", async () => {
        const root = scratchTree();
        const source = path.join(root, "ip-ranges.json");
        fs.writeFileSync(source, JSON.stringify(ipRanges(["198.51.100.0/26"])));
        const before = fs.readFileSync(path.join(root, CHECKER_RANGES_FILE), "utf8");
        const stale = await runMeridianInProcess(["catalog", "checker-ranges", "--from", source, "--root", root, "--check"]);
        assert.equal(stale.status, 1);
        assert.match(stale.stdout, /^stale /);
        assert.equal(fs.readFileSync(path.join(root, CHECKER_RANGES_FILE), "utf8"), before);
        fs.writeFileSync(source, JSON.stringify(ipRanges()));
        const same = await runMeridianInProcess(["catalog", "checker-ranges", "--from", source, "--root", root, "--check", "--format", "json"]);
        assert.equal(same.status, 0);
        assert.deepEqual(JSON.parse(same.stdout).added, []);
    });

    it("rejects a file that is not ip-ranges.json with exit 2, writing nothing", async () => {
        const root = scratchTree();
        const source = path.join(root, "ip-ranges.json");
        const before = fs.readFileSync(path.join(root, CHECKER_RANGES_FILE), "utf8");
        fs.writeFileSync(source, JSON.stringify({ prefixes: [] }));
        const result = await runMeridianInProcess(["catalog", "checker-ranges", "--from", source, "--root", root]);
        assert.equal(result.status, 2);
        assert.match(result.stderr, new RegExp(`^error: ${source.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: syncToken: `));
        fs.writeFileSync(source, "not json");
        assert.equal((await runMeridianInProcess(["catalog", "checker-ranges", "--from", source, "--root", root])).status, 2);
        assert.equal(fs.readFileSync(path.join(root, CHECKER_RANGES_FILE), "utf8"), before);
    });
});
