import { strict as assert } from "node:assert";
import { InputError } from "../../lib/input-error";
import { ApiCaller } from "../../regions/failover/api-calls";
import type { ParameterGateway } from "../../regions/failover/gateway";
import { acquireLock, readLock, releaseLock } from "../../regions/failover/lock";
import { INVERT_RECORD as STATE } from "./fixtures/rehearsal-records";
import { FakeClock } from "./fixtures/route53-world";

/** The lock in AWS that makes a rehearsal the only one of its subsystem environment. */

/** SSM parameters in memory, keyed by region and name. */
function parameters(initial: Record<string, string> = {}): ParameterGateway & { values: Map<string, string> } {
    const values = new Map(Object.entries(initial));
    const key = (region: string, name: string) => `${region} ${name}`;
    return {
        values,
        get: async (region, name) => values.get(key(region, name)),
        put: async (region, name, value) => void values.set(key(region, name), value),
        create: async (region, name, value) => (values.has(key(region, name)) ? false : (values.set(key(region, name), value), true)),
        delete: async (region, name) => values.delete(key(region, name)),
    };
}

const LOCK_KEY = "us-east-1 /orders/rehearsal/prod/lock";

describe("the rehearsal lock", () => {
    it("is taken with the run's record as its value, once", async () => {
        const store = parameters();
        const api = new ApiCaller(new FakeClock(), () => undefined, false);
        assert.deepEqual(await acquireLock(STATE, api, store), { acquired: true });
        assert.deepEqual(JSON.parse(store.values.get(LOCK_KEY) ?? ""), STATE);
        assert.deepEqual(await acquireLock({ ...STATE, runId: "run-2" }, api, store), { acquired: false, holder: STATE });
        assert.deepEqual(
            api.calls.map((c) => [c.api, c.params]),
            [
                ["ssm:PutParameter", { Name: STATE.lock.name, Overwrite: false, region: "us-east-1" }],
                ["ssm:PutParameter", { Name: STATE.lock.name, Overwrite: false, region: "us-east-1" }],
                ["ssm:GetParameter", { Name: STATE.lock.name, region: "us-east-1" }],
            ],
        );
    });

    it("names a lock value that is not a record as bad input, and reports a taken lock with an unreadable holder as taken", async () => {
        const store = parameters({ [LOCK_KEY]: "garbage" });
        const api = new ApiCaller(new FakeClock(), () => undefined, false);
        await assert.rejects(
            readLock(STATE.lock, api, store),
            (error: unknown) => error instanceof InputError && error.message.startsWith("lock /orders/rehearsal/prod/lock in us-east-1: is not JSON"),
        );
        assert.deepEqual(await acquireLock(STATE, api, store), { acquired: false, holder: undefined });
    });

    it("is freed only by the run that holds it", async () => {
        const api = new ApiCaller(new FakeClock(), () => undefined, false);
        assert.equal(await releaseLock(STATE, api, parameters()), "absent");
        const other = parameters({ [LOCK_KEY]: JSON.stringify({ ...STATE, runId: "run-2" }) });
        assert.equal(await releaseLock(STATE, api, other), "held-by-another");
        assert.ok(other.values.has(LOCK_KEY));
        const own = parameters({ [LOCK_KEY]: JSON.stringify(STATE) });
        assert.equal(await releaseLock(STATE, api, own), "released");
        assert.equal(own.values.has(LOCK_KEY), false);
        assert.deepEqual(api.calls.at(-1)?.params, { Name: STATE.lock.name, region: "us-east-1" });
        assert.equal(api.calls.at(-1)?.api, "ssm:DeleteParameter");
    });
});
