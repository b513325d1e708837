import { strict as assert } from "node:assert";
import { Route53Client } from "@aws-sdk/client-route-53";
import { SSMClient } from "@aws-sdk/client-ssm";
import { STSClient } from "@aws-sdk/client-sts";
import { extractTopology } from "../../regions/topology";
import { ApiCaller } from "../../regions/failover/api-calls";
import { clientLocations, type ClientLocation } from "../../regions/failover/client-subnets";
import type { HealthCheckSummary, RecordSetSummary, Route53Gateway } from "../../regions/failover/gateway";
import { answers, preflight, RehearsalRefused, type PreflightResult } from "../../regions/failover/preflight";
import { rehearsalTarget, type RehearsalTarget } from "../../regions/failover/rehearsal-target";
import { SdkRoute53Gateway } from "../../regions/failover/route53-gateway";
import { SdkParameterGateway } from "../../regions/failover/ssm-gateway";
import { SdkIdentityGateway } from "../../regions/failover/identity-gateway";
import type { Lever } from "../../regions/failover/levers";
import { fixturePlan } from "./fixtures/plan-fixture";
import { FakeClock, Route53World } from "./fixtures/route53-world";

/**
 * What preflight finds before a lever may be pulled, called on its own against the mocked AWS of
 * route53-world.ts: which check is the region's, which regions are healthy and watched, which answer
 * values mean which region, the TTL, the switch's value to put back, and the notes for the report.
 */

const FLEET = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const SWITCH = "/orders/health/force-unhealthy";

/** Route 53 as the world has it, with some answers changed by the test. */
class EditedRoute53 extends SdkRoute53Gateway {
    extraChecks: HealthCheckSummary[] = [];
    editChecks: (checks: HealthCheckSummary[]) => HealthCheckSummary[] = (checks) => checks;
    editRecords: (records: RecordSetSummary[]) => RecordSetSummary[] = (records) => records;
    zone?: string | null;

    override async listHealthChecks(signal?: AbortSignal): Promise<HealthCheckSummary[]> {
        return [...this.extraChecks, ...this.editChecks(await super.listHealthChecks(signal))];
    }
    override async listRecordSets(zoneId: string, name: string, signal?: AbortSignal): Promise<RecordSetSummary[]> {
        return this.editRecords(await super.listRecordSets(zoneId, name, signal));
    }
    override async findPublicZone(zoneName: string, signal?: AbortSignal): Promise<string | undefined> {
        return this.zone === null ? undefined : super.findPublicZone(zoneName, signal);
    }
}

