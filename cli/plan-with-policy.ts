import { loadCatalog } from "../stacks/catalog";
import { planCatalogRun, PlanOptions, PlanRun } from "../stacks/plan";
import { renderCache } from "../stacks/offline/render-cache";
import type { PlanDocument } from "../lib/contracts/plan-document";
import { loadActionCatalog } from "../policies/iam/action-catalog";
import { loadPolicySettings } from "../policies/policy-check";
import { evaluatePlan } from "./policy-verdicts";

/**
 * `meridian plan` = the offline plan of stacks/ plus the policy pack of policies/. The two meet
 * here, in the CLI layer: stacks/ renders, policies/ judges, and each runs without the other.
 */
export interface PlanWithPolicyOptions extends Omit<PlanOptions, "cache"> {
    /** Policy pack config (enforcement levels, rule settings), as given to `pulumi up --policy-pack-config`. */
    policyConfigFile?: string;
    /** Accepted findings; the repository's policies/exceptions.yaml by default. */
    exceptionsFile?: string;
    /** Keep a render cache in this directory (the plan's output directory) and reuse what is still valid. */
    cacheDirectory?: string;
    /** False renders every stack and runs the pack on every stack, replacing the cache (`--no-cache`); true by default. */
    reuseCache?: boolean;
    /** Accept exceptions that match more than one named resource or run more than a year. */
    allowBroad?: boolean;
    now?: Date;
}

export async function planWithPolicy(options: PlanWithPolicyOptions): Promise<PlanDocument> {
    return (await planWithPolicyRun(options)).plan;
}

/** How a plan with its policy verdict was made. */
export interface PlanWithPolicyRun extends PlanRun {
    /** Stacks the pack's rules ran over this time; the others kept their cached findings. */
    policyReevaluated: number;
}

/** The plan, and how it was made (stacks rendered and reused, what each thread did, stacks the pack ran over). */
export async function planWithPolicyRun(options: PlanWithPolicyOptions): Promise<{ plan: PlanDocument; run: PlanWithPolicyRun }> {
    // Everything that can be bad input is read before the first stack renders, so exit 2 writes nothing.
    const catalog = loadCatalog(options.root);
    const settings = loadPolicySettings({
        configFile: options.policyConfigFile,
        exceptionsFile: options.exceptionsFile,
        allowBroad: options.allowBroad,
        now: options.now,
    });
    const reuse = options.reuseCache ?? true;
    const cache = options.cacheDirectory === undefined ? undefined : renderCache(options.cacheDirectory, catalog, { reuse });
    const { plan, run } = await planCatalogRun(catalog, { ...options, cache });
    await loadActionCatalog();
    const evaluation = evaluatePlan(plan, {
        ...settings,
        cache: cache && { records: cache, stackDigests: run.stackDigests },
    });
    return {
        plan: { ...plan, policy: { findings: evaluation.findings, mandatory: evaluation.mandatory, advisory: evaluation.advisory } },
        run: { ...run, policyReevaluated: evaluation.reevaluated },
    };
}
