import { loadCatalog } from "../stacks/catalog";
import { planCatalog, PlanOptions } from "../stacks/plan";
import type { PlanDocument } from "../lib/contracts/plan-document";
import { evaluatePlannedStacks } from "../policies/evaluator";
import { loadActionCatalog } from "../policies/iam/action-catalog";
import { loadPolicySettings } from "../policies/policy-check";

/**
 * `meridian plan` = the offline plan of stacks/ plus the policy pack of policies/. The two meet
 * here, in the CLI layer: stacks/ renders, policies/ judges, and each runs without the other.
 */
export interface PlanWithPolicyOptions extends PlanOptions {
    /** Policy pack config (enforcement levels, rule settings), as given to `pulumi up --policy-pack-config`. */
    policyConfigFile?: string;
    /** Accepted findings; the repository's policies/exceptions.yaml by default. */
    exceptionsFile?: string;
    /** Accept exceptions that match more than one named resource or run more than a year. */
    allowBroad?: boolean;
    now?: Date;
}

export async function planWithPolicy(options: PlanWithPolicyOptions): Promise<PlanDocument> {
    // Everything that can be bad input is read before the first stack renders, so exit 2 writes nothing.
    const catalog = loadCatalog(options.root);
    const settings = loadPolicySettings({
        configFile: options.policyConfigFile,
        exceptionsFile: options.exceptionsFile,
        allowBroad: options.allowBroad,
        now: options.now,
    });
    const plan = await planCatalog(catalog, options);
    await loadActionCatalog();
    const evaluation = evaluatePlannedStacks(plan.stacks, { config: settings.config, exceptions: settings.exceptions });
    return { ...plan, policy: { findings: evaluation.findings, mandatory: evaluation.mandatory, advisory: evaluation.advisory } };
}