describe("rehearsal preflight", () => {
    let clock: FakeClock;
    let world: Route53World;
    let route53: EditedRoute53;
    let ttlAsked: string[][];
    let ttl: () => Promise<number | undefined>;

    function setUp(regions = FLEET): void {
        clock = new FakeClock();
        world = new Route53World(clock, { regions });
        route53 = new EditedRoute53(new Route53Client({ region: "us-east-1" }));
        ttlAsked = [];
        ttl = async () => 60;
    }

    beforeEach(() => setUp());
    afterEach(() => world.restore());

    function targetOf(region = "eu-west-1", regions = FLEET): RehearsalTarget {
        return rehearsalTarget(extractTopology(fixturePlan([{ name: "orders", environment: "prod", regions }])), "orders", "prod", region, "us-east-1");
    }

    async function run(
        options: { target?: RehearsalTarget; lever?: Lever; clients?: ClientLocation[]; pollSeconds?: number } = {},
    ): Promise<{ pre: PreflightResult; api: ApiCaller }> {
        const api = new ApiCaller(clock, () => undefined, false);
        const pre = await preflight(
            {
                target: options.target ?? targetOf(),
                lever: options.lever ?? "invert",
                stateFile: "/nonexistent/meridian-preflight-state.json",
                clients: options.clients ?? clientLocations(FLEET),
                pollSeconds: options.pollSeconds ?? 10,
            },
            {
                route53,
                parameters: new SdkParameterGateway((region) => new SSMClient({ region })),
                identity: new SdkIdentityGateway(new STSClient({ region: "us-east-1" })),
                resolver: {
                    resolve: world.resolver.resolve,
                    ttlSeconds: async (name, servers) => {
                        ttlAsked.push([name, ...servers]);
                        return ttl();
                    },
                },
                now: () => clock.now(),
            },
            api,
        );
        return { pre, api };
    }

    async function refusal(options: Parameters<typeof run>[0] = {}): Promise<string> {
        try {
            await run(options);
        } catch (error) {
            assert.ok(error instanceof RehearsalRefused, String(error));
            return error.message;
        }
        assert.fail("preflight let the rehearsal go ahead");
    }

    it("finds the region's checks, health, record values, TTL and baseline in a healthy fleet", async () => {
        const { pre, api } = await run();
        assert.equal(pre.account, "111122223333");
        assert.equal(pre.healthCheckId, world.id("eu-west-1", "calculated"));
        assert.deepEqual(pre.childIds, [world.id("eu-west-1", "https"), world.id("eu-west-1", "metric")]);
        assert.deepEqual([pre.zoneId, pre.recordName, pre.recordType], ["ZORDERS", world.recordName, "A"]);
        assert.deepEqual(pre.regionHealth, { "eu-west-1": true, "ap-southeast-2": true, "us-east-1": true });
        // Nearest to the drained region first: the stop conditions watch them in that order.
        assert.deepEqual(pre.healthyPeers, ["us-east-1", "ap-southeast-2"]);
        assert.deepEqual([...pre.health.keys()].sort(), [...FLEET].sort());
        assert.deepEqual([...(pre.answerValues.get("eu-west-1") ?? [])].sort(), [world.apiDomain("eu-west-1"), world.ip("eu-west-1")].sort());
        assert.equal(pre.aliasTargets.get("eu-west-1"), world.apiDomain("eu-west-1"));
        // An alias record carries its target's TTL: asked of the zone's own name servers.
        assert.equal(pre.ttlSeconds, 60);
        assert.deepEqual(ttlAsked, [[world.recordName, "ns-1.awsdns-01.org", "ns-2.awsdns-02.com"]]);
        assert.deepEqual(pre.baseline, { "us-east-1": "us-east-1", "eu-west-1": "eu-west-1", "ap-southeast-2": "ap-southeast-2" });
        assert.equal(pre.parameter, undefined);
        assert.equal(pre.bus, undefined);
        assert.deepEqual(pre.notes, []);
        const zoneCall = api.calls.find((c) => c.api === "route53:ListHostedZonesByName");
        assert.deepEqual(zoneCall?.params, { DNSName: "prod.orders.meridian.example.com", MaxItems: 1 });
        const recordCall = api.calls.find((c) => c.api === "route53:ListResourceRecordSets");
        assert.deepEqual(recordCall?.params, { HostedZoneId: "ZORDERS", StartRecordName: world.recordName });
        assert.deepEqual(api.calls.find((c) => c.api === "route53:GetHostedZone")?.params, { Id: "ZORDERS" });
        // Each region's two children are read once.
        const statusReads = api.calls.filter((c) => c.api === "route53:GetHealthCheckStatus").map((c) => c.params.HealthCheckId);
        assert.deepEqual([...statusReads].sort(), FLEET.flatMap((r) => [world.id(r, "https"), world.id(r, "metric")]).sort());
    });

    it("takes the check whose four tags all name the drained region's calculated check, preferring the plan's name for it", async () => {
        const real = (await new SdkRoute53Gateway(new Route53Client({ region: "us-east-1" })).listHealthChecks()).find(
            (c) => c.id === world.id("eu-west-1", "calculated"),
        );
        assert.ok(real);
        const decoy = (id: string, tags: Record<string, string>): HealthCheckSummary => ({ ...real, id, tags: { ...real.tags, ...tags } });
        route53.extraChecks = [
            decoy("other-subsystem", { "meridian:subsystem": "payments" }),
            decoy("other-environment", { "meridian:environment": "staging" }),
            decoy("other-region", { "meridian:region": "us-east-1" }),
            decoy("a-child", { "meridian:check": "https" }),
            decoy("another-name", { Name: "orders-prod-eu-west-1-old" }),
        ];
        assert.equal((await run()).pre.healthCheckId, real.id);
        // When no check carries the plan's name, the first with the four tags is taken (here a decoy the record does not use).
        assert.match(await refusal({ target: { ...targetOf(), checkNames: {} } }), /uses health check hc-orders-prod-eu-west-1-calculated, not another-name:/);
    });

    it("counts a peer without a calculated check, or whose check has no children, as unhealthy, and says so", async () => {
        world.untagged.add("ap-southeast-2");
        let { pre } = await run();
        assert.deepEqual(pre.regionHealth, { "eu-west-1": true, "us-east-1": true, "ap-southeast-2": false });
        assert.deepEqual(pre.healthyPeers, ["us-east-1"]);
        assert.deepEqual(pre.notes, [
            "no calculated health check with children found for ap-southeast-2; counted as unhealthy",
            "ap-southeast-2 is unhealthy: only us-east-1 will take the traffic",
        ]);
        world.untagged.clear();
        route53.editChecks = (checks) => checks.map((c) => (c.id === world.id("ap-southeast-2", "calculated") ? { ...c, childIds: [] } : c));
        ({ pre } = await run());
        assert.equal(pre.regionHealth["ap-southeast-2"], false);
        assert.deepEqual(pre.healthyPeers, ["us-east-1"]);
        assert.equal(pre.notes[0], "no calculated health check with children found for ap-southeast-2; counted as unhealthy");
        assert.equal(pre.health.has("ap-southeast-2"), false);
    });

    it("counts a peer whose check is inverted (by someone else's drill) as unhealthy", async () => {
        world.inverted.get("us-east-1")?.push({ at: clock.now(), value: true });
        const { pre } = await run();
        assert.equal(pre.regionHealth["us-east-1"], false);
        assert.deepEqual(pre.healthyPeers, ["ap-southeast-2"]);
    });

    it("judges each peer by its own check", async () => {
        world.setChildHealthy("us-east-1", false, clock.now() - 600_000);
        const { pre } = await run();
        assert.deepEqual(pre.regionHealth, { "eu-west-1": true, "us-east-1": false, "ap-southeast-2": true });
        assert.deepEqual(pre.healthyPeers, ["ap-southeast-2"]);
    });

    it("refuses a region whose check has no children to observe", async () => {
        route53.editChecks = (checks) => checks.map((c) => (c.id === world.id("eu-west-1", "calculated") ? { ...c, childIds: [] } : c));
        assert.equal(await refusal(), `health check ${world.id("eu-west-1", "calculated")} of eu-west-1 has no child checks to observe`);
    });

    it("refuses to drain a subsystem's only region", async () => {
        world.restore();
        setUp(["eu-west-1"]);
        assert.equal(await refusal({ target: targetOf("eu-west-1", ["eu-west-1"]) }), "draining eu-west-1 would leave no healthy region (no other region)");
    });

    it("refuses when the zone or the drained region's record is not in Route 53", async () => {
        route53.zone = null;
        assert.equal(await refusal(), "no public hosted zone prod.orders.meridian.example.com in Route 53");
        route53.zone = undefined;
        route53.editRecords = (records) => records.filter((r) => r.region !== "eu-west-1");
        assert.equal(await refusal(), `no latency record ${world.recordName} for eu-west-1 in zone ZORDERS`);
        route53.editRecords = (records) => records.map((r) => (r.region === "eu-west-1" ? { ...r, healthCheckId: undefined } : r));
        assert.equal(
            await refusal(),
            `record ${world.recordName} (eu-west-1) uses health check none, not ${world.id("eu-west-1", "calculated")}: draining through that check would not move its clients`,
        );
    });

    it("knows a record by its set identifier when it names no region, and notes a peer without a record", async () => {
        route53.editRecords = (records) =>
            records.filter((r) => r.region !== "ap-southeast-2").map((r) => (r.region === "eu-west-1" ? { ...r, region: undefined } : r));
        const { pre } = await run({ clients: clientLocations(["us-east-1", "eu-west-1"]) });
        assert.equal(pre.healthCheckId, world.id("eu-west-1", "calculated"));
        assert.ok(pre.answerValues.has("eu-west-1"));
        assert.equal(pre.answerValues.has("ap-southeast-2"), false);
        assert.deepEqual(pre.notes, ["no latency record for ap-southeast-2 in Route 53"]);
        // And by its region when its set identifier is something else.
        route53.editRecords = (records) => records.map((r) => ({ ...r, setIdentifier: `${r.region}-primary` }));
        assert.equal((await run()).pre.answerValues.size, 3);
    });

    it("takes a plain record's TTL from the record, and notes when an alias record's TTL cannot be read", async () => {
        world.cnameRecords = true;
        let { pre } = await run();
        assert.deepEqual([pre.recordType, pre.ttlSeconds], ["CNAME", 45]);
        assert.equal(pre.aliasTargets.size, 0, "a CNAME has no alias target to resolve");
        assert.deepEqual(ttlAsked, []);
        world.cnameRecords = false;
        ttl = () => Promise.reject(new Error("SERVFAIL"));
        ({ pre } = await run());
        assert.equal(pre.ttlSeconds, undefined);
        assert.deepEqual(pre.notes, [`could not read the TTL of ${world.recordName} from its name servers: the shift is reported without it`]);
        ttl = async () => undefined;
        ({ pre } = await run());
        assert.equal(pre.notes.length, 1);
    });

    it("switch lever: keeps the switch's value to put back, false when it was never set, and notes a poll slower than the checkers", async () => {
        let { pre } = await run({ lever: "switch" });
        assert.deepEqual(pre.parameter, { region: "eu-west-1", name: SWITCH, previousValue: "false" });
        assert.deepEqual(pre.notes, []);
        assert.deepEqual((await run({ lever: "switch" })).api.calls.find((c) => c.api === "ssm:GetParameter" && c.params.Name === SWITCH)?.params, {
            Name: SWITCH,
            region: "eu-west-1",
        });
        world.parameters.set(SWITCH, "no");
        ({ pre } = await run({ lever: "switch", pollSeconds: 30 }));
        assert.deepEqual(pre.parameter, { region: "eu-west-1", name: SWITCH, previousValue: "no" });
        assert.deepEqual(pre.notes, ["--poll 30 s is slower than the checkers' 10 s interval: missed probes are assumed to match their neighbours"]);
        // The metric check has no probe interval of its own: only the endpoint checks count.
        route53.editChecks = (checks) => checks.map((c) => (c.id === world.id("eu-west-1", "https") ? { ...c, requestIntervalSeconds: undefined } : c));
        ({ pre } = await run({ lever: "switch", pollSeconds: 20 }));
        assert.deepEqual(pre.notes, []);
        ({ pre } = await run({ lever: "switch", pollSeconds: 31 }));
        assert.match(pre.notes[0], /^--poll 31 s is slower than the checkers' 30 s interval/);
    });

    it("notes when no client location is answered by the drained region, and refuses answers it cannot place", async () => {
        const { pre } = await run({ clients: clientLocations(["us-east-1"]) });
        assert.deepEqual(pre.notes, ["no client location is answered by eu-west-1 now, so the DNS shift cannot be observed; add one with --client-subnet"]);
        world.strayAnswers.add("eu-west-1");
        world.strayAnswers.add("ap-southeast-2");
        assert.equal(
            await refusal(),
            `cannot tell which region answers clients in eu-west-1, ap-southeast-2: the answers match no record of ${world.recordName}`,
        );
    });

    describe("answers", () => {
        const values = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([region, list]) => [region, new Set(list)]));

        function dns(byClient: Record<string, string[]>): Pick<Route53Gateway, "testDnsAnswer"> & Route53Gateway {
            const gateway = new SdkRoute53Gateway(new Route53Client({ region: "us-east-1" }));
            gateway.testDnsAnswer = async (_zone, _name, _type, subnet) => byClient[subnet] ?? [];
            return gateway;
        }

        it("learns the alias targets' current addresses once per poll, and only when an answer matches no region", async () => {
            const resolved: string[] = [];
            const resolver = {
                resolve: async (host: string) => {
                    resolved.push(host);
                    return host === "eu.example.com" ? ["192.0.2.99"] : Promise.reject(new Error("NXDOMAIN"));
                },
                ttlSeconds: async () => undefined,
            };
            const pre = {
                zoneId: "Z",
                recordName: "api.example.com",
                recordType: "A",
                aliasTargets: new Map([
                    ["eu-west-1", "eu.example.com"],
                    ["us-east-1", "us.example.com"],
                ]),
                answerValues: values({ "eu-west-1": ["192.0.2.10"], "us-east-1": ["192.0.2.20"] }),
            };
            const clients = [
                { region: "eu-west-1", subnet: "eu" },
                { region: "us-east-1", subnet: "us" },
                { region: "ap-southeast-2", subnet: "ap" },
            ];
            const api = new ApiCaller(new FakeClock(), () => undefined, false);

            const known = await answers(pre, clients.slice(0, 2), api, { route53: dns({ eu: ["192.0.2.10"], us: ["192.0.2.20"] }), resolver });
            assert.deepEqual(known, { "eu-west-1": "eu-west-1", "us-east-1": "us-east-1" });
            assert.deepEqual(resolved, [], "answers that match a record need no lookup");

            const rotated = await answers(pre, clients, api, {
                route53: dns({ eu: ["192.0.2.99"], us: ["192.0.2.20"], ap: ["203.0.113.1"] }),
                resolver,
            });
            assert.deepEqual(rotated, { "eu-west-1": "eu-west-1", "us-east-1": "us-east-1", "ap-southeast-2": "unknown" });
            assert.deepEqual(resolved, ["eu.example.com", "us.example.com"], "one lookup per alias target in a poll, however many answers are unknown");
            // What the record said still counts, beside what was learnt.
            assert.deepEqual([...(pre.answerValues.get("eu-west-1") ?? [])], ["192.0.2.10", "192.0.2.99"]);
            assert.deepEqual([...(pre.answerValues.get("us-east-1") ?? [])], ["192.0.2.20"]);
            const asked = api.calls.filter((c) => c.api === "route53:TestDNSAnswer").map((c) => c.params);
            assert.deepEqual(asked[0], {
                HostedZoneId: "Z",
                RecordName: "api.example.com",
                RecordType: "A",
                EDNS0ClientSubnetIP: "eu",
                EDNS0ClientSubnetMask: "24",
            });
        });
    });
});
