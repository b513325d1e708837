import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { MERIDIAN_RULES } from "../../policies/rules";
import { runScenario } from "../../policies/rules/scenario-kit";
import { RULES_DIR, scenariosOf } from "./rule-tables";

/**
 * Every rule is one folder under policies/rules: the rule (index.ts), its scenario table
 * (scenarios.ts) and its reference text (README.md). This spec runs every table in process.
 */

describe("rule scenarios", () => {
    for (const rule of MERIDIAN_RULES) {
        describe(rule.name, () => {
            it("is one unit: its folder holds the rule, its scenario table and its reference text", () => {
                for (const file of ["index.ts", "scenarios.ts", "README.md"])
                    assert.ok(fs.existsSync(path.join(RULES_DIR, rule.name, file)), `${rule.name}/${file}`);
                const statuses = new Set(scenariosOf(rule.name).map((scenario) => scenario.expect));
                for (const status of ["pass", "violation", "not-applicable"] as const)
                    assert.ok(statuses.has(status), `${rule.name} has no ${status} scenario`);
            });
            it("declares only context keys its config schema accepts", () => {
                for (const key of rule.context) assert.ok(key in rule.configSchema.properties, `${rule.name} reads ${key} but its config schema lacks it`);
            });
            for (const scenario of scenariosOf(rule.name)) {
                it(scenario.name, () => {
                    const outcome = runScenario(rule, scenario);
                    assert.equal(outcome.status, scenario.expect, outcome.findings.map((finding) => finding.message).join("\n"));
                    // A violation carries the rule's level and remediation (no scenario changes the level).
                    for (const finding of outcome.status === "violation" ? outcome.findings : []) {
                        assert.equal(finding.level, rule.enforcementLevel);
                        assert.equal(finding.remediation, rule.remediationSteps);
                    }
                    // A rule that does not apply says why, in the outcome the evaluator returns.
                    if (outcome.status === "not-applicable") assert.match(outcome.reason ?? "", /\w/, `${rule.name} gives no reason for not applying`);
                    if (!scenario.messages) return;
                    const messages = outcome.findings.map((finding) => finding.message);
                    assert.equal(messages.length, scenario.messages.length, messages.join("\n"));
                    scenario.messages.forEach((expected, index) =>
                        expected instanceof RegExp ? assert.match(messages[index], expected) : assert.equal(messages[index], expected),
                    );
                });
            }
        });
    }
});
