import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { FLEET_RULES } from "../../policies/fleet-rules";
import { type FleetScenario, runFleetScenario } from "../../policies/fleet/fleet-scenario-kit";

/**
 * Fleet rules that are one unit, a folder under policies/fleet holding the rule (index.ts), its
 * scenario table (scenarios.ts) and its reference text (README.md): this spec runs every table.
 */

const FLEET_DIR = path.resolve(__dirname, "../../policies/fleet");
const units = fs.readdirSync(FLEET_DIR).filter((entry) => fs.statSync(path.join(FLEET_DIR, entry)).isDirectory());

describe("fleet rule scenarios", () => {
    for (const unit of units) {
        describe(unit, () => {
            const rule = FLEET_RULES.find((candidate) => candidate.name === unit);
            const scenarios = (require(path.join(FLEET_DIR, unit, "scenarios.ts")) as { scenarios: FleetScenario[] }).scenarios;

            it("is one unit, registered in FLEET_RULES, with pass, violation and not-applicable scenarios", () => {
                assert.ok(rule, `${unit} is not in FLEET_RULES`);
                for (const file of ["index.ts", "scenarios.ts", "README.md"]) assert.ok(fs.existsSync(path.join(FLEET_DIR, unit, file)), `${unit}/${file}`);
                const statuses = new Set(scenarios.map((scenario) => scenario.expect));
                for (const status of ["pass", "violation", "not-applicable"] as const) assert.ok(statuses.has(status), `${unit} has no ${status} scenario`);
            });

            for (const scenario of scenarios) {
                it(scenario.name, () => {
                    const outcome = runFleetScenario(rule!, scenario);
                    assert.equal(outcome.status, scenario.expect, outcome.findings.map((finding) => finding.message).join("\n"));
                    for (const finding of outcome.findings) assert.equal(finding.remediation, rule!.remediationSteps);
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
