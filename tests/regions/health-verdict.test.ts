import { strict as assert } from "node:assert";
import { calculatedVerdict, CheckVerdict } from "../../regions/failover/health-verdict";
import { RegionHealth } from "../../regions/failover/region-health";

/** Route 53's verdict rebuilt from its checkers' probes: the 18% rule, the failure threshold, and when the verdict turned. */

const T0 = Date.parse("2026-11-26T20:00:00Z");
const at = (s: number) => T0 + s * 1000;
const probe = (checker: string, ok: boolean, s: number) => ({
    checker,
    status: ok ? "Success: HTTP Status Code 200" : "Failure: HTTP Status Code 503",
    checkedAt: at(s),
});

describe("Route 53 verdicts from checker probes", () => {
    it("a check is healthy only while more than 18% of its checkers say so: exactly 18% is unhealthy", () => {
        const firstLook = (healthy: number, of: number) =>
            new CheckVerdict({ id: "hc", type: "HTTPS" }).update(
                Array.from({ length: of }, (_, i) => probe(`c${i}`, i < healthy, 0)),
                at(0),
            ).healthy;
        assert.equal(firstLook(9, 50), false);
        assert.equal(firstLook(10, 50), true);
    });

    it("takes Route 53's default failure threshold of 3 when the check sets none", () => {
        const check = new CheckVerdict({ id: "hc", type: "HTTPS", requestIntervalSeconds: 10 });
        check.update([probe("a", true, 0)], at(0));
        check.update([probe("a", false, 10)], at(10));
        assert.equal(check.update([probe("a", false, 20)], at(20)).healthy, true);
        assert.deepEqual(check.update([probe("a", false, 30)], at(30)), { healthy: false, since: at(30) });
    });

    it("counts a probe once, however many polls see it", () => {
        const check = new CheckVerdict({ id: "hc", type: "HTTPS", failureThreshold: 2, requestIntervalSeconds: 10 });
        check.update([probe("a", true, 0)], at(0));
        for (let poll = 1; poll <= 4; poll++) assert.equal(check.update([probe("a", false, 10)], at(10 + poll)).healthy, true, `poll ${poll}`);
        // An older probe arriving late changes nothing either.
        assert.equal(check.update([probe("a", false, 5)], at(20)).healthy, true);
    });

    it("assumes the probes a slow poll missed only when they lie between two equal results, and only with a known interval", () => {
        const check = (interval?: number) => {
            const verdict = new CheckVerdict({ id: "hc", type: "HTTPS", failureThreshold: 3, requestIntervalSeconds: interval });
            verdict.update([probe("a", true, 0)], at(0));
            verdict.update([probe("a", false, 10)], at(10));
            return verdict;
        };
        assert.deepEqual(check(10).update([probe("a", false, 40)], at(40)), { healthy: false, since: at(30) });
        assert.equal(check(undefined).update([probe("a", false, 40)], at(40)).healthy, true, "no interval: no missed probes to count");
        // A success between two failures: the missed probes before it are not counted as failures.
        const broken = check(10);
        broken.update([probe("a", true, 20)], at(20));
        assert.equal(broken.update([probe("a", false, 50)], at(50)).healthy, true);
        // A failure after successes starts the count afresh.
        const fresh = new CheckVerdict({ id: "hc", type: "HTTPS", failureThreshold: 2, requestIntervalSeconds: 10 });
        fresh.update([probe("a", true, 0)], at(0));
        fresh.update([probe("a", true, 30)], at(30));
        assert.equal(fresh.update([probe("a", false, 40)], at(40)).healthy, true, "one failure after a run of successes is one");
    });

    it("forgets failures that a success interrupted", () => {
        const check = new CheckVerdict({ id: "hc", type: "HTTPS", failureThreshold: 2, requestIntervalSeconds: 10 });
        check.update([probe("a", true, 0)], at(0));
        check.update([probe("a", false, 10)], at(10));
        check.update([probe("a", true, 20)], at(20));
        assert.equal(check.update([probe("a", false, 30)], at(30)).healthy, true);
        assert.deepEqual(check.update([probe("a", false, 40)], at(40)), { healthy: false, since: at(40) });
    });

    it("dates a turn by the checker that tipped the 18% rule, and keeps that date while the verdict holds", () => {
        const checkers = Array.from({ length: 10 }, (_, i) => `c${i}`);
        const metric = new CheckVerdict({ id: "m", type: "CLOUDWATCH_METRIC" });
        metric.update(
            checkers.map((c) => probe(c, true, 0)),
            at(0),
        );
        // Nine of ten fail, one after another: the check turns with the ninth (10% healthy is not more than 18%).
        const failing = checkers.map((c, i) => probe(c, i === 9, i === 9 ? 5 : 10 * (i + 1)));
        assert.deepEqual(metric.update(failing, at(100)), { healthy: false, since: at(90) });
        assert.deepEqual(metric.update(failing, at(110)), { healthy: false, since: at(90) }, "an unchanged verdict keeps its date");
        // Two come back: with the one that never failed, 30% are healthy; two suffice, so the first return dates it.
        const recovering = checkers.map((c, i) => probe(c, i >= 9 || i < 2, i >= 9 ? 5 : i < 2 ? 110 + 10 * i : 10 * (i + 1)));
        assert.deepEqual(metric.update(recovering, at(200)), { healthy: true, since: at(110) });
    });

    it("a calculated check counts only the children it has a verdict for, all of them by default", () => {
        const healthy = { healthy: true };
        const failed = (since: number) => ({ healthy: false, since });
        assert.deepEqual(calculatedVerdict([healthy, undefined], undefined, false), { healthy: true, since: undefined });
        assert.deepEqual(calculatedVerdict([healthy, failed(30), undefined], undefined, false), { healthy: false, since: 30 });
        assert.deepEqual(calculatedVerdict([failed(20), failed(30)], 1, false), { healthy: false, since: 30 });
        assert.deepEqual(calculatedVerdict([{ healthy: true, since: 50 }, failed(30)], 1, true), { healthy: false, since: 50 });
    });

    it("a region's health follows its calculated check's children, and the check's inversion only for a peer", async () => {
        const calculated = { id: "calc", type: "CALCULATED", inverted: true, childIds: ["https", "unlisted"], healthThreshold: 2, tags: {} };
        const https = { id: "https", type: "HTTPS", inverted: false, childIds: [], failureThreshold: 1, tags: {} };
        const read = async (id: string) => [probe(`${id}-checker`, true, 0)];
        assert.equal((await new RegionHealth("eu-west-1", calculated, [https], true).update(read, at(0))).healthy, false, "a peer's inverted check");
        const drained = new RegionHealth("eu-west-1", calculated, [https], false);
        assert.equal((await drained.update(read, at(0))).healthy, true, "the drained region is watched through its children");
        assert.deepEqual(drained.verdict, { healthy: true, since: undefined });
        // A child the account does not list is judged as an endpoint check with Route 53's default threshold of 3.
        const health = new RegionHealth("eu-west-1", { ...calculated, inverted: false }, [https], true);
        await health.update(read, at(0));
        for (const s of [10, 20]) assert.equal((await health.update(async (id) => [probe(`${id}-checker`, id !== "unlisted", s)], at(s))).healthy, true);
        assert.equal((await health.update(async (id) => [probe(`${id}-checker`, id !== "unlisted", 30)], at(30))).healthy, false);
    });
});
