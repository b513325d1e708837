import { strict as assert } from "node:assert";
import { mockClient, type AwsClientStub } from "aws-sdk-client-mock";
import {
    GetHealthCheckStatusCommand,
    GetHostedZoneCommand,
    ListHealthChecksCommand,
    ListHostedZonesByNameCommand,
    ListResourceRecordSetsCommand,
    ListTagsForResourcesCommand,
    Route53Client,
    TestDNSAnswerCommand,
    UpdateHealthCheckCommand,
    type HealthCheck,
    type ResourceRecordSetRegion,
} from "@aws-sdk/client-route-53";
import { SdkRoute53Gateway } from "../../regions/failover/route53-gateway";

/** The Route 53 adapter on its own: what it asks Route 53 for, and how it reads the answers. */
describe("the Route 53 gateway (aws-sdk-client-mock)", () => {
    // Mocked only while this block runs: other specs mock the same client their own way.
    let route53: AwsClientStub<Route53Client>;
    before(() => (route53 = mockClient(Route53Client)));
    const gateway = () => new SdkRoute53Gateway(new Route53Client({ region: "us-east-1" }));

    beforeEach(() => route53.reset());
    after(() => route53.restore());

    function check(id: string, config: Partial<NonNullable<HealthCheck["HealthCheckConfig"]>> = {}): HealthCheck {
        return { Id: id, CallerReference: "x", HealthCheckVersion: 1, HealthCheckConfig: { Type: "HTTPS", ...config } };
    }

    describe("listHealthChecks", () => {
        it("reads every page of checks and asks for their tags ten ids at a time", async () => {
            const ids = Array.from({ length: 20 }, (_, i) => `hc-${i}`);
            route53
                .on(ListHealthChecksCommand, { Marker: undefined })
                .resolves({ HealthChecks: ids.slice(0, 7).map((id) => check(id)), IsTruncated: true, NextMarker: "page-2", Marker: "", MaxItems: 7 })
                .on(ListHealthChecksCommand, { Marker: "page-2" })
                .resolves({ HealthChecks: ids.slice(7).map((id) => check(id)), IsTruncated: false, NextMarker: "ignored", Marker: "page-2", MaxItems: 7 });
            route53.on(ListTagsForResourcesCommand).callsFake((input: { ResourceIds: string[] }) => ({
                ResourceTagSets: input.ResourceIds.map((id) => ({ ResourceType: "healthcheck", ResourceId: id, Tags: [{ Key: "Name", Value: `name-${id}` }] })),
            }));

            const checks = await gateway().listHealthChecks();

            assert.deepEqual(
                checks.map((c) => c.id),
                ids,
            );
            assert.equal(route53.commandCalls(ListHealthChecksCommand).length, 2);
            const tagCalls = route53.commandCalls(ListTagsForResourcesCommand).map((call) => call.args[0].input);
            assert.deepEqual(
                tagCalls.map((input) => input.ResourceIds),
                [ids.slice(0, 10), ids.slice(10)],
            );
            assert.ok(tagCalls.every((input) => input.ResourceType === "healthcheck"));
            assert.deepEqual(checks[19].tags, { Name: "name-hc-19" });
        });

        it("keeps each check's configuration, and reads a missing one as an uninverted check with no children and no tags", async () => {
            route53.on(ListHealthChecksCommand).resolves({
                HealthChecks: [
                    check("calc", { Type: "CALCULATED", Inverted: true, ChildHealthChecks: ["a", "b"], HealthThreshold: 2 }),
                    check("https", { FailureThreshold: 3, RequestInterval: 10 }),
                    { Id: "bare", CallerReference: "x", HealthCheckVersion: 1 } as HealthCheck,
                ],
                IsTruncated: false,
                Marker: "",
                MaxItems: 100,
            });
            route53.on(ListTagsForResourcesCommand).resolves({
                ResourceTagSets: [
                    { ResourceType: "healthcheck", ResourceId: "calc", Tags: [{ Key: "meridian:region", Value: "eu-west-1" }, { Key: "flag" }] },
                    { ResourceType: "healthcheck", ResourceId: "https" },
                ],
            });

            const [calculated, https, bare] = await gateway().listHealthChecks();

            assert.deepEqual(calculated, {
                id: "calc",
                type: "CALCULATED",
                inverted: true,
                childIds: ["a", "b"],
                healthThreshold: 2,
                failureThreshold: undefined,
                requestIntervalSeconds: undefined,
                tags: { "meridian:region": "eu-west-1", flag: "" },
            });
            assert.equal(https.failureThreshold, 3);
            assert.equal(https.requestIntervalSeconds, 10);
            assert.deepEqual(https.tags, {});
            assert.deepEqual(bare, {
                id: "bare",
                type: "",
                inverted: false,
                childIds: [],
                healthThreshold: undefined,
                failureThreshold: undefined,
                requestIntervalSeconds: undefined,
                tags: {},
            });
        });

        it("asks for no tags when the account has no checks", async () => {
            route53.on(ListHealthChecksCommand).resolves({ IsTruncated: false, Marker: "", MaxItems: 100 });
            assert.deepEqual(await gateway().listHealthChecks(), []);
            assert.equal(route53.commandCalls(ListTagsForResourcesCommand).length, 0);
        });
    });

    it("talks to Route 53 in us-east-1, where the global service is served, with bounded retries, unless given a client", async () => {
        route53.on(GetHealthCheckStatusCommand).resolves({});
        await new SdkRoute53Gateway().getHealthCheckStatus("hc-1");
        const client = route53.commandCalls(GetHealthCheckStatusCommand)[0].thisValue as Route53Client;
        assert.equal(await client.config.region(), "us-east-1");
        assert.equal(await client.config.maxAttempts(), 8);
    });

    it("getHealthCheckStatus: one report per checker, named by its address, else by its region and position", async () => {
        const checkedAt = new Date("2026-11-26T20:00:03.000Z");
        route53.on(GetHealthCheckStatusCommand, { HealthCheckId: "hc-1" }).resolves({
            HealthCheckObservations: [
                { Region: "us-east-1", IPAddress: "198.51.100.1", StatusReport: { Status: "Success: HTTP Status Code 200", CheckedTime: checkedAt } },
                { Region: "eu-west-1", StatusReport: { Status: "Failure: timeout" } },
                {},
            ],
        });

        assert.deepEqual(await gateway().getHealthCheckStatus("hc-1"), [
            { checker: "198.51.100.1", checkerRegion: "us-east-1", status: "Success: HTTP Status Code 200", checkedAt: checkedAt.getTime() },
            { checker: "eu-west-1#1", checkerRegion: "eu-west-1", status: "Failure: timeout", checkedAt: undefined },
            { checker: "checker#2", checkerRegion: undefined, status: "", checkedAt: undefined },
        ]);
    });

    it("getHealthCheckStatus: no observations is no reports", async () => {
        route53.on(GetHealthCheckStatusCommand).resolves({});
        assert.deepEqual(await gateway().getHealthCheckStatus("hc-1"), []);
    });

    it("setInverted sends the check's id and the wanted inversion", async () => {
        route53.on(UpdateHealthCheckCommand).resolves({});
        await gateway().setInverted("hc-1", true);
        await gateway().setInverted("hc-1", false);
        assert.deepEqual(
            route53.commandCalls(UpdateHealthCheckCommand).map((call) => call.args[0].input),
            [
                { HealthCheckId: "hc-1", Inverted: true },
                { HealthCheckId: "hc-1", Inverted: false },
            ],
        );
    });

    describe("findPublicZone", () => {
        it("finds the public zone of exactly that name and gives its bare id", async () => {
            route53.on(ListHostedZonesByNameCommand).resolves({
                HostedZones: [
                    { Id: "/hostedzone/ZPRIVATE", Name: "prod.orders.example.com.", CallerReference: "x", Config: { PrivateZone: true } },
                    { Id: "/hostedzone/ZSUB", Name: "a.prod.orders.example.com.", CallerReference: "x", Config: { PrivateZone: false } },
                    { Id: "/hostedzone/ZPUBLIC", Name: "prod.orders.example.com.", CallerReference: "x" },
                ],
                IsTruncated: false,
                MaxItems: 10,
            });
            assert.equal(await gateway().findPublicZone("prod.orders.example.com"), "ZPUBLIC");
            assert.equal(await gateway().findPublicZone("prod.orders.example.com."), "ZPUBLIC");
            assert.deepEqual(route53.commandCalls(ListHostedZonesByNameCommand)[0].args[0].input, { DNSName: "prod.orders.example.com", MaxItems: 10 });
        });

        it("finds nothing when the only zone of that name is private, or there is none", async () => {
            route53.on(ListHostedZonesByNameCommand).resolves({
                HostedZones: [{ Id: "/hostedzone/ZPRIVATE", Name: "prod.orders.example.com.", CallerReference: "x", Config: { PrivateZone: true } }],
                IsTruncated: false,
                MaxItems: 10,
            });
            assert.equal(await gateway().findPublicZone("prod.orders.example.com"), undefined);
            route53.on(ListHostedZonesByNameCommand).resolves({ IsTruncated: false, MaxItems: 10 });
            assert.equal(await gateway().findPublicZone("prod.orders.example.com"), undefined);
        });
    });

    it("nameServers: the delegation set's servers without the trailing dot, none without a delegation set", async () => {
        route53
            .on(GetHostedZoneCommand, { Id: "Z1" })
            .resolves({
                HostedZone: { Id: "/hostedzone/Z1", Name: "x.", CallerReference: "x" },
                DelegationSet: { NameServers: ["ns-1.awsdns-01.org.", "ns-2.awsdns-02.com"] },
            })
            .on(GetHostedZoneCommand, { Id: "Z2" })
            .resolves({ HostedZone: { Id: "/hostedzone/Z2", Name: "y.", CallerReference: "x" } });
        assert.deepEqual(await gateway().nameServers("Z1"), ["ns-1.awsdns-01.org", "ns-2.awsdns-02.com"]);
        assert.deepEqual(await gateway().nameServers("Z2"), []);
    });

    describe("listRecordSets", () => {
        const NAME = "api.prod.orders.example.com";

        it("keeps only the records of that name, whatever its case or trailing dot, with their values and TTL", async () => {
            route53.on(ListResourceRecordSetsCommand).resolves({
                ResourceRecordSets: [
                    {
                        Name: "API.prod.orders.example.com.",
                        Type: "CNAME",
                        SetIdentifier: "eu-west-1",
                        Region: "eu-west-1",
                        HealthCheckId: "hc-eu",
                        TTL: 45,
                        ResourceRecords: [{ Value: "d-eu.execute-api.eu-west-1.amazonaws.com" }],
                    },
                    {
                        Name: `${NAME}.`,
                        Type: "A",
                        SetIdentifier: "us-east-1",
                        Region: "us-east-1",
                        TTL: 300,
                        AliasTarget: { HostedZoneId: "ZAPI", DNSName: "d-us.execute-api.us-east-1.amazonaws.com.", EvaluateTargetHealth: true },
                    },
                    { Name: `other.prod.orders.example.com.`, Type: "A", TTL: 60, ResourceRecords: [{ Value: "192.0.2.1" }] },
                ],
                IsTruncated: false,
                MaxItems: 100,
            });

            const records = await gateway().listRecordSets("ZORDERS", `${NAME}.`);

            assert.deepEqual(records, [
                {
                    name: "API.prod.orders.example.com",
                    type: "CNAME",
                    setIdentifier: "eu-west-1",
                    region: "eu-west-1",
                    healthCheckId: "hc-eu",
                    values: ["d-eu.execute-api.eu-west-1.amazonaws.com"],
                    aliasTarget: undefined,
                    ttlSeconds: 45,
                },
                {
                    name: NAME,
                    type: "A",
                    setIdentifier: "us-east-1",
                    region: "us-east-1",
                    healthCheckId: undefined,
                    // An alias record carries its target's TTL, which the record set does not say.
                    values: ["d-us.execute-api.us-east-1.amazonaws.com"],
                    aliasTarget: "d-us.execute-api.us-east-1.amazonaws.com",
                    ttlSeconds: undefined,
                },
            ]);
            assert.deepEqual(route53.commandCalls(ListResourceRecordSetsCommand)[0].args[0].input, {
                HostedZoneId: "ZORDERS",
                StartRecordName: `${NAME}.`,
                StartRecordType: undefined,
                StartRecordIdentifier: undefined,
            });
        });

        it("reads on from where a truncated page ended while it still holds the name", async () => {
            const record = (region: ResourceRecordSetRegion) => ({
                Name: `${NAME}.`,
                Type: "A" as const,
                SetIdentifier: region,
                Region: region,
                TTL: 60,
                ResourceRecords: [{ Value: `ip-${region}` }],
            });
            route53
                .on(ListResourceRecordSetsCommand, { StartRecordName: NAME })
                .resolves({
                    ResourceRecordSets: [record("us-east-1")],
                    IsTruncated: true,
                    NextRecordName: `${NAME}.`,
                    NextRecordType: "A",
                    NextRecordIdentifier: "eu-west-1",
                    MaxItems: 1,
                })
                .on(ListResourceRecordSetsCommand, { StartRecordIdentifier: "eu-west-1" })
                .resolves({
                    ResourceRecordSets: [record("eu-west-1")],
                    IsTruncated: true,
                    NextRecordName: `${NAME}.`,
                    NextRecordType: "A",
                    NextRecordIdentifier: "ap-southeast-2",
                    MaxItems: 1,
                })
                .on(ListResourceRecordSetsCommand, { StartRecordIdentifier: "ap-southeast-2" })
                .resolves({ ResourceRecordSets: [record("ap-southeast-2")], IsTruncated: false, MaxItems: 1 });

            const records = await gateway().listRecordSets("ZORDERS", NAME);

            assert.deepEqual(
                records.map((r) => r.region),
                ["us-east-1", "eu-west-1", "ap-southeast-2"],
            );
            assert.deepEqual(
                route53.commandCalls(ListResourceRecordSetsCommand).map((call) => call.args[0].input),
                [
                    { HostedZoneId: "ZORDERS", StartRecordName: NAME, StartRecordType: undefined, StartRecordIdentifier: undefined },
                    { HostedZoneId: "ZORDERS", StartRecordName: `${NAME}.`, StartRecordType: "A", StartRecordIdentifier: "eu-west-1" },
                    { HostedZoneId: "ZORDERS", StartRecordName: `${NAME}.`, StartRecordType: "A", StartRecordIdentifier: "ap-southeast-2" },
                ],
            );
        });

        it("stops at a truncated page that has gone past the name: record sets come sorted by name", async () => {
            route53.on(ListResourceRecordSetsCommand).resolves({
                ResourceRecordSets: [
                    { Name: `${NAME}.`, Type: "A", SetIdentifier: "us-east-1", TTL: 60, ResourceRecords: [{ Value: "192.0.2.10" }] },
                    { Name: `www.prod.orders.example.com.`, Type: "A", TTL: 60, ResourceRecords: [{ Value: "192.0.2.99" }] },
                ],
                IsTruncated: true,
                NextRecordName: "zzz.prod.orders.example.com.",
                NextRecordType: "A",
                MaxItems: 2,
            });

            const records = await gateway().listRecordSets("ZORDERS", NAME);

            assert.deepEqual(
                records.map((r) => r.values),
                [["192.0.2.10"]],
            );
            assert.equal(route53.commandCalls(ListResourceRecordSetsCommand).length, 1);
        });

        it("finds nothing in an empty zone", async () => {
            route53.on(ListResourceRecordSetsCommand).resolves({ IsTruncated: false, MaxItems: 100 });
            assert.deepEqual(await gateway().listRecordSets("ZORDERS", NAME), []);
        });
    });

    it("testDnsAnswer asks as a client in the given /24 and returns the record data, none when there is none", async () => {
        route53
            .on(TestDNSAnswerCommand, { EDNS0ClientSubnetIP: "3.5.140.1" })
            .resolves({ RecordData: ["192.0.2.10"], Nameserver: "ns", RecordName: "n", RecordType: "A", ResponseCode: "NOERROR", Protocol: "UDP" })
            .on(TestDNSAnswerCommand, { EDNS0ClientSubnetIP: "3.5.140.2" })
            .resolves({ Nameserver: "ns", RecordName: "n", RecordType: "A", ResponseCode: "NXDOMAIN", Protocol: "UDP" });

        assert.deepEqual(await gateway().testDnsAnswer("ZORDERS", "api.example.com", "CNAME", "3.5.140.1"), ["192.0.2.10"]);
        assert.deepEqual(await gateway().testDnsAnswer("ZORDERS", "api.example.com", "A", "3.5.140.2"), []);
        assert.deepEqual(route53.commandCalls(TestDNSAnswerCommand)[0].args[0].input, {
            HostedZoneId: "ZORDERS",
            RecordName: "api.example.com",
            RecordType: "CNAME",
            EDNS0ClientSubnetIP: "3.5.140.1",
            EDNS0ClientSubnetMask: "24",
        });
    });

    it("passes the run's abort signal with every read, so that a stopped run ends the SDK's retries", async () => {
        const seen: Array<AbortSignal | undefined> = [];
        const client = new Route53Client({ region: "us-east-1" });
        const send = client.send.bind(client) as (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;
        (client as unknown as { send: typeof send }).send = (command, options) => {
            seen.push(options?.abortSignal);
            return send(command, options);
        };
        route53.on(ListHealthChecksCommand).resolves({ HealthChecks: [check("hc-1")], IsTruncated: false, Marker: "", MaxItems: 100 });
        route53.on(ListTagsForResourcesCommand).resolves({ ResourceTagSets: [] });
        route53.on(GetHealthCheckStatusCommand).resolves({});
        route53.on(ListHostedZonesByNameCommand).resolves({ IsTruncated: false, MaxItems: 10 });
        route53.on(GetHostedZoneCommand).resolves({ HostedZone: { Id: "Z", Name: "x.", CallerReference: "x" } });
        route53.on(ListResourceRecordSetsCommand).resolves({ IsTruncated: false, MaxItems: 100 });
        route53.on(TestDNSAnswerCommand).resolves({ Nameserver: "ns", RecordName: "n", RecordType: "A", ResponseCode: "NOERROR", Protocol: "UDP" });
        const signal = new AbortController().signal;
        const withSignal = new SdkRoute53Gateway(client);

        await withSignal.listHealthChecks(signal);
        await withSignal.getHealthCheckStatus("hc-1", signal);
        await withSignal.findPublicZone("x", signal);
        await withSignal.nameServers("Z", signal);
        await withSignal.listRecordSets("Z", "x", signal);
        await withSignal.testDnsAnswer("Z", "x", "A", "3.5.140.1", signal);

        assert.equal(seen.length, 7);
        assert.ok(seen.every((s) => s === signal));
    });
});
