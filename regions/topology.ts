import type { PlanDocument, PlannedResource, PlannedStack } from "../lib/contracts/plan-document";
import { workloadRoleName } from "../lib/contracts/naming";
import type { DetectionInputs } from "./detection";
import { detectionInputs } from "./detection-inputs";

/**
 * The failover-relevant shape of a plan, per subsystem and environment: each region's latency
 * record, its health checks (the calculated check and its https/metric children), where its bus
 * replicates to, and the bus's global endpoint(s). Extraction never throws on a plan that breaks
 * a convention: what is missing becomes a `TopologyProblem` that the simulation reports.
 */

export const HEALTH_CHECK_TYPE = "aws:route53/healthCheck:HealthCheck";
export const RECORD_TYPE = "aws:route53/record:Record";
export const METRIC_ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const EVENT_TARGET_TYPE = "aws:cloudwatch/eventTarget:EventTarget";
export const EVENT_ENDPOINT_TYPE = "aws:cloudwatch/eventEndpoint:EventEndpoint";
export const EVENT_RULE_TYPE = "aws:cloudwatch/eventRule:EventRule";
export const ROLE_POLICY_TYPE = "aws:iam/rolePolicy:RolePolicy";

export const TAG_SUBSYSTEM = "meridian:subsystem";
export const TAG_ENVIRONMENT = "meridian:environment";
export const TAG_REGION = "meridian:region";
export const TAG_CHECK = "meridian:check";
export const TAG_SIGNAL = "meridian:signal";

export type CheckKind = "https" | "metric" | "calculated";

export interface AlarmInfo {
    name: string;
    periodSeconds?: number;
    evaluationPeriods?: number;
}

export interface HealthCheckInfo {
    urn: string;
    /** The `Name` tag (what the rehearsal looks up in Route 53), else the logical name. */
    name: string;
    /** The id the plan's mocks gave it; records and calculated checks refer to checks by id. */
    id?: string;
    kind: CheckKind;
    region: string;
    tags: Record<string, string>;
    requestIntervalSeconds?: number;
    failureThreshold?: number;
    alarmName?: string;
    alarm?: AlarmInfo;
    childIds?: string[];
    childThreshold?: number;
}

export interface LatencyRecordInfo {
    urn: string;
    /** The DNS name, without a trailing dot. */
    name: string;
    setIdentifier?: string;
    /** The region Route 53 measures latency to (latencyRoutingPolicies[0].region). */
    latencyRegion: string;
    healthCheckId?: string;
    /** Explicit TTL; absent for alias records, whose TTL comes from the region catalog. */
    ttlSeconds?: number;
}

export interface RegionTopology {
    region: string;
    stack: string;
    records: LatencyRecordInfo[];
    /** The calculated check the region's record uses (by id, else by tags). */
    calculated?: HealthCheckInfo;
    /** The calculated check's children, resolved by id (else the region's tagged https/metric checks). */
    children: HealthCheckInfo[];
    /** Regions this region's bus forwards events to. */
    replicatesTo: string[];
    /**
     * Peer → the `detail.origin.region` values its replication rule forwards ("any" when the rule
     * does not filter on origin); a peer is missing when the plan has no readable rule for it.
     */
    forwardedOrigins: Record<string, string[] | "any">;
    /** What the region's publishers (its workload role) may PutEvents on; undefined when the plan has no such role. */
    publishableBuses?: string[];
    /** What the detection model reads from the region's stack. */
    detection: DetectionInputs;
}

export interface GlobalEndpointInfo {
    urn: string;
    name: string;
    primaryRegion: string;
    secondaryRegion?: string;
    /** Region whose health check decides failover; the primary when the check cannot be resolved. */
    healthCheckRegion: string;
    /** The check the endpoint fails over on, when the plan has it. */
    healthCheck?: HealthCheckInfo;
}

export interface TopologyProblem {
    /** `no-health-check`: a record Route 53 would keep answering with; `convention`: anything else the plan lacks. */
    kind: "no-health-check" | "convention";
    subsystem: string;
    environment: string;
    region?: string;
    message: string;
}

export interface SubsystemTopology {
    subsystem: string;
    environment: string;
    /** The account the subsystem environment's stacks deploy to, when the plan knows it. */
    accountId?: string;
    regions: RegionTopology[];
    endpoints: GlobalEndpointInfo[];
    problems: TopologyProblem[];
}

type Inputs = Record<string, unknown>;

