/**
 * The tracer's verdict, as a pure function of the traces it has written: what GET /check answers.
 * Bundled into the Lambda with the handler, so it imports nothing but types.
 */

export interface TraceRecord {
    traceId: string;
    status: "pending" | "completed";
    startedAt: string;
    completedAt?: string;
}

export interface VerdictSettings {
    /** A trace that has not come back through the bus within this time has failed. */
    traceTimeoutSeconds: number;
    /** Failed traces in a row before the region is unhealthy: one lost event is noise, not an outage. */
    traceFailuresToUnhealthy: number;
    /** How often the schedule starts a trace. */
    traceIntervalSeconds: number;
}

export type Verdict = { healthy: true } | { healthy: false; reason: string };

/** Whether a trace that is due (started at least the timeout ago) came back in time. */
export function traceFailed(trace: TraceRecord, traceTimeoutSeconds: number): boolean {
    if (trace.status !== "completed" || !trace.completedAt) return true;
    return Date.parse(trace.completedAt) - Date.parse(trace.startedAt) > traceTimeoutSeconds * 1000;
}

/**
 * How many traces GET /check reads, newest first: every trace still in flight (started within the
 * timeout), the due ones the verdict needs, and one more so that a missed schedule run shows.
 */
export function tracesToRead(settings: VerdictSettings): number {
    return Math.ceil(settings.traceTimeoutSeconds / settings.traceIntervalSeconds) + settings.traceFailuresToUnhealthy + 1;
}

/**
 * Unhealthy when the newest `traceFailuresToUnhealthy` due traces all failed, or when the schedule
 * has stopped starting traces (the newest started more than that many intervals, plus one, ago).
 * Too few due traces (a fresh deployment) is no evidence of failure.
 */
export function traceVerdict(traces: readonly TraceRecord[], nowMs: number, settings: VerdictSettings): Verdict {
    const newestFirst = [...traces].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
    const newest = newestFirst[0];
    const staleAfterMs = (settings.traceFailuresToUnhealthy + 1) * settings.traceIntervalSeconds * 1000;
    if (newest && nowMs - Date.parse(newest.startedAt) > staleAfterMs) {
        return { healthy: false, reason: `no trace started since ${newest.startedAt}` };
    }
    const dueBefore = nowMs - settings.traceTimeoutSeconds * 1000;
    const due = newestFirst.filter((trace) => Date.parse(trace.startedAt) <= dueBefore).slice(0, settings.traceFailuresToUnhealthy);
    if (due.length < settings.traceFailuresToUnhealthy || !due.every((trace) => traceFailed(trace, settings.traceTimeoutSeconds))) return { healthy: true };
    return {
        healthy: false,
        reason: `the last ${due.length} traces did not come back through the bus within ${settings.traceTimeoutSeconds}s`,
    };
}
