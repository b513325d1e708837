import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { applyExceptions, loadExceptions } from "../../policies/exceptions";
import { loadPolicyConfig, resolveRuleSettings, stackPolicyConfig } from "../../policies/policy-config";
import { MERIDIAN_RULES } from "../../policies/rules";
import { healthCheckTiming } from "../../policies/rules/health-check-timing";

const names = MERIDIAN_RULES.map((rule) => rule.name);
const NOW = new Date("2026-11-26T12:00:00Z");

function write(name: string, text: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-policy-"));
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
}

function problems(run: () => unknown): string[] {
    try {
        run();
    } catch (error) {
        if (error instanceof InputError) return error.message.split("\n");
        throw error;
    }
    assert.fail("expected an InputError");
}

describe("policy config", () => {
    it("fills schema defaults, then context, then the user's values", () => {
        const context = { failoverTargetSeconds: 300 };
        assert.deepEqual(resolveRuleSettings(healthCheckTiming, stackPolicyConfig([healthCheckTiming], {}, context)), {
            level: "mandatory",
            values: { failoverTargetSeconds: 300 },
        });
        assert.deepEqual(
            resolveRuleSettings(healthCheckTiming, stackPolicyConfig([healthCheckTiming], { "health-check-timing": { failoverTargetSeconds: 90 } }, context)),
            {
                level: "mandatory",
                values: { failoverTargetSeconds: 90 },
            },
        );
    });
    it("loads YAML and JSON config files", () => {
        const yamlFile = write("config.yaml", "no-wildcard-grants: advisory\nhealth-check-timing:\n  failoverTargetSeconds: 120\n");
        assert.deepEqual(loadPolicyConfig(yamlFile, MERIDIAN_RULES), {
            "no-wildcard-grants": "advisory",
            "health-check-timing": { failoverTargetSeconds: 120 },
        });
        const jsonFile = write("config.json", '{"all": {"enforcementLevel": "advisory"}}');
        assert.deepEqual(loadPolicyConfig(jsonFile, MERIDIAN_RULES), { all: { enforcementLevel: "advisory" } });
    });
    it("reports every problem: unknown rules, bad levels, unknown settings, wrong types", () => {
        const file = write(
            "config.yaml",
            "no-such-rule: advisory\nno-wildcard-grants: loud\nhealth-check-timing:\n  failoverTargetSeconds: soon\n  colour: red\n",
        );
        assert.deepEqual(
            problems(() => loadPolicyConfig(file, MERIDIAN_RULES)),
            [
                `${file}: no-such-rule: "no-such-rule" is not a rule of the pack (known: all, ${names.join(", ")})`,
                `${file}: no-wildcard-grants.enforcementLevel: "loud" is not one of advisory, mandatory, disabled`,
                `${file}: health-check-timing.failoverTargetSeconds: "soon" is not of type integer`,
                `${file}: health-check-timing.colour: unknown setting (allowed: enforcementLevel, failoverTargetSeconds)`,
            ],
        );
    });
});

