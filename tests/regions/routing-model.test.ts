import { strict as assert } from "node:assert";
import { AWS_REGIONS } from "../../regions/aws-regions";
import { latencyMs, latencyProvenance, modelledLatencyMs } from "../../regions/latency-table";
import { MEASURED_REGIONS, MEASURED_RTT_MS } from "../../regions/measured-latency";
import { answerFor, rankByLatency } from "../../regions/routing-model";

describe("latency table", () => {
    it("knows every commercial region, each nearest to itself", () => {
        for (const a of AWS_REGIONS) {
            for (const b of AWS_REGIONS) {
                const ms = latencyMs(a, b);
                assert.ok(ms !== undefined, `${a} -> ${b}`);
                if (a !== b) assert.ok(ms > (latencyMs(a, a) as number) && ms < 450, `${a} -> ${b}: ${ms} ms`);
            }
        }
    });

    it("is a square table of measured regions, every one a real region code", () => {
        assert.equal(MEASURED_RTT_MS.length, MEASURED_REGIONS.length);
        for (const row of MEASURED_RTT_MS) assert.equal(row.length, MEASURED_REGIONS.length);
        for (const region of MEASURED_REGIONS) assert.ok((AWS_REGIONS as readonly string[]).includes(region), region);
    });

    it("uses the measurement where there is one and the great-circle model only for missing regions", () => {
        assert.equal(latencyProvenance("eu-west-1", "us-east-1"), "measured");
        assert.equal(latencyMs("eu-west-1", "us-east-1"), 70);
        // ap-east-2 (Taipei) opened after the snapshot.
        assert.equal(latencyProvenance("ap-east-2", "ap-northeast-1"), "modelled");
        assert.equal(latencyMs("ap-east-2", "ap-northeast-1"), modelledLatencyMs("ap-east-2", "ap-northeast-1"));
    });

    it("ranks southern cross-ocean routes as measured, where the great circle gets them wrong", () => {
        // Sydney to Cape Town is shorter on the globe than Sydney to Sao Paulo, but the packets go round via Asia and Europe.
        assert.ok((modelledLatencyMs("ap-southeast-2", "af-south-1") as number) < (modelledLatencyMs("ap-southeast-2", "sa-east-1") as number));
        assert.deepEqual(rankByLatency("ap-southeast-2", ["af-south-1", "sa-east-1"]), ["sa-east-1", "af-south-1"]);
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
