import type { NormalisedResource, NormalisedStack } from "../../policies/normalised-stack";
import type { PolicyPackConfig } from "../../policies/policy-config";
import type { RuleOutcome } from "../../policies/evaluator";
import type { MeridianRule } from "../../policies/rule-kit";
import { runScenario, stackOf as stackWith } from "../../policies/rules/scenario-kit";

/** Test helpers beyond the scenario tables: run one rule over ad-hoc resources, as the scenario runner does. */

export { ACCOUNT, attachment, document, managedPolicy, resource, role, roleArn, rolePolicy } from "../../policies/rules/scenario-kit";

export function stackOf(...resources: NormalisedResource[]): NormalisedStack {
    return stackWith(resources);
}

/** The outcome for the first resource (resource rules) or for the stack (stack rules). */
export function outcomeOf(rule: MeridianRule, resources: NormalisedResource | NormalisedResource[], config: PolicyPackConfig = {}): RuleOutcome {
    return runScenario(rule, { name: "ad hoc", resources: Array.isArray(resources) ? resources : [resources], config, expect: "pass" });
}

export function messages(outcome: RuleOutcome): string[] {
    return outcome.findings.map((finding) => finding.message);
}
