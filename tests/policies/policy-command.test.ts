import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { register } from "../../cli/commands/policy";
import { runCommand } from "../helpers/cli";
import { syntheticFleet } from "../../bench/policy-fleet";

const FIXTURES = path.join(__dirname, "../fixtures/pulumi-real");
const EXPORT = path.join(FIXTURES, "sample-export.json");
const DELETES = path.join(FIXTURES, "sample-preview-deletes.json");
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
        const run = await meridian("policy", "check", "--policy-config", config, "--format", "json", EXPORT);
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
            "exceptions:\n  - rule: no-admin-policies\n    urn: 'urn:pulumi:dev::sample::*::docsHandler'\n    reason: legacy sample\n    expires: 2020-01-31\n",
        );
        const run = await meridian("policy", "check", "--exceptions", exceptions, EXPORT);
        assert.equal(run.status, 2);
        assert.equal(run.stdout, "");
        assert.equal(
            run.stderr,
            `error: ${exceptions}:5: exceptions[0].expires: the exception for no-admin-policies on urn:pulumi:dev::sample::*::docsHandler expired on 2020-01-31; fix the finding or renew the exception with a new reason\n`,
        );
    });
    it("refuses a blanket exception until 2099 (exit 2), and sets findings aside with it under --allow-broad", async () => {
        const exceptions = tempFile(
            "exceptions.yaml",
            "exceptions:\n  - rule: no-admin-policies\n    urn: '*RolePolicyAttachment*'\n    reason: sample app\n    expires: 2099-01-01\n",
        );
        const refused = await meridian("policy", "check", "--exceptions", exceptions, EXPORT);
        assert.deepEqual([refused.status, refused.stdout], [2, ""]);
        assert.match(refused.stderr, /^error: .*exceptions\.yaml:3: exceptions\[0\]\.urn: "\*RolePolicyAttachment\*" does not name one resource/);
        assert.match(refused.stderr, /\nerror: .*exceptions\.yaml:5: exceptions\[0\]\.expires: 2099-01-01 is more than a year away/);
        const run = await meridian("policy", "check", "--exceptions", exceptions, "--allow-broad", EXPORT);
        assert.equal(run.status, 1);
        assert.match(run.stdout, /\n1 mandatory, 0 advisory finding\(s\), 8 set aside by exceptions\n$/);
    });
});
