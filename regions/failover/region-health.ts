import { calculatedVerdict, CheckVerdict, type Verdict } from "./health-verdict";
import type { CheckerReport, HealthCheckSummary } from "./gateway";

/**
 * One region's calculated check as Route 53 judges it, followed poll after poll through its
 * children's checker reports (GetHealthCheckStatus does not answer for the calculated check itself).
 */
export class RegionHealth {
    private readonly children: CheckVerdict[];
    private current?: Verdict;

    /**
     * `followInversion`: whether the verdict is the check's (inverted or not) or its children's. The
     * drained region is watched through its children: the invert lever flips only the check.
     */
    constructor(
        readonly region: string,
        readonly calculated: HealthCheckSummary,
        children: readonly HealthCheckSummary[],
        private readonly followInversion: boolean,
    ) {
        this.children = calculated.childIds.map((id) => new CheckVerdict(children.find((c) => c.id === id) ?? { id, type: "HTTPS" }));
    }

    get verdict(): Verdict | undefined {
        return this.current;
    }

    async update(read: (id: string) => Promise<CheckerReport[]>, now: number): Promise<Verdict> {
        for (const child of this.children) child.update(await read(child.check.id), now);
        const inverted = this.followInversion && this.calculated.inverted;
        this.current = calculatedVerdict(
            this.children.map((c) => c.verdict),
            this.calculated.healthThreshold,
            inverted,
        );
        return this.current;
    }
}
