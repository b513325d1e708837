import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Log, Result } from "sarif";
import { findingLocator } from "../../stacks/finding-sources";
import { exampleFleetPlan, REPO_ROOT, runMeridian } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";
import { githubIngestionProblems, sarifSchemaProblems } from "../helpers/sarif-validation";
import type { LocatedFinding } from "../../policies/report/located-finding";

const EXPORT = "tests/fixtures/pulumi-real/sample-export.json";

const TRACKED = new Set(execFileSync("git", ["ls-files"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\n"));

/** Every result points at a line that exists in a file git tracks, relative to the repository root. */
function untrackedLocations(log: Log): string[] {
    return (log.runs[0].results ?? []).flatMap((result) => {
        const physical = result.locations![0].physicalLocation!;
        const uri = physical.artifactLocation!.uri!;
        if (!TRACKED.has(uri)) return [`${uri} is not a tracked file`];
        const lines = fs.readFileSync(path.join(REPO_ROOT, uri), "utf8").split("\n").length;
        return physical.region!.startLine! <= lines ? [] : [`${uri}:${physical.region!.startLine} is past the end of the file`];
    });
}

function where(result: Result): string {
    const physical = result.locations![0].physicalLocation!;
    return `${physical.artifactLocation!.uri}:${physical.region!.startLine}`;
}

describe("SARIF for GitHub code scanning", () => {
    it("policy check on the real CLI export fixture: valid SARIF 2.1.0, ingestible by GitHub, every result on a tracked line", () => {
        const run = runMeridian(["policy", "check", "--format", "sarif", EXPORT]);
        assert.equal(run.status, 1, run.stderr);
        const log: Log = JSON.parse(run.stdout);
        assert.deepEqual(sarifSchemaProblems(log), []);
        assert.deepEqual(githubIngestionProblems(log), []);
        assert.deepEqual(untrackedLocations(log), []);
        const results = log.runs[0].results ?? [];
        assert.equal(results.length, 9);
        // The export is not a Meridian stack: each result sits on its resource's own "urn" line in the export.
        const exportLines = fs.readFileSync(path.join(REPO_ROOT, EXPORT), "utf8").split("\n");
        for (const result of results) {
            const urn = result.locations![0].logicalLocations![0].fullyQualifiedName!;
            assert.ok(exportLines[result.locations![0].physicalLocation!.region!.startLine! - 1].includes(`"urn": "${urn}"`), urn);
        }
        for (const rule of log.runs[0].tool.driver.rules ?? []) assert.ok(["8.0", "5.0"].includes(String(rule.properties?.["security-severity"])), rule.id);
    });

    it("covers results from more than one input (an export and a preview)", async () => {
        const run = await runMeridianInProcess(["policy", "check", "--format", "sarif", EXPORT, "tests/fixtures/pulumi-real/sample-preview-creates.json"]);
        assert.equal(run.status, 1);
        const log: Log = JSON.parse(run.stdout);
        assert.deepEqual(sarifSchemaProblems(log), []);
        assert.deepEqual(githubIngestionProblems(log), []);
        assert.deepEqual(untrackedLocations(log), []);
        const results = log.runs[0].results ?? [];
        assert.equal(results.length, 19);
        // The preview records no outputs, so the role's computed inline policies are unknown, as to the
        // engine's analyzer; the Lambda permission's unknown source is named, so it is judged.
        assert.deepEqual(
            results.filter((result) => result.level === "warning").map((result) => result.ruleId),
            ["no-privilege-escalation"],
        );
    });

    it("the checks can fail: a log with an absolute URI, no fingerprint and no severity breaks GitHub's rules; a bad level breaks the schema", () => {
        const broken = {
            $schema: "https://json.schemastore.org/sarif-2.1.0.json",
            version: "2.1.0",
            runs: [
                {
                    tool: { driver: { name: "t", rules: [{ id: "r", shortDescription: { text: "s" }, fullDescription: { text: "f" }, help: { text: "h" } }] } },
                    results: [
                        {
                            ruleId: "r",
                            message: { text: "m" },
                            locations: [{ physicalLocation: { artifactLocation: { uri: "file:///home/x/plan-out/plan.json" }, region: { startLine: 1 } } }],
                        },
                    ],
                },
            ],
        } as Log;
        assert.deepEqual(githubIngestionProblems(broken), [
            "runs[0].tool.driver.rules[0].properties.security-severity must be a string score in (0.0, 10.0]",
            "runs[0].results[0]: the URI must be relative to the repository root",
            "runs[0].results[0].locations[0].physicalLocation.region.startColumn is required",
            "runs[0].results[0].locations[0].physicalLocation.region.endLine is required",
            "runs[0].results[0].locations[0].physicalLocation.region.endColumn is required",
            "runs[0].results[0].partialFingerprints.primaryLocationLineHash is required",
        ]);
        assert.notDeepEqual(
            sarifSchemaProblems({ version: "2.1.0", runs: [{ tool: { driver: {} }, results: [{ level: "fatal", message: { text: "x" } }] }] }),
            [],
        );
    });

    it("is the same whatever the working directory and however the input is named: relative URIs, stable fingerprints", () => {
        const first: Log = JSON.parse(runMeridian(["policy", "check", "--format", "sarif", EXPORT]).stdout);
        const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-sarif-"));
        const second: Log = JSON.parse(
            runMeridian(["policy", "check", "--format", "sarif", "--root", REPO_ROOT, path.join(REPO_ROOT, EXPORT)], REPO_ROOT, elsewhere).stdout,
        );
        assert.deepEqual(second, first);
        assert.ok(!JSON.stringify(first).includes(REPO_ROOT), "no absolute path of this machine in the log");
        const fingerprints = (first.runs[0].results ?? []).map((result) => result.partialFingerprints!.primaryLocationLineHash);
        assert.equal(new Set(fingerprints).size, fingerprints.length, "one identity per finding");
    });

    it("reports findings set aside by an exception as suppressed results, with the reason", () => {
        const exceptions = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-sarif-")), "exceptions.yaml");
        const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
        fs.writeFileSync(
            exceptions,
            `exceptions:\n  - rule: permissions-boundary-required\n    urn: 'urn:pulumi:dev::sample::*::docsHandler'\n    reason: sample app, ticket SEC-7\n    expires: ${expires}\n`,
        );
        const run = runMeridian(["policy", "check", "--format", "sarif", "--exceptions", exceptions, EXPORT]);
        const log: Log = JSON.parse(run.stdout);
        assert.deepEqual(githubIngestionProblems(log), []);
        const suppressed = (log.runs[0].results ?? []).filter((result) => result.suppressions);
        assert.deepEqual(
            suppressed.map((result) => [result.ruleId, result.suppressions]),
            [
                [
                    "permissions-boundary-required",
                    [{ kind: "external", status: "accepted", justification: `sample app, ticket SEC-7 (exception expires ${expires})` }],
                ],
            ],
        );
        assert.equal(log.runs[0].results!.length, 9, "a suppressed finding is still reported");
    });

    it("places a plan's findings on the catalog entries that produced their stacks", async () => {
        const plan = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-sarif-")), "plan.json");
        fs.writeFileSync(plan, JSON.stringify(await exampleFleetPlan()));
        const config = path.join(path.dirname(plan), "policy-config.yaml");
        // Tighter than the example fleet: no detection fits 30 s (a finding per regional stack), and no role's boundary matches.
        fs.writeFileSync(
            config,
            "health-check-timing:\n  failoverTargetSeconds: 30\npermissions-boundary-required:\n  boundaryArnPattern: 'arn:aws:iam::*:policy/none'\n",
        );
        const run = await runMeridianInProcess(["policy", "check", "--format", "sarif", "--root", REPO_ROOT, "--policy-config", config, plan]);
        assert.equal(run.status, 1, run.stderr);
        const log: Log = JSON.parse(run.stdout);
        assert.deepEqual(githubIngestionProblems(log), []);
        assert.deepEqual(untrackedLocations(log), []);
        const results = log.runs[0].results ?? [];
        const byStack = (stack: string) => new Set(results.filter((result) => result.properties?.stack === stack).map(where));
        const subsystems = fs.readFileSync(path.join(REPO_ROOT, "stacks/subsystems.yaml"), "utf8").split("\n");
        const regionsLine = subsystems.findIndex((line) => line.includes("regions: [us-east-1, eu-west-1, ap-southeast-2]")) + 1;
        assert.deepEqual([...byStack("orders-prod.eu-west-1")], [`stacks/subsystems.yaml:${regionsLine}`]);
        assert.ok(
            results.some((result) => result.properties?.stack === "orders-prod.eu-west-1" && result.ruleId === "health-check-timing"),
            "a stack-level finding too",
        );
        assert.ok(
            results.some((result) => result.properties?.stack === "orders-prod.eu-west-1" && result.ruleId === "health-check-timing"),
            "a stack-level finding is placed too",
        );
        const euWest = results.find((result) => result.properties?.stack === "orders-prod.eu-west-1")!;
        assert.equal(euWest.locations![0].physicalLocation!.region!.startColumn, subsystems[regionsLine - 1].indexOf("eu-west-1") + 1);
        const organization = fs.readFileSync(path.join(REPO_ROOT, "accounts/organization.yaml"), "utf8").split("\n");
        assert.deepEqual([...byStack("shared-services.global")], [`accounts/organization.yaml:${organization.indexOf("  - name: shared-services") + 1}`]);
    });

    describe("locating findings (stacks/finding-sources.ts)", () => {
        const locate = findingLocator(REPO_ROOT);
        const finding = (stack: string, urn: string): LocatedFinding => ({ policy: "p", level: "mandatory", stack, urn, message: "m", file: EXPORT });
        const organization = fs.readFileSync(path.join(REPO_ROOT, "accounts/organization.yaml"), "utf8").split("\n");
        const lineOf = (text: string) => organization.indexOf(text) + 1;
        const cases: Array<[string, LocatedFinding, string]> = [
            [
                "an account of the organization stack → its accounts entry",
                finding(
                    "organization",
                    "urn:pulumi:organization::meridian::meridian:accounts:Organization$aws:organizations/account:Account::account-orders-prod",
                ),
                `accounts/organization.yaml:${lineOf("  - name: orders-prod")}`,
            ],
            [
                "an SCP attachment → the target in its SCP entry",
                finding(
                    "organization",
                    "urn:pulumi:organization::meridian::meridian:accounts:Organization$aws:organizations/policyAttachment:PolicyAttachment::scp-deny-unapproved-regions--sandbox",
                ),
                `accounts/organization.yaml:${lineOf("    targets: [Security, Infrastructure, Workloads, Sandbox]")}`,
            ],
            [
                "a nested OU → its entry in the OU tree",
                finding(
                    "organization",
                    "urn:pulumi:organization::meridian::meridian:accounts:Organization$aws:organizations/organizationalUnit:OrganizationalUnit::ou-workloads-prod",
                ),
                `accounts/organization.yaml:${lineOf("      - name: Prod")}`,
            ],
            [
                "a stack the catalog does not know, under a Meridian component → the component's class",
                finding(
                    "ghost.us-east-1",
                    "urn:pulumi:ghost.us-east-1::meridian::meridian:subsystem:Subsystem$meridian:events:GlobalBus$aws:cloudwatch/eventBus:EventBus::bus",
                ),
                `components/global-bus.ts:${
                    fs
                        .readFileSync(path.join(REPO_ROOT, "components/global-bus.ts"), "utf8")
                        .split("\n")
                        .findIndex((line) => line.startsWith("export class GlobalBus")) + 1
                }`,
            ],
        ];
        for (const [title, input, expected] of cases) {
            it(title, () => {
                const { uri, span } = locate(input);
                assert.equal(`${uri}:${span.line}`, expected);
            });
        }
    });
});
