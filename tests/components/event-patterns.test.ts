import { strict as assert } from "node:assert";
import { matchesPattern } from "../../components/event-pattern-matcher";
import { type EventPattern, healthTracePattern, originStamp, replicationEventPattern } from "../../components/event-patterns";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];

function event(region: string, detail: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        version: "0",
        id: "e-1",
        "detail-type": "OrderPlaced",
        source: "orders",
        account: "555555555555",
        region,
        time: "2026-11-26T20:00:00Z",
        resources: [],
        detail,
        ...extra,
    };
}

describe("event pattern matcher", () => {
    const cases: Array<[string, EventPattern, unknown, boolean]> = [
        ["exact string", { source: ["orders"] }, { source: "orders" }, true],
        ["exact string, other value", { source: ["orders"] }, { source: "payments" }, false],
        ["exact number is not its string", { detail: { n: [5] } }, { detail: { n: "5" } }, false],
        ["any of several values", { source: ["a", "orders"] }, { source: "orders" }, true],
        ["event array intersects", { resources: ["r2"] }, { resources: ["r1", "r2"] }, true],
        ["event array disjoint", { resources: ["r3"] }, { resources: ["r1", "r2"] }, false],
        ["prefix", { source: [{ prefix: "ord" }] }, { source: "orders" }, true],
        ["prefix on a number", { detail: { n: [{ prefix: "5" }] } }, { detail: { n: 5 } }, false],
        ["anything-but value", { source: [{ "anything-but": "orders" }] }, { source: "payments" }, true],
        ["anything-but the value itself", { source: [{ "anything-but": "orders" }] }, { source: "orders" }, false],
        ["anything-but list", { source: [{ "anything-but": ["a", "b"] }] }, { source: "b" }, false],
        ["anything-but prefix", { source: [{ "anything-but": { prefix: "aws." } }] }, { source: "aws.events" }, false],
        ["anything-but needs the field", { source: [{ "anything-but": "x" }] }, {}, false],
        ["exists true, present", { detail: { id: [{ exists: true }] } }, { detail: { id: "1" } }, true],
        ["exists true, absent", { detail: { id: [{ exists: true }] } }, { detail: {} }, false],
        ["exists false, absent", { "replication-name": [{ exists: false }] }, { source: "x" }, true],
        ["exists false, present", { "replication-name": [{ exists: false }] }, { "replication-name": "r" }, false],
        ["exists false under a missing parent", { detail: { id: [{ exists: false }] } }, { source: "x" }, true],
        ["nested field under a missing parent", { detail: { id: ["1"] } }, { source: "x" }, false],
        ["all fields must match", { source: ["orders"], region: ["eu-west-1"] }, { source: "orders", region: "us-east-1" }, false],
    ];
    for (const [name, pattern, candidate, expected] of cases) {
        it(`${name} → ${expected ? "match" : "no match"}`, () => {
            assert.equal(matchesPattern(pattern, candidate), expected);
        });
    }
});

describe("replication event pattern (loop prevention)", () => {
    for (const region of REGIONS) {
        const pattern = replicationEventPattern(region);

        it(`${region}: forwards an event published in ${region}`, () => {
            assert.equal(matchesPattern(pattern, event(region, { ...originStamp(region), orderId: "o-1" })), true);
        });

        it(`${region}: never forwards an event replicated into ${region} from a peer`, () => {
            for (const peer of REGIONS.filter((r) => r !== region)) {
                // Cross-region delivery keeps the event, and its origin stamp, as published.
                const replicated = event(peer, { ...originStamp(peer), orderId: "o-1" });
                assert.equal(matchesPattern(pattern, replicated), false, `from ${peer}`);
            }
        });

        it(`${region}: never forwards an event a global endpoint replicated`, () => {
            const endpointCopy = event(region, { ...originStamp(region) }, { "replication-name": "orders-endpoint" });
            assert.equal(matchesPattern(pattern, endpointCopy), false);
        });

        it(`${region}: does not forward an unstamped event`, () => {
            assert.equal(matchesPattern(pattern, event(region, { orderId: "o-1" })), false);
        });
    }

    it("lets an event cross exactly one hop however the regions are wired", () => {
        // Simulate full-mesh replication: each region forwards what its rule matches to every peer.
        const published = event("us-east-1", { ...originStamp("us-east-1") });
        const deliveries: string[] = [];
        let frontier: Array<{ at: string; event: Record<string, unknown> }> = [{ at: "us-east-1", event: published }];
        for (let hop = 0; hop < 5 && frontier.length > 0; hop += 1) {
            frontier = frontier.flatMap(({ at, event: e }) =>
                matchesPattern(replicationEventPattern(at), e) ? REGIONS.filter((r) => r !== at).map((to) => ({ at: to, event: e })) : [],
            );
            deliveries.push(...frontier.map((f) => f.at));
        }
        assert.deepEqual(deliveries.sort(), ["ap-southeast-2", "eu-west-1"]);
    });
});

describe("health trace pattern", () => {
    it("delivers this region's trace events back, and no other region's", () => {
        const trace = { source: "meridian.health", "detail-type": "HealthTrace", detail: { ...originStamp("eu-west-1"), traceId: "t" } };
        assert.equal(matchesPattern(healthTracePattern("eu-west-1"), trace), true);
        assert.equal(matchesPattern(healthTracePattern("us-east-1"), trace), false);
        assert.equal(matchesPattern(healthTracePattern("eu-west-1"), { ...trace, source: "orders" }), false);
        assert.equal(matchesPattern(healthTracePattern("eu-west-1"), { ...trace, "replay-name": "orders-replay" }), false, "a replay from the archive");
    });
});
