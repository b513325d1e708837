import { strict as assert } from "node:assert";
import { InputError } from "../../lib/input-error";
import { extractTopology, type HealthCheckInfo, type SubsystemTopology } from "../../regions/topology";
import { rehearsalTarget } from "../../regions/failover/rehearsal-target";
import { fixturePlan } from "./fixtures/plan-fixture";

/** What the plan says a rehearsal will touch, and which levers also move the drained region's global endpoint. */

const REGIONS = ["us-east-1", "eu-west-1"];

function orders(): SubsystemTopology {
    const [topology] = extractTopology(fixturePlan([{ name: "orders", environment: "prod", regions: REGIONS }]));
    return topology;
}

function region(topology: SubsystemTopology, name: string) {
    const found = topology.regions.find((r) => r.region === name);
    assert.ok(found, name);
    return found;
}

function flagError(run: () => unknown): string {
    try {
        run();
    } catch (error) {
        assert.ok(error instanceof InputError, String(error));
        return error.message;
    }
    assert.fail("accepted");
}

describe("rehearsal target (what the plan says a rehearsal touches)", () => {
    it("names the record, each region's check, the switch, the lock in the home region, the revert and the account", () => {
        const target = rehearsalTarget([orders()], "orders", "prod", "eu-west-1", "us-west-2");
        assert.equal(target.recordName, "api.prod.orders.meridian.example.com");
        assert.deepEqual(target.checkNames, { "eu-west-1": "orders-prod-eu-west-1", "us-east-1": "orders-prod-us-east-1" });
        assert.deepEqual(target.lock, { region: "us-west-2", name: "/orders/rehearsal/prod/lock" });
        assert.equal(target.parameterName, "/orders/health/force-unhealthy");
        assert.equal(target.revertScheduleName, "orders-prod-rehearsal-revert");
        assert.equal(target.accountId, "111122223333");
        assert.deepEqual([...target.regions].sort(), [...REGIONS].sort());
        // eu-west-1 is no endpoint's primary: draining it does not move the bus.
        assert.equal(target.endpoint, undefined);
    });

    it("leaves out the check name of a region without a calculated check", () => {
        const topology = orders();
        region(topology, "us-east-1").calculated = undefined;
        assert.deepEqual(rehearsalTarget([topology], "orders", "prod", "eu-west-1", "us-east-1").checkNames, { "eu-west-1": "orders-prod-eu-west-1" });
    });

    describe("which levers move the drained region's global endpoint", () => {
        function movedBy(edit: (topology: SubsystemTopology, check: HealthCheckInfo) => void) {
            const topology = orders();
            const [endpoint] = topology.endpoints;
            assert.ok(endpoint.healthCheck);
            edit(topology, endpoint.healthCheck);
            return rehearsalTarget([topology], "orders", "prod", "us-east-1", "us-east-1").endpoint;
        }

        it("both, when the endpoint follows the region's calculated check", () => {
            assert.deepEqual(
                movedBy(() => undefined),
                { name: "orders-prod", secondaryRegion: "eu-west-1", movedBy: ["invert", "switch"] },
            );
        });

        it("both, when the plan does not say which check it follows or the region has no calculated check", () => {
            assert.deepEqual(movedBy((topology) => (topology.endpoints[0].healthCheck = undefined))?.movedBy, ["invert", "switch"]);
            assert.deepEqual(movedBy((topology) => (region(topology, "us-east-1").calculated = undefined))?.movedBy, ["invert", "switch"]);
        });

        it("only the switch, when it follows one of the tracer's checks or a check sharing a child with the calculated one", () => {
            assert.deepEqual(movedBy((topology) => (topology.endpoints[0].healthCheck = region(topology, "us-east-1").children[0]))?.movedBy, ["switch"]);
            assert.deepEqual(
                movedBy(
                    (topology, check) =>
                        (topology.endpoints[0].healthCheck = { ...check, urn: "another-calculated", childIds: ["x", check.childIds?.[1] ?? ""] }),
                )?.movedBy,
                ["switch"],
            );
        });

        it("neither, when it follows a check of its own", () => {
            assert.deepEqual(
                movedBy((topology, check) => (topology.endpoints[0].healthCheck = { ...check, urn: "bus-check", childIds: ["bus-child"] }))?.movedBy,
                [],
            );
            assert.deepEqual(
                movedBy((topology, check) => (topology.endpoints[0].healthCheck = { ...check, urn: "bus-check", childIds: undefined }))?.movedBy,
                [],
            );
            assert.deepEqual(
                movedBy((topology, check) => {
                    topology.endpoints[0].healthCheck = { ...check, urn: "bus-check", childIds: ["bus-child"] };
                    region(topology, "us-east-1").calculated = { ...check, childIds: undefined };
                })?.movedBy,
                [],
            );
        });

        it("none to move when the region's endpoint has no secondary", () => {
            assert.equal(
                movedBy((topology) => (topology.endpoints[0].secondaryRegion = undefined)),
                undefined,
            );
            assert.equal(
                movedBy((topology) => topology.endpoints.unshift({ ...topology.endpoints[0], name: "no-secondary", secondaryRegion: undefined }))?.name,
                "orders-prod",
            );
        });
    });

    it("names a flag that matches nothing in the plan as bad input, with what would", () => {
        const staging = { ...orders(), environment: "staging" };
        const payments = { ...orders(), subsystem: "payments" };
        assert.equal(
            flagError(() => rehearsalTarget([orders(), staging, payments], "billing", "prod", "eu-west-1", "us-east-1")),
            'command line: --subsystem: "billing" has no subsystem stacks in the plan (subsystems: orders, payments)',
        );
        assert.equal(
            flagError(() => rehearsalTarget([], "billing", "prod", "eu-west-1", "us-east-1")),
            'command line: --subsystem: "billing" has no subsystem stacks in the plan (subsystems: none)',
        );
        assert.equal(
            flagError(() => rehearsalTarget([orders(), staging, payments], "orders", "dev", "eu-west-1", "us-east-1")),
            'command line: --env: "dev" is not an environment of orders (environments: prod, staging)',
        );
        const recordless = orders();
        region(recordless, "eu-west-1").records = [];
        assert.equal(
            flagError(() => rehearsalTarget([recordless], "orders", "prod", "eu-west-1", "us-east-1")),
            "command line: --region: the plan has no latency record for orders/prod in eu-west-1",
        );
    });
});
