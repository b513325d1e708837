import { strict as assert } from "node:assert";
import { AWS_REGIONS } from "../../regions/aws-regions";
import { latencyMs } from "../../regions/latency-table";
import { answerFor, rankByLatency } from "../../regions/routing-model";

describe("latency table", () => {
    it("knows every commercial region, symmetric, zero within a region", () => {
        for (const a of AWS_REGIONS) {
            assert.equal(latencyMs(a, a), 0);
            for (const b of AWS_REGIONS) {
                const ms = latencyMs(a, b);
                assert.ok(ms !== undefined, `${a} -> ${b}`);
                assert.equal(ms, latencyMs(b, a));
                if (a !== b) assert.ok(ms > 0 && ms < 400, `${a} -> ${b}: ${ms} ms`);
            }
        }
    });

    it("ranks by geography: Virginia is nearer Ireland than Sydney, Sydney nearer Singapore than Virginia", () => {
        assert.ok((latencyMs("us-east-1", "eu-west-1") as number) < (latencyMs("us-east-1", "ap-southeast-2") as number));
        assert.ok((latencyMs("ap-southeast-2", "ap-southeast-1") as number) < (latencyMs("ap-southeast-2", "us-east-1") as number));
        assert.ok((latencyMs("eu-west-1", "eu-west-2") as number) < 20);
    });

    it("has no data for an unknown code", () => {
        assert.equal(latencyMs("us-east-1", "xx-nowhere-1"), undefined);
    });
});

describe("routing model", () => {
    const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];

    it("answers each client from its own region when it is a candidate and healthy", () => {
        for (const client of regions)
            assert.deepEqual(
                answerFor(client, regions, () => true),
                { region: client, allUnhealthy: false },
            );
    });

    it("skips unhealthy regions for the next-nearest healthy one", () => {
        const answer = answerFor("eu-west-1", regions, (r) => r !== "eu-west-1");
        assert.deepEqual(answer, { region: "us-east-1", allUnhealthy: false });
    });

    it("answers as if all were healthy when none is (Route 53's fallback)", () => {
        assert.deepEqual(
            answerFor("ap-southeast-2", regions, () => false),
            { region: "ap-southeast-2", allUnhealthy: true },
        );
    });

    it("ranks regions without latency data last, alphabetically", () => {
        const lookup = (from: string, to: string) => (to.startsWith("zz") ? undefined : latencyMs(from, to));
        assert.deepEqual(rankByLatency("us-east-1", ["zz-b", "eu-west-1", "zz-a", "us-east-1"], lookup), ["us-east-1", "eu-west-1", "zz-a", "zz-b"]);
    });

    it("has no answer without candidates", () => {
        assert.deepEqual(
            answerFor("us-east-1", [], () => true),
            { region: undefined, allUnhealthy: false },
        );
    });
});
