import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { ApiCaller } from "../../regions/failover/api-calls";
import { clientLocations } from "../../regions/failover/client-subnets";
import { isHealthy } from "../../regions/failover/gateway";
import { loadFailoverInput } from "../../cli/failover-input";
import { regionOfAnswer } from "../../regions/failover/rehearse";
import { FakeClock } from "./fixtures/route53-world";
import { fixturePlan } from "./fixtures/plan-fixture";

describe("rehearsal building blocks", () => {
    it("counts a check healthy when more than 18% of Route 53 checkers report success", () => {
        const reports = (ok: number, failed: number) => [
            ...Array.from({ length: ok }, () => ({ status: "Success: HTTP Status Code 200" })),
            ...Array.from({ length: failed }, () => ({ status: "Failure: HTTP Status Code 503" })),
        ];
        assert.equal(isHealthy(reports(2, 8)), true);
        assert.equal(isHealthy(reports(1, 7)), false);
        assert.equal(isHealthy([]), false);
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

    it("retries only throttling, and gives up after 8 attempts", async () => {
        const clock = new FakeClock();
        const lines: string[] = [];
        const api = new ApiCaller(clock, (line) => lines.push(line), false);
        let attempts = 0;
        await assert.rejects(
            api.read("route53:GetHealthCheckStatus", {}, async () => {
                attempts++;
                throw Object.assign(new Error("denied"), { name: "AccessDenied" });
            }),
            /denied/,
        );
        assert.equal(attempts, 1);
        attempts = 0;
        const started = clock.now();
        await assert.rejects(
            api.read("route53:GetHealthCheckStatus", {}, async () => {
                attempts++;
                throw Object.assign(new Error("slow down"), { name: "PriorRequestNotComplete" });
            }),
            /slow down/,
        );
        assert.equal(attempts, 8);
        // 0.5 + 1 + 2 + 4 + 8 + 16 + 20 (capped) seconds of backoff.
        assert.equal(clock.now() - started, 51_500);
    });

    it("takes client subnets from the table or --client-subnet, and rejects a malformed one or an unknown region", () => {
        const { clients, missing } = clientLocations(["eu-west-1", "mx-central-1", "ap-east-2"], ["mx-central-1=198.51.100.7"]);
        assert.deepEqual(clients, [
            { region: "eu-west-1", subnet: "34.240.0.1" },
            { region: "mx-central-1", subnet: "198.51.100.7" },
        ]);
        assert.deepEqual(missing, ["ap-east-2"]);
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
