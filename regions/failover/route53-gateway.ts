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
    type RRType,
} from "@aws-sdk/client-route-53";
import { SDK_CLIENT_SETTINGS, type CheckerReport, type HealthCheckSummary, type RecordSetSummary, type Route53Gateway } from "./gateway";

/** The Route 53 side of a rehearsal over the AWS SDK: one call per method, no decisions. */

const TAGS_PER_CALL = 10;

function stripDot(name: string): string {
    return name.replace(/\.$/, "");
}

export class SdkRoute53Gateway implements Route53Gateway {
    /** Route 53 is a global service served from us-east-1. */
    constructor(private readonly client: Route53Client = new Route53Client({ region: "us-east-1", ...SDK_CLIENT_SETTINGS })) {}

    async listHealthChecks(signal?: AbortSignal): Promise<HealthCheckSummary[]> {
        const checks: HealthCheck[] = [];
        let marker: string | undefined;
        do {
            const page = await this.client.send(new ListHealthChecksCommand({ Marker: marker }), { abortSignal: signal });
            checks.push(...(page.HealthChecks ?? []));
            marker = page.IsTruncated ? page.NextMarker : undefined;
        } while (marker);
        const tags = new Map<string, Record<string, string>>();
        for (let i = 0; i < checks.length; i += TAGS_PER_CALL) {
            const ids = checks.slice(i, i + TAGS_PER_CALL).map((c) => c.Id as string);
            const page = await this.client.send(new ListTagsForResourcesCommand({ ResourceType: "healthcheck", ResourceIds: ids }), { abortSignal: signal });
            for (const set of page.ResourceTagSets ?? []) {
                tags.set(set.ResourceId ?? "", Object.fromEntries((set.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])));
            }
        }
        return checks.map((check) => ({
            id: check.Id as string,
            type: check.HealthCheckConfig?.Type ?? "",
            inverted: check.HealthCheckConfig?.Inverted ?? false,
            childIds: check.HealthCheckConfig?.ChildHealthChecks ?? [],
            healthThreshold: check.HealthCheckConfig?.HealthThreshold,
            failureThreshold: check.HealthCheckConfig?.FailureThreshold,
            requestIntervalSeconds: check.HealthCheckConfig?.RequestInterval,
            tags: tags.get(check.Id as string) ?? {},
        }));
    }

    async getHealthCheckStatus(id: string, signal?: AbortSignal): Promise<CheckerReport[]> {
        const response = await this.client.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }), { abortSignal: signal });
        return (response.HealthCheckObservations ?? []).map((o, index) => ({
            checker: o.IPAddress ?? `${o.Region ?? "checker"}#${index}`,
            checkerRegion: o.Region,
            status: o.StatusReport?.Status ?? "",
            checkedAt: o.StatusReport?.CheckedTime?.getTime(),
        }));
    }

    async setInverted(id: string, inverted: boolean): Promise<void> {
        await this.client.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: inverted }));
    }

    async findPublicZone(zoneName: string, signal?: AbortSignal): Promise<string | undefined> {
        const response = await this.client.send(new ListHostedZonesByNameCommand({ DNSName: zoneName, MaxItems: 10 }), { abortSignal: signal });
        const zone = (response.HostedZones ?? []).find((z) => stripDot(z.Name ?? "") === stripDot(zoneName) && !z.Config?.PrivateZone);
        return zone?.Id?.replace(/^\/hostedzone\//, "");
    }

    async nameServers(zoneId: string, signal?: AbortSignal): Promise<string[]> {
        const response = await this.client.send(new GetHostedZoneCommand({ Id: zoneId }), { abortSignal: signal });
        return (response.DelegationSet?.NameServers ?? []).map(stripDot);
    }

    async listRecordSets(zoneId: string, name: string, signal?: AbortSignal): Promise<RecordSetSummary[]> {
        const wanted = stripDot(name).toLowerCase();
        const result: RecordSetSummary[] = [];
        let start: { name?: string; type?: RRType; identifier?: string } = { name };
        for (;;) {
            const page = await this.client.send(
                new ListResourceRecordSetsCommand({
                    HostedZoneId: zoneId,
                    StartRecordName: start.name,
                    StartRecordType: start.type,
                    StartRecordIdentifier: start.identifier,
                }),
                { abortSignal: signal },
            );
            for (const set of page.ResourceRecordSets ?? []) {
                if (stripDot(set.Name ?? "").toLowerCase() !== wanted) continue;
                const alias = set.AliasTarget?.DNSName ? stripDot(set.AliasTarget.DNSName) : undefined;
                result.push({
                    name: stripDot(set.Name ?? ""),
                    type: set.Type ?? "",
                    setIdentifier: set.SetIdentifier,
                    region: set.Region,
                    healthCheckId: set.HealthCheckId,
                    values: [...(set.ResourceRecords ?? []).map((r) => r.Value ?? ""), ...(alias ? [alias] : [])],
                    aliasTarget: alias,
                    ttlSeconds: alias ? undefined : set.TTL,
                });
            }
            const last = page.ResourceRecordSets?.[page.ResourceRecordSets.length - 1];
            // Record sets come sorted by name: once past the wanted name there is nothing more to read.
            if (!page.IsTruncated || (last && stripDot(last.Name ?? "").toLowerCase() !== wanted)) return result;
            start = { name: page.NextRecordName, type: page.NextRecordType, identifier: page.NextRecordIdentifier };
        }
    }

    async testDnsAnswer(zoneId: string, name: string, type: string, clientSubnet: string, signal?: AbortSignal): Promise<string[]> {
        const response = await this.client.send(
            new TestDNSAnswerCommand({
                HostedZoneId: zoneId,
                RecordName: name,
                RecordType: type as RRType,
                EDNS0ClientSubnetIP: clientSubnet,
                EDNS0ClientSubnetMask: "24",
            }),
            { abortSignal: signal },
        );
        return response.RecordData ?? [];
    }
}