function str(value: unknown): string | undefined {
    return typeof value === "string" && value.length > 0 ? value : undefined;
}

function num(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

function strings(value: unknown): string[] | undefined {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

function record(value: unknown): Inputs | undefined {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Inputs) : undefined;
}

/** An input, falling back to the mocked output of the same name. */
function field(resource: PlannedResource, key: string): unknown {
    return resource.inputs[key] ?? resource.outputs[key];
}

function tagsOf(resource: PlannedResource): Record<string, string> {
    const tags = record(field(resource, "tags")) ?? {};
    return Object.fromEntries(Object.entries(tags).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** The check's id: `id` if the plan recorded one, else the tail of its `arn:aws:route53:::healthcheck/<id>`. */
function idOf(resource: PlannedResource): string | undefined {
    const id = str(resource.outputs.id) ?? str(resource.inputs.id);
    if (id) return id;
    const arn = str(resource.outputs.arn);
    return arn ? healthCheckIdFromReference(arn) : undefined;
}

/** An alarm's period: its own, or for a metric-math alarm the longest period among its queries. */
function alarmPeriod(resource: PlannedResource): number | undefined {
    const own = num(field(resource, "period"));
    if (own !== undefined) return own;
    const queries = field(resource, "metricQueries");
    const periods = (Array.isArray(queries) ? queries : [])
        .map((query) => num(record(record(query)?.metric)?.period) ?? num(record(query)?.period))
        .filter((p): p is number => p !== undefined);
    return periods.length > 0 ? Math.max(...periods) : undefined;
}

/** `arn:aws:route53:::healthcheck/abc` → `abc`; a bare id is returned as is. */
export function healthCheckIdFromReference(reference: string): string {
    const slash = reference.lastIndexOf("/");
    return reference.startsWith("arn:") && slash >= 0 ? reference.slice(slash + 1) : reference;
}

/** The region of an EventBridge bus ARN, `arn:<partition>:events:<region>:<account>:event-bus/<name>`. */
export function regionOfBusArn(arn: string): string | undefined {
    const parts = arn.split(":");
    return parts.length >= 6 && parts[2] === "events" && parts[5].startsWith("event-bus/") ? parts[3] : undefined;
}

function stripDot(name: string): string {
    return name.endsWith(".") ? name.slice(0, -1) : name;
}

function checkKind(resource: PlannedResource, tags: Record<string, string>): CheckKind | undefined {
    const tagged = tags[TAG_CHECK];
    if (tagged === "https" || tagged === "metric" || tagged === "calculated") return tagged;
    const type = str(field(resource, "type"))?.toUpperCase();
    if (type === "CALCULATED") return "calculated";
    if (type === "CLOUDWATCH_METRIC") return "metric";
    if (type === "HTTPS" || type === "HTTPS_STR_MATCH" || type === "HTTP" || type === "HTTP_STR_MATCH") return "https";
    return undefined;
}

interface StackResources {
    stack: PlannedStack;
    checks: HealthCheckInfo[];
    records: LatencyRecordInfo[];
    alarms: AlarmInfo[];
    targets: PlannedResource[];
    endpoints: PlannedResource[];
    rules: PlannedResource[];
    rolePolicies: PlannedResource[];
}

type ProblemSink = (message: string, kind?: TopologyProblem["kind"]) => void;

function readStack(stack: PlannedStack, problems: (region: string, message: string) => void): StackResources {
    const alarms: AlarmInfo[] = stack.resources
        .filter((r) => r.type === METRIC_ALARM_TYPE)
        .map((r) => ({
            name: str(field(r, "name")) ?? r.name,
            periodSeconds: alarmPeriod(r),
            evaluationPeriods: num(field(r, "evaluationPeriods")),
        }));
    const checks: HealthCheckInfo[] = [];
    for (const resource of stack.resources.filter((r) => r.type === HEALTH_CHECK_TYPE)) {
        const tags = tagsOf(resource);
        const kind = checkKind(resource, tags);
        const region = tags[TAG_REGION] ?? stack.region;
        if (!kind) {
            problems(region, `health check ${resource.name} has no ${TAG_CHECK} tag (https, metric or calculated) and no recognisable type`);
            continue;
        }
        const alarmName = str(field(resource, "cloudwatchAlarmName"));
        checks.push({
            urn: resource.urn,
            name: tags.Name ?? resource.name,
            id: idOf(resource),
            kind,
            region,
            tags,
            requestIntervalSeconds: num(field(resource, "requestInterval")),
            failureThreshold: num(field(resource, "failureThreshold")),
            alarmName,
            alarm: alarmName ? alarms.find((a) => a.name === alarmName) : undefined,
            childIds: strings(field(resource, "childHealthchecks")),
            childThreshold: num(field(resource, "childHealthThreshold")),
        });
    }
    const records: LatencyRecordInfo[] = stack.resources
        .filter((r) => r.type === RECORD_TYPE && Array.isArray(field(r, "latencyRoutingPolicies")))
        .map((r) => {
            const policy = record((field(r, "latencyRoutingPolicies") as unknown[])[0]);
            return {
                urn: r.urn,
                name: stripDot(str(field(r, "name")) ?? r.name),
                setIdentifier: str(field(r, "setIdentifier")),
                latencyRegion: str(policy?.region) ?? str(field(r, "setIdentifier")) ?? r.region ?? stack.region,
                healthCheckId: str(field(r, "healthCheckId")),
                ttlSeconds: num(field(r, "ttl")),
            };
        });
    return {
        stack,
        checks,
        records,
        alarms,
        targets: stack.resources.filter((r) => r.type === EVENT_TARGET_TYPE),
        endpoints: stack.resources.filter((r) => r.type === EVENT_ENDPOINT_TYPE),
        rules: stack.resources.filter((r) => r.type === EVENT_RULE_TYPE),
        rolePolicies: stack.resources.filter((r) => r.type === ROLE_POLICY_TYPE),
    };
}

function buildRegion(read: StackResources, allChecks: HealthCheckInfo[], problem: ProblemSink): RegionTopology {
    const region = read.stack.region;
    const byId = (id: string) => allChecks.find((c) => c.id === id);
    // The bus signal's checks belong to the global endpoint, not to the latency record.
    const regionChecks = read.checks.filter((c) => c.region === region && c.tags[TAG_SIGNAL] !== "bus");
    const referenced: HealthCheckInfo[] = [];
    for (const rec of read.records) {
        if (!rec.healthCheckId) {
            problem(
                `record ${rec.name} (${rec.setIdentifier ?? region}) has no health check: Route 53 keeps answering with it when the region is down`,
                "no-health-check",
            );
            continue;
        }
        const check = byId(rec.healthCheckId);
        if (check) referenced.push(check);
        else problem(`record ${rec.name} refers to health check ${rec.healthCheckId}, which is not in the plan`);
    }
    let calculated = referenced.find((c) => c.kind === "calculated") ?? referenced[0];
    calculated = calculated ?? regionChecks.find((c) => c.kind === "calculated");
    if (read.records.length === 0) problem("no latency record (aws:route53/record:Record with latencyRoutingPolicies)");
    if (!calculated) problem("no calculated health check");

    let children: HealthCheckInfo[] = [];
    if (calculated?.kind === "calculated") {
        const ids = calculated.childIds ?? [];
        children = ids.map(byId).filter((c): c is HealthCheckInfo => c !== undefined);
        if (children.length < ids.length) problem(`calculated check ${calculated.name} lists ${ids.length - children.length} child check(s) not in the plan`);
        if (ids.length === 0) children = regionChecks.filter((c) => c.kind !== "calculated");
        if (children.length === 0) problem(`calculated check ${calculated.name} has no child checks`);
    } else if (calculated) {
        children = [calculated];
    }
    for (const child of children) {
        if (child.kind === "metric" && !child.alarm) {
            problem(`metric check ${child.name} watches alarm ${child.alarmName ?? "(none)"}, which is not in the plan`);
        }
    }

    const replicatesTo = new Set<string>();
    const forwardedOrigins: Record<string, string[] | "any"> = {};
    for (const target of read.targets) {
        const arn = str(field(target, "arn"));
        const peer = arn ? regionOfBusArn(arn) : undefined;
        if (!peer || peer === region) continue;
        replicatesTo.add(peer);
        const rule = read.rules.find((r) => (str(field(r, "name")) ?? r.name) === str(field(target, "rule")));
        const origins = rule ? originsOf(str(field(rule, "eventPattern"))) : undefined;
        if (origins) forwardedOrigins[peer] = origins;
    }
    return {
        region,
        stack: read.stack.name,
        records: read.records,
        calculated,
        children,
        replicatesTo: [...replicatesTo].sort(),
        forwardedOrigins,
        publishableBuses: publishableBuses(read, read.stack.subsystem),
        detection: detectionInputs(
            region,
            read.stack.resources.map((resource) => ({ type: resource.type, name: resource.name, value: (key: string) => field(resource, key) })),
        ),
    };
}

function parsed(json: string | undefined): unknown {
    try {
        return json === undefined ? undefined : (JSON.parse(json) as unknown);
    } catch {
        return undefined;
    }
}

/** The origins a replication rule's pattern forwards: its `detail.origin.region` list, or "any" without one. */
function originsOf(eventPattern: string | undefined): string[] | "any" | undefined {
    const pattern = record(parsed(eventPattern));
    if (!pattern) return undefined;
    return strings(record(record(pattern.detail)?.origin)?.region) ?? "any";
}

const PUT_EVENTS = ["*", "events:*", "events:putevents"];

/** The resources the region's workload role is allowed events:PutEvents on, read from its inline policies. */
function publishableBuses(read: StackResources, subsystem: string | undefined): string[] | undefined {
    if (!subsystem) return undefined;
    const role = workloadRoleName(subsystem, read.stack.region);
    const documents = read.rolePolicies.filter((p) => str(field(p, "role")) === role).map((p) => record(parsed(str(field(p, "policy")))));
    if (documents.length === 0) return undefined;
    const list = (value: unknown) => (typeof value === "string" ? [value] : (strings(value) ?? []));
    return documents.flatMap((document) =>
        (Array.isArray(document?.Statement) ? document.Statement : [document?.Statement])
            .map(record)
            .filter((statement) => statement?.Effect === "Allow" && list(statement.Action).some((a) => PUT_EVENTS.includes(a.toLowerCase())))
            .flatMap((statement) => list(statement?.Resource)),
    );
}

function buildEndpoint(resource: PlannedResource, stackRegion: string, allChecks: HealthCheckInfo[]): GlobalEndpointInfo {
    const failover = record(record(field(resource, "routingConfig"))?.failoverConfig);
    const reference = str(record(failover?.primary)?.healthCheck);
    const check = reference ? allChecks.find((c) => c.id === healthCheckIdFromReference(reference)) : undefined;
    const primaryRegion = resource.region ?? stackRegion;
    return {
        urn: resource.urn,
        name: str(field(resource, "name")) ?? resource.name,
        primaryRegion,
        secondaryRegion: str(record(failover?.secondary)?.route),
        healthCheckRegion: check?.region ?? primaryRegion,
        healthCheck: check,
    };
}

/** Every subsystem stack of the plan, grouped by subsystem and environment, regions by code. */
export function extractTopology(plan: PlanDocument): SubsystemTopology[] {
    const groups = new Map<string, PlannedStack[]>();
    for (const stack of plan.stacks) {
        if (stack.kind !== "subsystem" || !stack.subsystem || !stack.environment) continue;
        const key = `${stack.subsystem}\u0000${stack.environment}`;
        groups.set(key, [...(groups.get(key) ?? []), stack]);
    }
    const result: SubsystemTopology[] = [];
    for (const stacks of groups.values()) {
        const subsystem = stacks[0].subsystem as string;
        const environment = stacks[0].environment as string;
        const problems: TopologyProblem[] = [];
        const reads = [...stacks]
            .sort((a, b) => a.region.localeCompare(b.region))
            .map((stack) => readStack(stack, (region, message) => problems.push({ kind: "convention", subsystem, environment, region, message })));
        const allChecks = reads.flatMap((r) => r.checks);
        const regions = reads.map((read) =>
            buildRegion(read, allChecks, (message, kind = "convention") => problems.push({ kind, subsystem, environment, region: read.stack.region, message })),
        );
        const endpoints = reads.flatMap((read) => read.endpoints.map((e) => buildEndpoint(e, read.stack.region, allChecks)));
        result.push({ subsystem, environment, accountId: stacks.find((s) => s.accountId)?.accountId, regions, endpoints, problems });
    }
    return result.sort((a, b) => a.subsystem.localeCompare(b.subsystem) || a.environment.localeCompare(b.environment));
}

/** The distinct latency names of a subsystem environment, with the regions that publish each. */
export function latencyNames(topology: SubsystemTopology): Array<{ name: string; regions: string[] }> {
    const names = new Map<string, Set<string>>();
    for (const region of topology.regions) {
        for (const rec of region.records) names.set(rec.name, (names.get(rec.name) ?? new Set()).add(rec.latencyRegion));
    }
    return [...names.entries()].map(([name, regions]) => ({ name, regions: [...regions] }));
}
