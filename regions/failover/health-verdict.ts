import type { CheckerReport, HealthCheckSummary } from "./gateway";

/**
 * Route 53's verdict, rebuilt from what GetHealthCheckStatus shows. That call returns each
 * checker's latest probe, not its verdict, and it does not answer for CALCULATED checks at all
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetHealthCheckStatus.html). So:
 * - a checker changes its verdict only after `FailureThreshold` consecutive probes disagree with it
 *   ("Failure threshold", https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html);
 * - an endpoint check is healthy while more than 18% of its checkers say so
 *   (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html);
 * - a metric check follows its alarm: one report changes it;
 * - a calculated check is healthy while at least `HealthThreshold` children are, then `Inverted` flips it.
 * Times are the checkers' own CheckedTime stamps, so a verdict's time does not depend on how often
 * the rehearsal polls.
 */

export const HEALTHY_CHECKER_FRACTION = 0.18;
/** Route 53's default when a check leaves FailureThreshold unset. */
export const DEFAULT_FAILURE_THRESHOLD = 3;

export interface Verdict {
    healthy: boolean;
    /** When it last changed, by AWS's clock; undefined while it has not changed since the first look. */
    since?: number;
}

function succeeded(report: CheckerReport): boolean {
    return report.status.startsWith("Success");
}

/**
 * When the count of members agreeing with a new verdict reached `needed`: the `needed`-th earliest
 * change among them. Members that never changed count as having agreed from the start.
 */
function crossingTime(changes: ReadonlyArray<number | undefined>, needed: number): number | undefined {
    const times = changes.map((t) => t ?? -Infinity).sort((a, b) => a - b);
    const at = times[Math.max(needed, 1) - 1];
    return at === undefined || at === -Infinity ? undefined : at;
}

interface CheckerState {
    verdict: Verdict;
    lastAt?: number;
    lastHealthy: boolean;
    /** Consecutive probes, up to the latest, that disagree with the verdict. */
    against: number;
}

/** One endpoint or metric check's verdict, kept up to date from successive GetHealthCheckStatus answers. */
export class CheckVerdict {
    private readonly checkers = new Map<string, CheckerState>();
    private current?: Verdict;
    private readonly threshold: number;

    constructor(readonly check: Pick<HealthCheckSummary, "id" | "type" | "failureThreshold" | "requestIntervalSeconds">) {
        this.threshold = check.type === "CLOUDWATCH_METRIC" ? 1 : (check.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD);
    }

    get verdict(): Verdict | undefined {
        return this.current;
    }

    update(reports: readonly CheckerReport[], polledAt: number): Verdict {
        for (const report of reports) this.observe(report, polledAt);
        const states = [...this.checkers.values()];
        const healthyStates = states.filter((s) => s.verdict.healthy);
        const healthy = states.length > 0 && healthyStates.length / states.length > HEALTHY_CHECKER_FRACTION;
        if (!this.current) this.current = { healthy };
        else if (this.current.healthy !== healthy) {
            const agreeing = healthy ? healthyStates : states.filter((s) => !s.verdict.healthy);
            // The fewest checkers that tip the 18% rule the new way.
            const needed = healthy
                ? Math.floor(HEALTHY_CHECKER_FRACTION * states.length) + 1
                : states.length - Math.floor(HEALTHY_CHECKER_FRACTION * states.length);
            this.current = {
                healthy,
                since:
                    crossingTime(
                        agreeing.map((s) => s.verdict.since),
                        needed,
                    ) ?? polledAt,
            };
        }
        return this.current;
    }

    private observe(report: CheckerReport, polledAt: number): void {
        const at = report.checkedAt ?? polledAt;
        const ok = succeeded(report);
        const state = this.checkers.get(report.checker);
        if (!state) {
            // Nothing is known of the probes before the first look: take the latest as the verdict.
            this.checkers.set(report.checker, { verdict: { healthy: ok }, lastAt: at, lastHealthy: ok, against: 0 });
            return;
        }
        if (state.lastAt !== undefined && at <= state.lastAt) return;
        const interval = (this.check.requestIntervalSeconds ?? 0) * 1000;
        // Polls slower than the checker miss probes; between two equal results, the missed ones are taken to match.
        const missed = interval > 0 && state.lastAt !== undefined && ok === state.lastHealthy ? Math.max(0, Math.round((at - state.lastAt) / interval) - 1) : 0;
        if (ok === state.verdict.healthy) state.against = 0;
        else state.against = (ok === state.lastHealthy ? state.against + missed : 0) + 1;
        if (state.against >= this.threshold) {
            const surplus = state.against - this.threshold;
            state.verdict = { healthy: ok, since: at - surplus * interval };
            state.against = 0;
        }
        state.lastAt = at;
        state.lastHealthy = ok;
    }
}

/** A calculated check's verdict from its children's: at least `healthThreshold` healthy, then `inverted` flips it. */
export function calculatedVerdict(children: ReadonlyArray<Verdict | undefined>, healthThreshold: number | undefined, inverted: boolean): Verdict {
    const known = children.filter((v): v is Verdict => v !== undefined);
    const threshold = healthThreshold ?? known.length;
    const healthyChildren = known.filter((v) => v.healthy);
    const healthy = healthyChildren.length >= threshold;
    const agreeing = healthy ? healthyChildren : known.filter((v) => !v.healthy);
    const needed = healthy ? threshold : known.length - threshold + 1;
    return {
        healthy: healthy !== inverted,
        since: crossingTime(
            agreeing.map((v) => v.since),
            needed,
        ),
    };
}
