import { loadCatalog } from "../stacks/catalog";
import type { Catalog } from "../stacks/catalog-types";
import { planCatalog, PlanOptions } from "../stacks/plan";
import type { PlanDocument } from "../lib/contracts/plan-document";
import { evaluatePlannedStacks } from "../policies/evaluator";
import { loadPolicySettings } from "../policies/policy-check";
import type { PolicyPackConfig } from "../policies/policy-config";

/**
 * `meridian plan` = the offline plan of stacks/ plus the policy pack of policies/. The two meet
 * here, in the CLI layer, because stacks/ must not depend on policies/.
 */
export interface PlanWithPolicyOptions extends PlanOptions {
    /** Policy pack config (enforcement levels, rule settings), as given to `pulumi up --policy-pack-config`. */
    policyConfigFile?: string;
    /** Accepted findings; the repository's policies/exceptions.yaml by default. */
    exceptionsFile?: string;
    now?: Date;
}

export async function planWithPolicy(options: PlanWithPolicyOptions): Promise<PlanDocument> {
    // Everything that can be bad input is read before the first stack renders, so exit 2 writes nothing.
    const catalog = loadCatalog(options.root);
    const settings = loadPolicySettings({ configFile: options.policyConfigFile, exceptionsFile: options.exceptionsFile, now: options.now });
    const config: PolicyPackConfig = { ...catalogPolicyConfig(catalog), ...settings.config };
    const plan = await planCatalog(catalog, options);
    const evaluation = evaluatePlannedStacks(plan.stacks, { config, exceptions: settings.exceptions });
    return { ...plan, policy: { findings: evaluation.findings, mandatory: evaluation.mandatory, advisory: evaluation.advisory } };
}

/** The resilience rules judge timing against the catalog's own failover target and TTLs. */
export function catalogPolicyConfig(catalog: Catalog): PolicyPackConfig {
    return {
        "health-check-timing": {
            failoverTargetSeconds: catalog.regions.failoverTargetSeconds,
            dnsTtlSeconds: Math.max(...catalog.regions.regions.map((region) => region.dnsTtl)),
        },
    };
}
