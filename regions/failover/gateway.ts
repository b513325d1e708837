/**
 * The live calls a rehearsal makes, behind interfaces so that the orchestration is tested with
 * mocked SDK clients and a fake clock. Adapters: route53-gateway.ts, ssm-gateway.ts,
 * scheduler-gateway.ts, identity-gateway.ts, dns-resolver.ts. Every read takes the run's abort
 * signal, so a Ctrl-C or the timeout also ends the SDK's own retry backoff.
 */

export interface HealthCheckSummary {
    id: string;
    type: string;
    inverted: boolean;
    childIds: string[];
    /** CALCULATED checks: how many children must be healthy for the check to be healthy. */
    healthThreshold?: number;
    /** Endpoint checks: consecutive probes that change a checker's verdict. */
    failureThreshold?: number;
    requestIntervalSeconds?: number;
    tags: Record<string, string>;
}

/** One Route 53 checker's latest probe (GetHealthCheckStatus), not yet its verdict. */
export interface CheckerReport {
    /** The checker's address: it tells probes of different checkers apart. */
    checker: string;
    checkerRegion?: string;
    status: string;
    /** When the checker probed, by AWS's clock (milliseconds since the epoch). */
    checkedAt?: number;
}

export interface RecordSetSummary {
    name: string;
    type: string;
    setIdentifier?: string;
    region?: string;
    healthCheckId?: string;
    /** Plain record values, or the alias target's DNS name. */
    values: string[];
    aliasTarget?: string;
    /** Plain records only: an alias record carries its target's TTL, which only a DNS answer shows. */
    ttlSeconds?: number;
}

export interface Route53Gateway {
    /** Every health check in the account with its tags (ListHealthChecks + ListTagsForResources). */
    listHealthChecks(signal?: AbortSignal): Promise<HealthCheckSummary[]>;
    getHealthCheckStatus(id: string, signal?: AbortSignal): Promise<CheckerReport[]>;
    setInverted(id: string, inverted: boolean): Promise<void>;
    /** The id of the public hosted zone named exactly `zoneName`, if any. */
    findPublicZone(zoneName: string, signal?: AbortSignal): Promise<string | undefined>;
    /** The zone's authoritative name servers (GetHostedZone's delegation set). */
    nameServers(zoneId: string, signal?: AbortSignal): Promise<string[]>;
    listRecordSets(zoneId: string, name: string, signal?: AbortSignal): Promise<RecordSetSummary[]>;
    testDnsAnswer(zoneId: string, name: string, type: string, clientSubnet: string, signal?: AbortSignal): Promise<string[]>;
}

export interface ParameterGateway {
    /** The parameter's value, or undefined when it does not exist. */
    get(region: string, name: string, signal?: AbortSignal): Promise<string | undefined>;
    put(region: string, name: string, value: string): Promise<void>;
    /** Creates the parameter only if it does not exist: false when it already does (the conditional write of the lock). */
    create(region: string, name: string, value: string): Promise<boolean>;
    /** False when there was nothing to delete. */
    delete(region: string, name: string): Promise<boolean>;
}

/** A one-time schedule whose universal target calls one AWS API with a fixed input. */
export interface OneTimeSchedule {
    region: string;
    name: string;
    /** When it fires (milliseconds since the epoch, UTC). */
    at: number;
    description: string;
    /** `arn:<partition>:scheduler:::aws-sdk:<service>:<apiAction>` */
    targetArn: string;
    roleArn: string;
    /** The API's request parameters as JSON, named as in the service's API reference. */
    input: string;
}

export interface SchedulerGateway {
    /** Creates the schedule; false when one of that name already exists (ConflictException). */
    create(schedule: OneTimeSchedule): Promise<boolean>;
    /** False when there was nothing to delete (it fired and deleted itself, or was never made). */
    delete(region: string, name: string): Promise<boolean>;
}

export interface IdentityGateway {
    /** The account the credentials act in (STS GetCallerIdentity). */
    accountId(signal?: AbortSignal): Promise<string>;
}

/** DNS as clients see it, for what Route 53's API does not say. */
export interface AddressResolver {
    /** Resolves an alias target (e.g. an API Gateway regional domain) to the addresses DNS answers carry. */
    resolve(hostname: string): Promise<string[]>;
    /** The TTL an authoritative server gives `name`'s A record: how long resolvers may keep an old answer. */
    ttlSeconds(name: string, nameServers: readonly string[]): Promise<number | undefined>;
}

/**
 * The SDK clients' settings. Every request is bounded (a call that hangs would keep the run from
 * its next checkpoint with the lever pulled), and throttling is left to the SDK's standard retry
 * mode, which already retries Route 53's Throttling and PriorRequestNotComplete with capped
 * exponential backoff (smithy-lang/smithy-typescript, packages/util-retry: THROTTLING_ERROR_CODES,
 * MAXIMUM_RETRY_DELAY 20 s) and ends its backoff when the call's abort signal fires.
 */
export const SDK_CLIENT_SETTINGS = {
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true },
    retryMode: "standard",
    maxAttempts: 8,
} as const;

export interface Clock {
    now(): number;
    /** Resolves after `ms`, or early when `signal` aborts. */
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
    now: () => Date.now(),
    sleep: (ms, signal) =>
        new Promise((resolve) => {
            if (signal?.aborted) return resolve();
            const timer = setTimeout(done, ms);
            function done() {
                clearTimeout(timer);
                signal?.removeEventListener("abort", done);
                resolve();
            }
            signal?.addEventListener("abort", done, { once: true });
        }),
};

/** An SDK error's name, whatever shape the error has. */
export function errorName(error: unknown): string | undefined {
    const name = (error as { name?: unknown } | null)?.name;
    return typeof name === "string" ? name : undefined;
}
