import type { PlanDocument, PolicyFinding } from "../lib/contracts/plan-document";
import { jsonDigest } from "../lib/json-digest";
import { evaluateFleetStacks, evaluateStacks, PlanEvaluation, summarise } from "../policies/evaluator";
import type { PolicyException } from "../policies/exceptions";
import { fromPlannedStacks } from "../policies/planned-stacks";
import type { PolicyPackConfig } from "../policies/policy-config";
import { SourceGraph } from "../stacks/offline/code-fingerprint";
import type { RenderCache } from "../stacks/offline/render-cache";

/**
 * The policy pack over a plan, as `meridian plan` runs it: every rule over every stack, then the
 * fleet rules over the whole fleet, then the exceptions. With the plan's cache, the pack's
 * findings for a stack are kept there (beside the deployability records, as records derived from
 * the rendered stacks) and reused while the four things they are a function of are unchanged: the
 * stack (its digest), its policy context, the pack config and the pack's code. The fleet rules and
 * the exceptions always run afresh.
 */

const VERDICTS = "policy-verdicts";

interface Verdict {
    key: string;
    findings: PolicyFinding[];
}

export interface PolicyEvaluationOptions {
    config: PolicyPackConfig;
    exceptions: readonly PolicyException[];
    /** The plan's cache, where per-stack findings are kept, with each stack's digest (PlanRun.stackDigests). */
    cache?: { records: Pick<RenderCache, "earlierRecords" | "keepRecords">; stackDigests: Readonly<Record<string, string>> };
}

export function evaluatePlan(plan: PlanDocument, options: PolicyEvaluationOptions): PlanEvaluation & { reevaluated: number } {
    const stacks = fromPlannedStacks(plan.stacks);
    const config = { config: options.config };
    const cache = options.cache;
    if (!cache) {
        return { ...summarise([...evaluateStacks(stacks, config), ...evaluateFleetStacks(stacks, config)], options.exceptions), reevaluated: stacks.length };
    }
    const pack = jsonDigest([new SourceGraph().digestOf(["policies/evaluator.ts"]), options.config]);
    const known = cache.records.earlierRecords<Verdict>(VERDICTS, pack);
    const verdicts: Record<string, Verdict> = {};
    let reevaluated = 0;
    const perStack = plan.stacks.flatMap((planned, index) => {
        const stackDigest = cache.stackDigests[planned.name];
        const key = stackDigest ? jsonDigest([stackDigest, planned.policyContext]) : undefined;
        const previous = known[planned.name];
        let findings: PolicyFinding[];
        if (key && previous?.key === key) findings = previous.findings;
        else {
            findings = evaluateStacks([stacks[index]], config);
            reevaluated += 1;
        }
        if (key) verdicts[planned.name] = { key, findings };
        return findings;
    });
    cache.records.keepRecords(VERDICTS, pack, verdicts);
    return { ...summarise([...perStack, ...evaluateFleetStacks(stacks, config)], options.exceptions), reevaluated };
}
