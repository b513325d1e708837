import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { ApiCaller } from "../../regions/failover/api-calls";
import { CLIENT_SUBNETS, clientLocations } from "../../regions/failover/client-subnets";
import { AWS_REGIONS } from "../../regions/aws-regions";
import { BlockList } from "node:net";
import { calculatedVerdict, CheckVerdict } from "../../regions/failover/health-verdict";
import { revertRegion } from "../../regions/failover/levers";
import { resilientWriter } from "../../regions/failover/operator-signals";
import { atExpression } from "../../regions/failover/scheduler-gateway";
import { loadFailoverInput } from "../../cli/failover-input";
import { regionOfAnswer } from "../../regions/failover/preflight";
import { EventEmitter } from "node:events";
import { FakeClock } from "./fixtures/route53-world";
import { fixtureCatalog, fixturePlan } from "./fixtures/plan-fixture";
import { parseScenarios } from "../../regions/failover/scenarios";

describe("rehearsal building blocks", () => {
    it("counts a check healthy when more than 18% of its checkers say so", () => {
        const verdict = (ok: number, failed: number) =>
            new CheckVerdict({ id: "hc", type: "HTTPS" }).update(
                [
                    ...Array.from({ length: ok }, (_, i) => ({ checker: `ok-${i}`, status: "Success: HTTP Status Code 200" })),
                    ...Array.from({ length: failed }, (_, i) => ({ checker: `failed-${i}`, status: "Failure: HTTP Status Code 503" })),
                ],
                0,
            ).healthy;
        assert.equal(verdict(2, 8), true);
        assert.equal(verdict(1, 7), false);
        assert.equal(verdict(0, 0), false);
    });

    it("ties a DNS answer to the one region all its values belong to, else unknown", () => {
        const values = new Map([
            ["eu-west-1", new Set(["192.0.2.10", "d-eu.execute-api.eu-west-1.amazonaws.com"])],
            ["us-east-1", new Set(["192.0.2.20"])],
        ]);
        assert.equal(regionOfAnswer(["192.0.2.10"], values), "eu-west-1");
        assert.equal(regionOfAnswer(["D-EU.execute-api.eu-west-1.amazonaws.com."], values), "eu-west-1");
        assert.equal(regionOfAnswer(["192.0.2.10", "192.0.2.20"], values), "unknown");
        assert.equal(regionOfAnswer(["203.0.113.1"], values), "unknown");
        assert.equal(regionOfAnswer([], values), "unknown");
    });

    it("hands each call an abort signal that fires on the run's signal, so the SDK's own retry backoff ends with it", async () => {
        const controller = new AbortController();
        const api = new ApiCaller(new FakeClock(), () => undefined, false, {
            checkpoint: () => undefined,
            signal: controller.signal,
            remainingMs: () => 60_000,
        });
        let seen: AbortSignal | undefined;
        await api.read("route53:GetHealthCheckStatus", {}, async (signal) => {
            seen = signal;
        });
        assert.ok(seen);
        assert.equal(seen.aborted, false);
        controller.abort("SIGINT");
        assert.equal(seen.aborted, true);
    });

    it("times a checker's verdict at its failureThreshold-th failed probe, and counts probes a slow poll missed", () => {
        const at = (s: number) => Date.parse("2026-11-26T20:00:00Z") + s * 1000;
        const report = (checker: string, ok: boolean, s: number) => ({ checker, status: ok ? "Success: 200" : "Failure: 503", checkedAt: at(s) });
        const check = new CheckVerdict({ id: "hc", type: "HTTPS", failureThreshold: 3, requestIntervalSeconds: 10 });
        assert.deepEqual(check.update([report("a", true, 0)], at(0)), { healthy: true });
        check.update([report("a", false, 10)], at(10));
        assert.equal(check.update([report("a", false, 20)], at(20)).healthy, true, "two failures are not three");
        // The poll missed the probe at 30 s; a failure on either side of it counts it as failed too.
        assert.deepEqual(check.update([report("a", false, 40)], at(40)), { healthy: false, since: at(30) });
        // Recovery needs as many successes.
        check.update([report("a", true, 50)], at(50));
        assert.deepEqual(check.update([report("a", true, 70)], at(70)), { healthy: true, since: at(70) });
        const metric = new CheckVerdict({ id: "m", type: "CLOUDWATCH_METRIC" });
        metric.update([report("a", true, 0)], at(0));
        assert.deepEqual(metric.update([report("a", false, 5)], at(5)), { healthy: false, since: at(5) });
    });

    it("judges a calculated check by HealthThreshold healthy children, then inversion", () => {
        const healthy = { healthy: true };
        const failed = (since: number) => ({ healthy: false, since });
        assert.deepEqual(calculatedVerdict([healthy, failed(30)], 2, false), { healthy: false, since: 30 });
        assert.deepEqual(calculatedVerdict([healthy, failed(30)], 1, false), { healthy: true, since: undefined });
        assert.deepEqual(calculatedVerdict([failed(40), failed(30), healthy], 2, false), { healthy: false, since: 40 });
        assert.equal(calculatedVerdict([healthy, healthy], 2, true).healthy, false);
    });

    it("runs the switch lever's revert where its parameter is, the invert lever's in the nearest healthy peer", () => {
        assert.equal(revertRegion("switch", "eu-west-1", ["us-east-1"]), "eu-west-1");
        assert.equal(revertRegion("invert", "eu-west-1", ["us-east-1", "ap-southeast-2"]), "us-east-1");
    });

    it("writes a one-time schedule's time as at(yyyy-mm-ddThh:mm:ss), rounded up to the second", () => {
        assert.equal(atExpression(Date.parse("2026-11-26T20:15:00.000Z")), "at(2026-11-26T20:15:00)");
        assert.equal(atExpression(Date.parse("2026-11-26T20:15:00.001Z")), "at(2026-11-26T20:15:01)");
    });

    it("keeps logging harmless after the terminal hangs up", () => {
        const written: string[] = [];
        const stream = Object.assign(new EventEmitter(), {
            write: (line: string) => {
                if (written.length > 0) throw Object.assign(new Error("write EIO"), { code: "EIO" });
                written.push(line);
                return true;
            },
        }) as unknown as NodeJS.WritableStream;
        const log = resilientWriter(stream);
        log("first");
        assert.doesNotThrow(() => log("after hangup"));
        stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
        assert.doesNotThrow(() => log("later"));
        assert.deepEqual(written, ["first\n"]);
    });

    it("takes client subnets from the table or --client-subnet, and rejects a malformed one or an unknown region", () => {
        assert.deepEqual(clientLocations(["eu-west-1", "mx-central-1", "ap-east-2"], ["mx-central-1=198.51.100.7"]), [
            { region: "eu-west-1", subnet: "34.240.0.1" },
            { region: "mx-central-1", subnet: "198.51.100.7" },
            { region: "ap-east-2", subnet: "43.212.0.1" },
        ]);
        assert.throws(
            () => clientLocations(["eu-west-1"], ["eu-west-1=999.1.1.1"]),
            (error: unknown) =>
                error instanceof InputError &&
                error.message === 'command line: --client-subnet[0]: "eu-west-1=999.1.1.1" is not REGION=IPv4 (for example eu-west-1=34.240.0.1)',
        );
        assert.throws(
            () => clientLocations(["eu-west-1", "us-east-1"], ["eu-wset-1=198.51.100.7"]),
            (error: unknown) =>
                error instanceof InputError &&
                error.message === 'command line: --client-subnet[0]: "eu-wset-1" is not a region of the catalog (regions: eu-west-1, us-east-1)',
        );
        for (const entry of ["=198.51.100.7", "eu-west-1", "eu-west-1="]) {
            assert.throws(
                () => clientLocations(["eu-west-1"], [entry]),
                (error: unknown) =>
                    error instanceof InputError && error.message.endsWith(`${JSON.stringify(entry)} is not REGION=IPv4 (for example eu-west-1=34.240.0.1)`),
                entry,
            );
        }
        // A catalog region that is no AWS region code has no address in the table: it needs --client-subnet.
        assert.throws(() => clientLocations(["moon-base-1"]), /^Error: no client address for moon-base-1: it is not an AWS region code$/);
        assert.deepEqual(clientLocations(["moon-base-1"], ["moon-base-1=198.51.100.9"]), [{ region: "moon-base-1", subnet: "198.51.100.9" }]);
    });

    it("reads each --down value as one scenario of regions taken down together", () => {
        const catalog = fixtureCatalog(["us-east-1", "eu-west-1", "ap-southeast-2"]);
        assert.equal(parseScenarios(undefined, catalog), undefined);
        assert.equal(parseScenarios([], catalog), undefined);
        assert.deepEqual(parseScenarios(["us-east-1, eu-west-1", "ap-southeast-2,ap-southeast-2"], catalog), [["us-east-1", "eu-west-1"], ["ap-southeast-2"]]);
        assert.throws(
            () => parseScenarios(["us-east-1", "eu-west-1,mars-1"], catalog),
            (error: unknown) =>
                error instanceof InputError &&
                error.message ===
                    'command line: --down[1]: "mars-1" is not a region in rotation (regions/regions.yaml lists us-east-1, eu-west-1, ap-southeast-2)',
        );
    });

    it("has a client address for every region, inside the EC2 prefix the table cites for it", () => {
        for (const region of AWS_REGIONS) {
            const { address, prefix } = CLIENT_SUBNETS[region];
            const [network, bits] = prefix.split("/");
            const block = new BlockList();
            block.addSubnet(network, Number(bits), "ipv4");
            assert.ok(block.check(address, "ipv4"), `${region}: ${address} is not in ${prefix}`);
        }
    });

    it("refuses a plan whose root is not here unless --root says where the catalog is", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-plan-input-"));
        try {
            const file = path.join(dir, "plan.json");
            fs.writeFileSync(file, JSON.stringify({ ...fixturePlan([]), root: "/elsewhere/meridian" }));
            await assert.rejects(
                loadFailoverInput({ plan: file }),
                (error: unknown) =>
                    error instanceof InputError &&
                    error.message === `${file}: root: "/elsewhere/meridian" does not exist here; pass --root DIR, the tree holding regions/regions.yaml`,
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
