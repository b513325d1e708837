import { strict as assert } from "assert";
import Ajv from "ajv-draft-04";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { register } from "../../cli/commands/policy";
import { runCommand } from "../helpers/cli";
import type { Log } from "sarif";
import { syntheticFleet } from "../../bench/policy-fleet";

const FIXTURES = path.join(__dirname, "../fixtures/pulumi-real");
const EXPORT = path.join(FIXTURES, "sample-export.json");
const DELETES = path.join(FIXTURES, "sample-preview-deletes.json");
// The SARIF 2.1.0 schema (draft-04) as published by the OASIS TC, shipped inside @microsoft/jest-sarif.
const SARIF_SCHEMA = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

/**
 * One schema pattern (a language tag) is not valid under the `u` flag ajv 8 uses by default, so
 * patterns are compiled without it; `format` (uri) is not checked, as ajv-formats is not installed.
 */
function sarifValidator() {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false, logger: false });
    return ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, "utf8")));
}

/** `meridian policy …` in process. */
function meridian(...args: string[]) {
    return runCommand({ register }, args);
}

function tempFile(name: string, text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-cli-")), name);
    fs.writeFileSync(file, text);
    return file;
}

describe("meridian policy check", () => {
    it("exits 1 on mandatory findings and prints each with stack, URN, message and remediation", async () => {
        const run = await meridian("policy", "check", EXPORT);
        assert.equal(run.status, 1);
        assert.match(
            run.stdout,
            /^MANDATORY permissions-boundary-required \(stack dev, .*sample-export\.json\)\n {2}urn:pulumi:dev::sample::.*aws:iam\/role:Role::docsHandler\n {2}role docsHandler has no permissions boundary\n {2}remediation: Set `permissionsBoundary`/m,
        );
        assert.match(run.stdout, /\n9 mandatory, 0 advisory finding\(s\)\n$/);
    });
    it("exits 0 when there is no mandatory finding", async () => {
        const run = await meridian("policy", "check", DELETES);
        assert.deepEqual([run.status, run.stdout], [0, "0 mandatory, 0 advisory finding(s)\n"]);
    });
    it("exits 0 when config makes every rule advisory", async () => {
        const config = tempFile("config.yaml", "all: advisory\n");
        const run = await meridian("policy", "check", "--config", config, "--format", "json", EXPORT);
        const result = JSON.parse(run.stdout);
        assert.deepEqual([run.status, result.mandatory, result.advisory], [0, 0, 9]);
    });
    it("checks a plan.json, running the fleet rules too", async () => {
        const stacks = syntheticFleet([{ name: "ledger", regions: ["us-east-1"], accounts: { prod: "333333333333" } }]);
        const plan = tempFile(
            "plan.json",
            JSON.stringify({ schemaVersion: 1, project: "meridian", root: "/x", stacks, policy: { findings: [], mandatory: 0, advisory: 0 } }),
        );
        const run = await meridian("policy", "check", "--format", "json", plan);
        const result = JSON.parse(run.stdout);
        assert.equal(run.status, 1);
        assert.deepEqual(
            result.findings.map((f: { policy: string }) => f.policy),
            ["fleet-no-single-point-of-failure"],
        );
        assert.deepEqual(result.inputs[0].kind, "plan");
    });
    it("exits 2 naming the file for unreadable input, and checks nothing", async () => {
        const run = await meridian("policy", "check", EXPORT, "nope.json");
        assert.deepEqual([run.status, run.stdout, run.stderr], [2, "", "error: nope.json: file not found\n"]);
    });
    it("exits 2 on an expired exception", async () => {
        const exceptions = tempFile(
            "exceptions.yaml",
            "exceptions:\n  - rule: no-admin-policies\n    urn: '*'\n    reason: legacy sample\n    expires: 2020-01-31\n",
        );
        const run = await meridian("policy", "check", "--exceptions", exceptions, EXPORT);
        assert.equal(run.status, 2);
        assert.equal(run.stdout, "");
        assert.equal(
            run.stderr,
            `error: ${exceptions}: exceptions[0].expires: the exception for no-admin-policies on * expired on 2020-01-31; fix the finding or renew the exception with a new reason\n`,
        );
    });
    it("sets findings aside with a valid exception", async () => {
        const exceptions = tempFile(
            "exceptions.yaml",
            "exceptions:\n  - rule: no-admin-policies\n    urn: '*RolePolicyAttachment*'\n    reason: sample app\n    expires: 2099-01-01\n",
        );
        const run = await meridian("policy", "check", "--exceptions", exceptions, EXPORT);
        assert.equal(run.status, 1);
        assert.match(run.stdout, /\n1 mandatory, 0 advisory finding\(s\), 8 set aside by exceptions\n$/);
    });
    it("emits SARIF 2.1.0 that validates against the schema", async () => {
        const run = await meridian("policy", "check", "--format", "sarif", EXPORT, path.join(FIXTURES, "sample-preview-creates.json"));
        assert.equal(run.status, 1);
        const log: Log = JSON.parse(run.stdout);
        const validate = sarifValidator();
        assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
        assert.equal(log.version, "2.1.0");
        const results = log.runs[0].results ?? [];
        assert.equal(results.length, 19);
        // The preview records no outputs, so the role's computed inline policies are unknown, as to the engine's analyzer.
        assert.deepEqual(
            results.filter((r) => r.level === "warning").map((r) => r.ruleId),
            ["no-privilege-escalation"],
        );
        const rules = log.runs[0].tool.driver.rules ?? [];
        for (const result of results) assert.equal(rules[result.ruleIndex ?? -1]?.id, result.ruleId);
    });
    it("the validator rejects a broken SARIF log (the schema test can fail)", () => {
        const validate = sarifValidator();
        assert.equal(validate({ version: "2.1.0", runs: [{ tool: { driver: {} }, results: [{ level: "fatal", message: { text: "x" } }] }] }), false);
    });
});
