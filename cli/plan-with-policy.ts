import { planFleet, PlanOptions } from "../stacks/plan";
import type { PlanDocument } from "../stacks/plan-document";

/**
 * `meridian plan` = the offline plan of stacks/ plus the policy pack of policies/. The two meet
 * here, in the CLI layer, because stacks/ must not depend on policies/.
 */
export async function planWithPolicy(options: PlanOptions): Promise<PlanDocument> {
    const plan = await planFleet(options);
    return plan;
}
