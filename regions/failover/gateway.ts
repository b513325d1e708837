/**
 * The live calls a rehearsal makes, behind interfaces so that the orchestration is tested with
 * mocked SDK clients and a fake clock. Adapters: route53-gateway.ts, ssm-gateway.ts.
 */

export interface HealthCheckSummary {
    id: string;
    type: string;
    inverted: boolean;
    childIds: string[];
    tags: Record<string, string>;
}

/** One Route 53 checker's latest verdict. */
export interface CheckerReport {
    checkerRegion?: string;
    status: string;
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
}

export interface Route53Gateway {
    /** Every health check in the account with its tags (ListHealthChecks + ListTagsForResources). */
    listHealthChecks(): Promise<HealthCheckSummary[]>;
    getHealthCheckStatus(id: string): Promise<CheckerReport[]>;
    setInverted(id: string, inverted: boolean): Promise<void>;
    /** The id of the public hosted zone named exactly `zoneName`, if any. */
    findPublicZone(zoneName: string): Promise<string | undefined>;
    listRecordSets(zoneId: string, name: string): Promise<RecordSetSummary[]>;
    testDnsAnswer(zoneId: string, name: string, type: string, clientSubnet: string): Promise<string[]>;
}

export interface ParameterGateway {
    /** The parameter's value, or undefined when it does not exist. */
    get(region: string, name: string): Promise<string | undefined>;
    put(region: string, name: string, value: string): Promise<void>;
}

/** Resolves an alias target (e.g. an API Gateway regional domain) to the addresses DNS answers carry. */
export interface AddressResolver {
    resolve(hostname: string): Promise<string[]>;
}

/**
 * For the SDK clients behind the gateways: a call that hangs would keep the run from reaching its
 * next checkpoint (signal, timeout) with the lever pulled, so every request is bounded.
 */
export const REQUEST_TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true } as const;

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

/** Route 53 considers an endpoint healthy when more than 18% of its checkers report it healthy. */
export const HEALTHY_CHECKER_FRACTION = 0.18;

export function isHealthy(reports: readonly CheckerReport[]): boolean {
    if (reports.length === 0) return false;
    const healthy = reports.filter((r) => r.status.startsWith("Success")).length;
    return healthy / reports.length > HEALTHY_CHECKER_FRACTION;
}
