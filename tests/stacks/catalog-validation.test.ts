import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadCatalog } from "../../stacks/catalog";
import { InputError } from "../../lib/input-error";
import { copyExampleCatalog, editFile, exampleLine, REPO_ROOT, runMeridian } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";

function problemsOf(root: string): string[] {
    try {
        loadCatalog(root);
    } catch (error) {
        assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
        return error.message.split("\n");
    }
    assert.fail("the catalog loaded, but it is broken");
}

describe("catalog validation", () => {
    it("loads the example fleet: 3 regions, 6 OUs (nested), 2 subsystems × 2 environments", () => {
        const catalog = loadCatalog(REPO_ROOT);
        assert.deepEqual(
            catalog.regions.regions.map((region) => region.code),
            ["us-east-1", "eu-west-1", "ap-southeast-2"],
        );
        assert.deepEqual(
            catalog.organization.organizationalUnits.find((unit) => unit.name === "Workloads")?.children?.map((unit) => unit.name),
            ["Prod", "Staging"],
        );
        assert.deepEqual(
            catalog.subsystems.subsystems.map((subsystem) => [subsystem.name, Object.keys(subsystem.accounts)]),
            [
                ["orders", ["prod", "staging"]],
                ["payments", ["prod", "staging"]],
            ],
        );
        // Defaults are applied per region, overrides kept.
        assert.equal(catalog.regions.regions[0].healthCheck.requestInterval, 10);
        assert.deepEqual(catalog.regions.regions[2].healthCheck.checkerRegions, ["ap-southeast-1", "ap-southeast-2", "us-west-1"]);
    });

    it("fills a region's unset health-check fields from the catalog's defaults, not the built-in ones", () => {
        const root = copyExampleCatalog();
        editFile(root, "regions/regions.yaml", (text) => text.replace("    requestInterval: 10\n", "    requestInterval: 30\n"));
        const southeast = loadCatalog(root).regions.regions.find((region) => region.code === "ap-southeast-2");
        assert.equal(southeast?.healthCheck.requestInterval, 30);
        assert.deepEqual(southeast?.healthCheck.checkerRegions, ["ap-southeast-1", "ap-southeast-2", "us-west-1"]);
    });

    it("substitutes the catalog's regions into SCPs that use the placeholder", () => {
        const catalog = loadCatalog(REPO_ROOT);
        const statement = (catalog.scpDocuments["deny-unapproved-regions"].Statement as Array<{ Condition: Record<string, Record<string, unknown>> }>)[0];
        assert.deepEqual(statement.Condition.StringNotEquals["aws:RequestedRegion"], ["us-east-1", "eu-west-1", "ap-southeast-2"]);
    });

    const cases: Array<{ title: string; file: string; edit: (text: string) => string; expected: string[] }> = [
        {
            title: "malformed YAML, reported with its line",
            file: "regions/regions.yaml",
            edit: (text) => text.replace("  - code: eu-west-1", "  - code: [eu-west-1"),
            expected: [
                `regions/regions.yaml:${exampleLine("regions/regions.yaml", "  - code: ap-southeast-2")}:3: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
            ],
        },
        {
            title: "an unquoted numeric account id",
            file: "accounts/organization.yaml",
            edit: (text) => text.replace('id: "222222222222"', "id: 222222222222"),
            expected: [
                `accounts/organization.yaml:${exampleLine("accounts/organization.yaml", '    id: "222222222222"')}: accounts[0].id: 222222222222 is a number in YAML, which drops leading zeros and signs; write it as a quoted string: "222222222222"`,
            ],
        },
        {
            title: "an unquoted account id with a leading zero, quoted back as it was written rather than as YAML read it",
            file: "accounts/organization.yaml",
            edit: (text) => text.replace('id: "222222222222"', "id: 022222222222"),
            expected: [
                `accounts/organization.yaml:${exampleLine("accounts/organization.yaml", '    id: "222222222222"')}: accounts[0].id: 022222222222 is a number in YAML, which drops leading zeros and signs; write it as a quoted string: "022222222222"`,
            ],
        },
        {
            title: "a short account id",
            file: "accounts/organization.yaml",
            edit: (text) => text.replace('id: "333333333333"', 'id: "12345"'),
            expected: [
                `accounts/organization.yaml:${exampleLine("accounts/organization.yaml", '    id: "333333333333"')}: accounts[1].id: "12345" is not a 12-digit account id (quote ids in YAML)`,
            ],
        },
        {
            title: "an unknown OU",
            file: "accounts/organization.yaml",
            edit: (text) =>
                text.replace(
                    "ou: Workloads/Staging\n    environment: staging\n    subsystem: orders",
                    "ou: Workloads/Stage\n    environment: staging\n    subsystem: orders",
                ),
            expected: [
                `accounts/organization.yaml:${exampleLine("accounts/organization.yaml", "  - name: orders-staging") + 3}: accounts[4].ou: "Workloads/Stage" is not an OU in organizationalUnits (known: Root, Security, Infrastructure, Workloads, Workloads/Prod, Workloads/Staging, Sandbox)`,
            ],
        },
        {
            title: "a duplicate email",
            file: "accounts/organization.yaml",
            edit: (text) => text.replace("aws-log-archive@meridian.example.com", "aws-audit@meridian.example.com"),
            expected: [
                `accounts/organization.yaml:${exampleLine("accounts/organization.yaml", "    email: aws-log-archive@meridian.example.com")}: accounts[1].email: "aws-audit@meridian.example.com" is already used by accounts[0].email; account emails must be unique`,
            ],
        },
        {
            title: "a duplicate account id",
            file: "accounts/organization.yaml",
            edit: (text) => text.replace('id: "666666666666"', 'id: "555555555555"'),
            expected: [
                `accounts/organization.yaml:${exampleLine("accounts/organization.yaml", '    id: "666666666666"')}: accounts[5].id: "555555555555" is already used by accounts[3].id; account ids must be unique`,
            ],
        },
        {
            title: "an unknown region code",
            file: "regions/regions.yaml",
            edit: (text) => text.replace("  - code: eu-west-1", "  - code: eu-west-9"),
            expected: [
                `regions/regions.yaml:${exampleLine("regions/regions.yaml", "  - code: eu-west-1")}: regions[1].code: "eu-west-9" is not an AWS region code (for example us-east-1, eu-west-1)`,
            ],
        },
        {
            title: "a subsystem with one region",
            file: "stacks/subsystems.yaml",
            edit: (text) => text.replace("regions: [us-east-1, eu-west-1]\n", "regions: [us-east-1]\n"),
            expected: [
                `stacks/subsystems.yaml:${exampleLine("stacks/subsystems.yaml", "    regions: [us-east-1, eu-west-1]")}: subsystems[1].regions: has 1 region; a subsystem needs at least 2 so that it can fail over`,
            ],
        },
        {
            title: "a missing SCP file",
            file: "accounts/organization.yaml",
            edit: (text) => text.replace("file: scps/deny-root-user.json", "file: scps/deny-root.json"),
            expected: [
                `accounts/organization.yaml:${exampleLine("accounts/organization.yaml", "    file: scps/deny-root-user.json")}: serviceControlPolicies[3].file: "scps/deny-root.json" does not exist (paths are relative to accounts/)`,
            ],
        },
        {
            title: "a subsystem account that does not exist",
            file: "stacks/subsystems.yaml",
            edit: (text) => text.replace("prod: payments-prod", "prod: payment-prod"),
            expected: [
                `stacks/subsystems.yaml:${exampleLine("stacks/subsystems.yaml", "      prod: payments-prod")}: subsystems[1].accounts.prod: "payment-prod" is not an account in accounts/organization.yaml (known: audit, log-archive, shared-services, orders-prod, orders-staging, payments-prod, payments-staging)`,
                `accounts/organization.yaml:${exampleLine("accounts/organization.yaml", "  - name: payments-prod") + 5}: accounts[5].subsystem: "payments" does not list account "payments-prod" in stacks/subsystems.yaml`,
            ],
        },
        {
            title: "a subsystem environment mapped to an account of another environment",
            file: "stacks/subsystems.yaml",
            edit: (text) =>
                text.replace("      prod: payments-prod\n      staging: payments-staging\n", "      prod: payments-staging\n      staging: payments-prod\n"),
            expected: [
                `stacks/subsystems.yaml:${exampleLine("stacks/subsystems.yaml", "      prod: payments-prod")}: subsystems[1].accounts.prod: account "payments-staging" has environment "staging" in accounts/organization.yaml, not "prod"`,
                `stacks/subsystems.yaml:${exampleLine("stacks/subsystems.yaml", "      staging: payments-staging")}: subsystems[1].accounts.staging: account "payments-prod" has environment "prod" in accounts/organization.yaml, not "staging"`,
            ],
        },
        {
            title: "a guard rail that leaves member accounts outside its targets",
            file: "accounts/organization.yaml",
            edit: (text) =>
                text.replace(
                    "    file: scps/deny-unapproved-regions.json\n    targets: [Security, Infrastructure, Workloads, Sandbox]",
                    "    file: scps/deny-unapproved-regions.json\n    targets: [Infrastructure, Workloads, Sandbox]",
                ),
            expected: [
                `accounts/organization.yaml:${exampleLine("accounts/organization.yaml", "    file: scps/deny-unapproved-regions.json") + 1}: serviceControlPolicies[2].targets: audit, log-archive are outside every target; everyMember needs each account under one (Root, an OU on its path, or the account)`,
            ],
        },
        {
            title: "a policy placeholder Meridian does not fill in",
            file: "accounts/scps/deny-root-user.json",
            edit: (text) => text.replace('"arn:aws:iam::*:root"', '"${meridian:rootUsers}"'),
            expected: [
                `accounts/organization.yaml:${exampleLine("accounts/organization.yaml", "    file: scps/deny-root-user.json")}: ` +
                    'serviceControlPolicies[3].file: "scps/deny-root-user.json" uses ${meridian:rootUsers}, which Meridian does not fill in (known: ${meridian:regions}, ${meridian:globalServices}, ${meridian:bootstrapRoles}, ${meridian:platformRoles}, ${meridian:boundaryPolicies}, ${meridian:platformBoundaries}, ${meridian:ownerRoles}, ${meridian:deploymentRoles}, ${meridian:organizationId})',
            ],
        },
        {
            title: "a state key outside the management account",
            file: "stacks/subsystems.yaml",
            edit: (text) => text.replace("arn:aws:kms:us-east-1:111111111111:key/", "arn:aws:kms:us-east-1:444444444444:key/"),
            expected: [
                `stacks/subsystems.yaml:${exampleLine("stacks/subsystems.yaml", "  stateKeyArn:")}: pipeline.stateKeyArn: the key is in account 444444444444; the state key must be in the management account (111111111111), where the organization stack manages its policy`,
            ],
        },
        {
            title: "a subsystem region outside the rotation",
            file: "stacks/subsystems.yaml",
            edit: (text) => text.replace("regions: [us-east-1, eu-west-1]\n", "regions: [us-east-1, eu-west-2]\n"),
            expected: [
                `stacks/subsystems.yaml:${exampleLine("stacks/subsystems.yaml", "    regions: [us-east-1, eu-west-1]")}: subsystems[1].regions[1]: "eu-west-2" is not in rotation in regions/regions.yaml (in rotation: us-east-1, eu-west-1, ap-southeast-2)`,
            ],
        },
        {
            title: "an alarm period Route 53 cannot watch",
            file: "regions/regions.yaml",
            edit: (text) => text.replace("    alarmPeriodSeconds: 60\n", "    alarmPeriodSeconds: 30\n"),
            expected: [
                `regions/regions.yaml:${exampleLine("regions/regions.yaml", "    alarmPeriodSeconds: 60")}: defaults.healthCheck.alarmPeriodSeconds: must be 60, 120, 180, 240 or 300: Route 53 watches only alarms with whole-minute periods`,
            ],
        },
        {
            title: "too few health-check regions and an unknown key",
            file: "regions/regions.yaml",
            edit: (text) => text.replace("checkerRegions: [ap-southeast-1, ap-southeast-2, us-west-1]", "checkerRegions: [ap-southeast-1]\n      interval: 5"),
            expected: [
                `regions/regions.yaml:${exampleLine("regions/regions.yaml", "      checkerRegions: [ap-southeast-1, ap-southeast-2, us-west-1]")}: regions[2].healthCheck.checkerRegions: must list at least 3 Route 53 checker regions`,
                `regions/regions.yaml:${exampleLine("regions/regions.yaml", "      checkerRegions: [ap-southeast-1, ap-southeast-2, us-west-1]")}: regions[2].healthCheck.checkerRegions: must span at least 2 geographies (North America, South America, Europe, Asia Pacific): checkers on one continent fail together with its network`,
                `regions/regions.yaml:${exampleLine("regions/regions.yaml", "      checkerRegions: [ap-southeast-1, ap-southeast-2, us-west-1]") + 1}: regions[2].healthCheck.interval: unknown key "interval"`,
            ],
        },
        {
            title: "a region in rotation that has no EventBridge global endpoints",
            file: "regions/regions.yaml",
            edit: (text) => text.replace("  - code: eu-west-1\n", "  - code: eu-west-1\n  - code: af-south-1\n"),
            expected: [
                `regions/regions.yaml:${exampleLine("regions/regions.yaml", "  - code: ap-southeast-2")}: regions[2].code: "af-south-1" does not offer EventBridge global endpoints, which every region in rotation needs (see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html#eb-ge-avail-regions (awsdocs/amazon-eventbridge-user-guide doc_source/eb-global-endpoints.md; cross-checked with feature-availability.html); regions/aws-regions.ts lists the regions that do)`,
            ],
        },
        {
            title: "checker regions all in one geography",
            file: "regions/regions.yaml",
            edit: (text) =>
                text.replace("checkerRegions: [ap-southeast-1, ap-southeast-2, us-west-1]", "checkerRegions: [ap-southeast-1, ap-southeast-2, ap-northeast-1]"),
            expected: [
                `regions/regions.yaml:${exampleLine("regions/regions.yaml", "      checkerRegions: [ap-southeast-1, ap-southeast-2, us-west-1]")}: regions[2].healthCheck.checkerRegions: must span at least 2 geographies (North America, South America, Europe, Asia Pacific): checkers on one continent fail together with its network`,
            ],
        },
        {
            title: "an alarm that fires on a single datapoint",
            file: "regions/regions.yaml",
            edit: (text) => text.replace("    alarmDatapointsToAlarm: 2\n", "    alarmDatapointsToAlarm: 1\n"),
            expected: [
                `regions/regions.yaml:${exampleLine("regions/regions.yaml", "    alarmDatapointsToAlarm: 2")}: defaults.healthCheck.alarmDatapointsToAlarm: Too small: expected number to be >=2`,
            ],
        },
        {
            title: "more breaching datapoints than evaluation periods",
            file: "regions/regions.yaml",
            edit: (text) =>
                text.replace(
                    "      checkerRegions: [ap-southeast-1, ap-southeast-2, us-west-1]",
                    "      checkerRegions: [ap-southeast-1, ap-southeast-2, us-west-1]\n      alarmDatapointsToAlarm: 4",
                ),
            expected: [
                `regions/regions.yaml:${exampleLine("regions/regions.yaml", "      checkerRegions: [ap-southeast-1, ap-southeast-2, us-west-1]") + 1}: regions[2].healthCheck.alarmDatapointsToAlarm: 4 breaching periods out of 3 can never happen in ap-southeast-2 (alarmDatapointsToAlarm must be at most alarmEvaluationPeriods)`,
            ],
        },
    ];

    for (const testCase of cases) {
        it(`rejects ${testCase.title}: meridian plan exits 2 with the message and writes nothing`, async () => {
            const root = copyExampleCatalog();
            editFile(root, testCase.file, testCase.edit);
            assert.deepEqual(problemsOf(root), testCase.expected);
            const out = path.join(root, "plan-out");
            const result = await runMeridianInProcess(["plan", "--root", root, "--out", out, "--quiet"]);
            assert.equal(result.status, 2);
            assert.equal(result.stderr, testCase.expected.map((line) => `error: ${line}\n`).join(""));
            assert.equal(result.stdout, "");
            assert.equal(fs.existsSync(out), false, "nothing may be written on bad input");
        });
    }

    it("rejects af-south-1 in a subsystem, even with it in rotation: no global endpoint there (exit 2, nothing written)", async () => {
        const root = copyExampleCatalog();
        editFile(root, "regions/regions.yaml", (text) => text.replace("  - code: eu-west-1\n", "  - code: eu-west-1\n  - code: af-south-1\n"));
        editFile(root, "stacks/subsystems.yaml", (text) => text.replace("regions: [us-east-1, eu-west-1]\n", "regions: [us-east-1, af-south-1]\n"));
        const out = path.join(root, "plan-out");
        const result = await runMeridianInProcess(["plan", "--root", root, "--out", out, "--quiet"]);
        assert.equal(result.status, 2);
        assert.match(result.stderr, /^error: regions\/regions\.yaml:23: regions\[2\]\.code: "af-south-1" does not offer EventBridge global endpoints/);
        assert.equal(fs.existsSync(out), false);
    });

    it("rejects an SCP file that is not valid JSON, writing nothing", async () => {
        const root = copyExampleCatalog();
        fs.writeFileSync(path.join(root, "accounts/scps/deny-root-user.json"), '{ "Version": "2012-10-17", ');
        const problems = problemsOf(root);
        assert.equal(problems.length, 1);
        assert.deepEqual(problems, ["accounts/scps/deny-root-user.json:1:28: is not valid JSON: expected double-quoted property name"]);
        const result = await runMeridianInProcess(["plan", "--root", root, "--out", path.join(root, "plan-out")]);
        assert.equal(result.status, 2);
        assert.equal(fs.existsSync(path.join(root, "plan-out")), false);
    });

    it("names where it looked when --root holds no catalog", async () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-empty-"));
        const result = await runMeridianInProcess(["catalog", "validate", "--root", empty]);
        assert.equal(result.status, 2);
        assert.deepEqual(result.stderr.trim().split("\n"), [
            `error: accounts/organization.yaml: file not found (looked for ${path.join(empty, "accounts/organization.yaml")}; is --root the tree that holds the catalogs?)`,
            `error: regions/regions.yaml: file not found (looked for ${path.join(empty, "regions/regions.yaml")}; is --root the tree that holds the catalogs?)`,
            `error: stacks/subsystems.yaml: file not found (looked for ${path.join(empty, "stacks/subsystems.yaml")}; is --root the tree that holds the catalogs?)`,
        ]);
    });

    it("reports every problem in every file at once", () => {
        const root = copyExampleCatalog();
        editFile(root, "accounts/organization.yaml", (text) => text.replace('id: "222222222222"', "id: 222222222222"));
        editFile(root, "regions/regions.yaml", (text) => text.replace("  - code: eu-west-1", "  - code: eu-west-9"));
        editFile(root, "stacks/subsystems.yaml", (text) => text.replace("dnsName: orders.meridian.example.com", "dnsName: Orders"));
        const problems = problemsOf(root);
        assert.deepEqual(
            problems.map((line) => line.split(":")[0]),
            ["accounts/organization.yaml", "regions/regions.yaml", "stacks/subsystems.yaml"],
        );
    });

    it("meridian plan on a broken copy exits 2 with the conventional message and writes nothing", () => {
        const root = copyExampleCatalog();
        editFile(root, "accounts/organization.yaml", (text) => text.replace('id: "333333333333"', 'id: "12345"'));
        const out = path.join(root, "plan-out");
        const result = runMeridian(["plan", "--root", root, "--out", out]);
        assert.equal(result.status, 2);
        assert.equal(
            result.stderr,
            `error: accounts/organization.yaml:${exampleLine("accounts/organization.yaml", '    id: "333333333333"')}: accounts[1].id: "12345" is not a 12-digit account id (quote ids in YAML)\n`,
        );
        assert.equal(result.stdout, "");
        assert.equal(fs.existsSync(out), false);
    });
});
