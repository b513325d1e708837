import { strict as assert } from "assert";
import { promises as dnsPromises } from "dns";
import * as dnsCommand from "../../cli/commands/dns";
import { checkDelegation } from "../../stacks/deploy/delegation";
import { REPO_ROOT } from "../helpers/example-catalog";
import { runCommand } from "../helpers/cli";

const ZONE_NS = ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"];

describe("parent zone delegation", () => {
    it("holds when the public NS answer is exactly the zone's name servers, whatever the case or trailing dot", async () => {
        const check = await checkDelegation("meridian.example.com", ZONE_NS, async () => ["NS-2.awsdns-02.co.uk.", "ns-1.awsdns-01.org."]);
        assert.equal(check.delegated, true);
        assert.deepEqual(check.found, ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"]);
        assert.equal(check.message, "meridian.example.com is delegated to its hosted zone (ns-1.awsdns-01.org, ns-2.awsdns-02.co.uk)");
    });

    it("fails with no NS records, naming what the registrar must list", async () => {
        const check = await checkDelegation("meridian.example.com", ZONE_NS, async () => []);
        assert.equal(check.delegated, false);
        assert.equal(
            check.message,
            "meridian.example.com is not delegated: the public DNS has no NS records for it. At its parent zone or registrar, set the name servers to ns-1.awsdns-01.org, ns-2.awsdns-02.co.uk",
        );
    });

    it("fails when the delegation points at another zone or only part of this one (a recreated zone)", async () => {
        const partial = await checkDelegation("meridian.example.com", ZONE_NS, async () => ["ns-1.awsdns-01.org", "ns-77.awsdns-13.net"]);
        assert.equal(partial.delegated, false);
        assert.match(partial.message, /missing ns-2\.awsdns-02\.co\.uk; not the zone's: ns-77\.awsdns-13\.net\./);
        assert.equal((await checkDelegation("meridian.example.com", [], async () => [])).delegated, false);
    });

    describe("meridian dns check-delegation", () => {
        const realResolveNs = dnsPromises.resolveNs;
        let answer: string[] = [];
        let asked: string[] = [];
        beforeEach(() => {
            asked = [];
            (dnsPromises as { resolveNs: (zone: string) => Promise<string[]> }).resolveNs = async (zone: string) => {
                asked.push(zone);
                return answer;
            };
        });
        afterEach(() => {
            dnsPromises.resolveNs = realResolveNs;
        });

        it("reads the JSON list `pulumi stack output --json` prints and exits 0 when delegated, 1 when not", async () => {
            answer = [...ZONE_NS];
            const ok = await runCommand(dnsCommand, ["dns", "check-delegation", "--root", REPO_ROOT, "--name-servers", JSON.stringify(ZONE_NS)]);
            assert.equal(ok.status, 0, ok.stderr);
            assert.deepEqual(asked, ["meridian.example.com"]);
            answer = ["ns-9.registrar.example"];
            const notDelegated = await runCommand(dnsCommand, [
                "dns",
                "check-delegation",
                "--root",
                REPO_ROOT,
                "--name-servers",
                ZONE_NS.join(","),
                "--format",
                "json",
            ]);
            assert.equal(notDelegated.status, 1);
            assert.equal(JSON.parse(notDelegated.stdout).delegated, false);
        });

        it("exits 2 on name servers it cannot read, and asks the DNS nothing", async () => {
            const bad = await runCommand(dnsCommand, ["dns", "check-delegation", "--root", REPO_ROOT, "--name-servers", "[1, 2]"]);
            assert.equal(bad.status, 2);
            assert.equal(
                bad.stderr,
                'error: --name-servers: "[1, 2]" is not a list of name servers (a JSON list of host names, or host names separated by commas)\n',
            );
            assert.deepEqual(asked, []);
        });
    });
});