describe("exceptions", () => {
    const finding = {
        policy: "no-wildcard-grants",
        level: "mandatory" as const,
        stack: "orders-prod.us-east-1",
        urn: "urn:pulumi:orders-prod.us-east-1::meridian::aws:iam/rolePolicy:RolePolicy::legacy",
        message: "m",
    };
    it("sets aside matching findings until the expiry date (inclusive)", () => {
        const file = write(
            "exceptions.yaml",
            "exceptions:\n  - rule: no-wildcard-grants\n    urn: 'urn:pulumi:orders-prod.*::legacy'\n    reason: migration ticket OPS-12\n    expires: 2026-11-26\n",
        );
        const exceptions = loadExceptions(file, names, NOW);
        assert.deepEqual(exceptions, [
            { rule: "no-wildcard-grants", urn: "urn:pulumi:orders-prod.*::legacy", reason: "migration ticket OPS-12", expires: "2026-11-26" },
        ]);
        const applied = applyExceptions([finding, { ...finding, policy: "scoped-resources" }], exceptions);
        assert.deepEqual(
            applied.findings.map((f) => f.policy),
            ["scoped-resources"],
        );
        assert.equal(applied.suppressed[0].exception.reason, "migration ticket OPS-12");
    });
    it("fails loudly on an expired exception", () => {
        const urn = "urn:pulumi:orders-prod.*::meridian::*::legacy";
        const file = write("exceptions.json", JSON.stringify({ exceptions: [{ rule: "no-wildcard-grants", urn, reason: "r", expires: "2026-11-25" }] }));
        assert.deepEqual(
            problems(() => loadExceptions(file, names, NOW)),
            [
                `${file}:1: exceptions[0].expires: the exception for no-wildcard-grants on ${urn} expired on 2026-11-25; fix the finding or renew the exception with a new reason`,
            ],
        );
    });
    it("rejects unknown rules, missing reasons and bad dates", () => {
        const file = write(
            "exceptions.yaml",
            "exceptions:\n  - rule: nope\n    urn: 'urn:pulumi:orders-prod.*::meridian::*::legacy'\n    reason: r\n    expires: 2027-01-01\n",
        );
        assert.deepEqual(
            problems(() => loadExceptions(file, names, NOW)),
            [`${file}:2: exceptions[0].rule: "nope" is not a rule of the pack`],
        );
        const bad = write(
            "exceptions.yaml",
            "exceptions:\n  - rule: no-wildcard-grants\n    urn: 'urn:pulumi:orders-prod.*::meridian::*::legacy'\n    reason: ''\n    expires: next week\n",
        );
        assert.deepEqual(
            problems(() => loadExceptions(bad, names, NOW)),
            [`${bad}:4: exceptions[0].reason: must say why the risk is accepted`, `${bad}:5: exceptions[0].expires: must be a date, YYYY-MM-DD`],
        );
        // Days that do not exist would otherwise compare as strings and expire on another day (2027-13-01 only in 2028).
        for (const day of ["2027-13-01", "2027-02-30", "'2027-00-10'"]) {
            const impossible = write(
                "exceptions.yaml",
                `exceptions:\n  - rule: no-wildcard-grants\n    urn: 'urn:pulumi:orders-prod.*::meridian::*::legacy'\n    reason: r\n    expires: ${day}\n`,
            );
            assert.deepEqual(
                problems(() => loadExceptions(impossible, names, NOW)),
                [`${impossible}:5: exceptions[0].expires: must be a date, YYYY-MM-DD`],
                day,
            );
        }
    });
    it("refuses a blanket pattern and an expiry more than a year away, unless broad exceptions are allowed", () => {
        const file = write("exceptions.yaml", "exceptions:\n  - rule: no-wildcard-grants\n    urn: '*'\n    reason: legacy\n    expires: 2099-12-31\n");
        assert.deepEqual(
            problems(() => loadExceptions(file, names, NOW)),
            [
                `${file}:3: exceptions[0].urn: "*" does not name one resource: write urn:pulumi:<stack>::<project>::<type>::<name> with the name spelt out (the stack and type may use *), or pass --allow-broad`,
                `${file}:5: exceptions[0].expires: 2099-12-31 is more than a year away; accepted risks are reviewed at least yearly: expire it by 2027-11-26, or pass --allow-broad`,
            ],
        );
        assert.equal(loadExceptions(file, names, NOW, { allowBroad: true }).length, 1);
        // A year to the day is allowed; the stack and type may be wildcards, the name may not.
        const yearly = write(
            "exceptions.yaml",
            "exceptions:\n  - rule: no-wildcard-grants\n    urn: 'urn:pulumi:*::meridian::*::legacy'\n    reason: r\n    expires: 2027-11-26\n",
        );
        assert.equal(loadExceptions(yearly, names, NOW).length, 1);
        for (const urn of [
            "urn:pulumi:orders-prod.us-east-1::meridian::aws:iam/role:Role::legacy-*",
            "*RolePolicyAttachment*",
            "urn:pulumi:x::meridian::t::",
        ]) {
            const broad = write("exceptions.yaml", `exceptions:\n  - rule: no-wildcard-grants\n    urn: '${urn}'\n    reason: r\n    expires: 2027-01-01\n`);
            assert.equal(problems(() => loadExceptions(broad, names, NOW)).length, 1, urn);
        }
    });
    it("ships an empty, valid exceptions file", () => {
        assert.deepEqual(loadExceptions(path.join(__dirname, "../../policies/exceptions.yaml"), names, NOW), []);
    });
});
