import * as fs from "fs";
import * as path from "path";
import type { RuleScenario } from "../../policies/rules/scenario-kit";

export const RULES_DIR = path.resolve(__dirname, "../../policies/rules");

/** A rule's scenario table; none when the folder lacks one, which the unit check reports. */
export function scenariosOf(rule: string): RuleScenario[] {
    const file = path.join(RULES_DIR, rule, "scenarios.ts");
    return fs.existsSync(file) ? (require(file) as { scenarios: RuleScenario[] }).scenarios : [];
}
