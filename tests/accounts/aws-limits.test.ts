import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { AWS_LIMITS, renderLimitsTable, SCP_MAX_CHARACTERS } from "../../accounts/aws-limits";
import { loadCatalog } from "../../stacks/catalog";
import { copyExampleCatalog, editFile, exampleLine, REPO_ROOT, runMeridian } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";

const ORG = "accounts/organization.yaml";
const ROOT_USER_SCP = "accounts/scps/deny-root-user.json";

/** An SCP whose compact JSON, as Meridian sends it, is exactly `characters` long; written indented, as people write them. */
function scpOfSize(characters: number): string {
    const document = (padding: number) => ({
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Action: "s3:PutBucketPolicy", Resource: `arn:aws:s3:::${"b".repeat(padding)}` }],
    });
    const base = JSON.stringify(document(1)).length;
    return JSON.stringify(document(1 + characters - base), null, 2);
}

/** `meridian plan` on a broken copy: exit 2, exactly these messages, and no plan-out directory. */
async function expectRefused(root: string, expected: string[]): Promise<void> {
    const out = path.join(root, "plan-out");
    const result = await runMeridianInProcess(["plan", "--root", root, "--out", out, "--quiet"]);
    assert.equal(result.stderr, expected.map((line) => `error: ${line}\n`).join(""));
    assert.equal(result.status, 2);
    assert.equal(result.stdout, "");
    assert.equal(fs.existsSync(out), false, "nothing may be written on bad input");
}

function edit(relative: string, change: (text: string) => string): (root: string) => void {
    return (root) => editFile(root, relative, change);
}

const SIX_DEEP =
    "  - name: Sandbox\n    children:\n      - name: L2\n        children:\n          - name: L3\n            children:\n              - name: L4\n                children:\n                  - name: L5\n                    children:\n                      - name: L6\n";
const MANY_TAGS = `{ ${Array.from({ length: 49 }, (_, index) => `t${index}: v`).join(", ")} }`;

describe("AWS limits in catalog validation (each refused by meridian plan with exit 2, nothing written)", () => {
    const cases: Array<{ limit: keyof typeof AWS_LIMITS; title: string; edit: (root: string) => void; expected: string[] }> = [
        {
            limit: "scpSize",
            title: "an SCP one character over the limit as sent (compact JSON)",
            edit: (root) => fs.writeFileSync(path.join(root, ROOT_USER_SCP), scpOfSize(SCP_MAX_CHARACTERS + 1)),
            expected: [
                `${ORG}:${exampleLine(ORG, "    file: scps/deny-root-user.json")}: serviceControlPolicies[3].file: "scps/deny-root-user.json" is 5,121 characters as sent to AWS (compact JSON, placeholders filled in); AWS Organizations allows at most 5,120 per SCP: split it, or share statements`,
            ],
        },
        {
            limit: "scpsPerTarget",
            title: "five catalog SCPs on Root (six with FullAWSAccess)",
            edit: edit(ORG, (text) =>
                text.replace(
                    "    file: scps/deny-root-user.json\n    targets: [Root]\n",
                    "    file: scps/deny-root-user.json\n    targets: [Root]\n  - name: extra-one\n    file: scps/deny-root-user.json\n    targets: [Root]\n  - name: extra-two\n    file: scps/deny-root-user.json\n    targets: [Sandbox, Root]\n",
                ),
            ),
            expected: [
                `${ORG}:${exampleLine(ORG, "    file: scps/deny-root-user.json") + 7}: serviceControlPolicies[5].targets[1]: "Root" would have 6 SCPs attached (FullAWSAccess, deny-leave-organization, protect-security-services, deny-root-user, extra-one, extra-two); AWS allows 5 per root, OU or account, and FullAWSAccess stays attached, so at most 4 from the catalog`,
            ],
        },
        {
            limit: "ouDepth",
            title: "OUs nested 6 deep",
            edit: edit(ORG, (text) => text.replace("  - name: Sandbox\n", SIX_DEEP)),
            expected: [
                `${ORG}:${exampleLine(ORG, "  - name: Sandbox") + 10}: organizationalUnits[3].children[0].children[0].children[0].children[0].children[0].name: "L6" is 6 levels below the root; AWS allows OUs at most 5 deep`,
            ],
        },
        {
            limit: "scpGrammar",
            title: "an SCP with a misspelt Effect, no Action and a Principal",
            edit: (root) =>
                fs.writeFileSync(
                    path.join(root, ROOT_USER_SCP),
                    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Deny", "Action": "*", "Resource": "*" },\n    { "Effect": "Alow", "Resource": "*", "Principal": "*" }\n  ]\n}\n',
                ),
            expected: [
                `${ROOT_USER_SCP}:5: Statement[1].Effect: "Alow" is not Allow or Deny`,
                `${ROOT_USER_SCP}:5: Statement[1].Principal: unknown key "Principal"`,
            ],
        },
        {
            limit: "scpGrammar",
            title: "an SCP without Version and with a malformed action",
            edit: (root) =>
                fs.writeFileSync(path.join(root, ROOT_USER_SCP), '{ "Statement": { "Effect": "Deny", "Action": ["s3 GetObject"], "Resource": "*" } }\n'),
            expected: [
                `${ROOT_USER_SCP}:1: Version: is required (use 2012-10-17)`,
                `${ROOT_USER_SCP}:1: Statement[0].Action[0]: "s3 GetObject" is not an action: "*" or service:Action, where the action may use * and ?`,
            ],
        },
        {
            limit: "scpGrammar",
            title: "an SCP statement with both Action and NotAction",
            edit: (root) =>
                fs.writeFileSync(
                    path.join(root, ROOT_USER_SCP),
                    '{\n  "Version": "2012-10-17",\n  "Statement": { "Effect": "Deny", "Action": "iam:*", "NotAction": "iam:Get*", "Resource": "*" }\n}\n',
                ),
            expected: [`${ROOT_USER_SCP}:3: Statement[0]: must have exactly one of Action and NotAction`],
        },
        {
            limit: "roleName",
            title: "an access role name with spaces and !",
            edit: edit(ORG, (text) => text.replace("accessRoleName: OrganizationAccountAccessRole", "accessRoleName: Org Access Role!")),
            expected: [
                `${ORG}:${exampleLine(ORG, "accessRoleName: OrganizationAccountAccessRole")}: accessRoleName: "Org Access Role!" is not an IAM role name AWS accepts (1 to 64 characters: letters, digits and _+=,.@-; a name, not a path)`,
            ],
        },
        {
            limit: "roleName",
            title: "an access role name with a path",
            edit: edit(ORG, (text) => text.replace("accessRoleName: OrganizationAccountAccessRole", "accessRoleName: /bootstrap/AccessRole")),
            expected: [
                `${ORG}:${exampleLine(ORG, "accessRoleName: OrganizationAccountAccessRole")}: accessRoleName: "/bootstrap/AccessRole" is not an IAM role name AWS accepts (1 to 64 characters: letters, digits and _+=,.@-; a name, not a path)`,
            ],
        },
        {
            limit: "email",
            title: "emails AWS refuses: no dot in the domain, a local part with a comma, too long",
            edit: edit(ORG, (text) =>
                text
                    .replace("aws-audit@meridian.example.com", "aws-audit@localhost")
                    .replace("aws-log-archive@meridian.example.com", "log,archive@meridian.example.com")
                    .replace("aws-shared-services@meridian.example.com", `${"s".repeat(60)}@example.com`),
            ),
            expected: [
                `${ORG}:${exampleLine(ORG, "    email: aws-audit@meridian.example.com")}: accounts[0].email: "aws-audit@localhost" is not an email address AWS accepts: the domain must be letters, digits, hyphens and dots, contain a dot, and not start or end with a hyphen or dot`,
                `${ORG}:${exampleLine(ORG, "    email: aws-log-archive@meridian.example.com")}: accounts[1].email: "log,archive@meridian.example.com" is not an email address AWS accepts: the part before @ must be non-empty, without whitespace or "'()<>[]:;,\\|%&`,
                `${ORG}:${exampleLine(ORG, "    email: aws-shared-services@meridian.example.com")}: accounts[2].email: "${"s".repeat(60)}@example.com" is not an email address AWS accepts: it must be 6 to 64 characters`,
            ],
        },
        {
            limit: "tagKey",
            title: "a tag key that is too long and one in AWS's reserved prefix",
            edit: edit(ORG, (text) => text.replace("tags: { owner: platform }", `tags: { ${"k".repeat(129)}: x, "AWS:owner": platform }`)),
            expected: [
                `${ORG}:${exampleLine(ORG, "    tags: { owner: platform }")}: accounts[2].tags.${"k".repeat(129)}: tag keys may be at most 128 characters`,
                `${ORG}:${exampleLine(ORG, "    tags: { owner: platform }")}: accounts[2].tags.AWS:owner: tag key "AWS:owner" starts with aws:, which AWS reserves for itself`,
            ],
        },
        {
            limit: "tagValue",
            title: "a tag value that is too long",
            edit: edit(ORG, (text) => text.replace("tags: { owner: platform }", `tags: { owner: ${"v".repeat(257)} }`)),
            expected: [`${ORG}:${exampleLine(ORG, "    tags: { owner: platform }")}: accounts[2].tags.owner: tag values may be at most 256 characters`],
        },
        {
            limit: "tagCount",
            title: "49 tags on an account (51 with the provider's default tags)",
            edit: edit(ORG, (text) => text.replace("tags: { owner: platform }", `tags: ${MANY_TAGS}`)),
            expected: [
                `${ORG}:${exampleLine(ORG, "    tags: { owner: platform }")}: accounts[2].tags: has 51 tags with the provider's default tags (meridian:stack, meridian:managed-by); AWS allows 50 per account or OU`,
            ],
        },
        {
            limit: "accountName",
            title: "a management account name of 51 characters",
            edit: edit(ORG, (text) => text.replace("  name: management\n", `  name: ${"m".repeat(51)}\n`)),
            expected: [`${ORG}:${exampleLine(ORG, "  name: management")}: managementAccount.name: must be 1 to 50 printable ASCII characters`],
        },
        {
            limit: "ouName",
            title: "an OU name of 129 characters",
            edit: edit(ORG, (text) => text.replace("  - name: Sandbox\n", `  - name: S${"x".repeat(128)}\n`)),
            expected: [
                `${ORG}:${exampleLine(ORG, "  - name: Sandbox")}: organizationalUnits[3].name: "S${"x".repeat(128)}" is not a valid OU name (letters, digits, spaces, _ and -, starting with a letter; up to 128 characters)`,
            ],
        },
        {
            limit: "policyDescription",
            title: "an SCP description of 513 characters",
            edit: edit(ORG, (text) => text.replace("description: Member accounts cannot leave the organisation.", `description: ${"d".repeat(513)}`)),
            expected: [
                `${ORG}:${exampleLine(ORG, "    description: Member accounts cannot leave the organisation.")}: serviceControlPolicies[0].description: may be at most 512 characters`,
            ],
        },
        {
            limit: "policyName",
            title: "an SCP name of 129 characters",
            edit: edit(ORG, (text) => text.replace("  - name: deny-root-user\n", `  - name: d${"r".repeat(128)}\n`)),
            expected: [
                `${ORG}:${exampleLine(ORG, "  - name: deny-root-user")}: serviceControlPolicies[3].name: must be letters, digits, _ and - (up to 128 characters)`,
            ],
        },
    ];

    for (const testCase of cases) {
        it(`${testCase.limit}: refuses ${testCase.title}`, async () => {
            const root = copyExampleCatalog();
            testCase.edit(root);
            await expectRefused(root, testCase.expected);
        });
    }

    it("every limit in the table has a case above", () => {
        assert.deepEqual([...new Set(cases.map((testCase) => testCase.limit))].sort(), Object.keys(AWS_LIMITS).sort());
    });

    it("counts an SCP as sent: indentation does not count, so a document of exactly 5,120 compact characters passes", () => {
        const root = copyExampleCatalog();
        const text = scpOfSize(SCP_MAX_CHARACTERS);
        assert.ok(text.length > SCP_MAX_CHARACTERS, "the file as written is over the limit");
        fs.writeFileSync(path.join(root, ROOT_USER_SCP), text);
        assert.equal(JSON.stringify(loadCatalog(root).scpDocuments["deny-root-user"]).length, SCP_MAX_CHARACTERS);
    });

    it("measures an SCP with the catalog's regions filled in", () => {
        const root = copyExampleCatalog();
        const document = JSON.parse(scpOfSize(SCP_MAX_CHARACTERS - 10));
        document.Statement[0].Condition = { StringNotEquals: { "aws:RequestedRegion": "${meridian:regions}" } };
        const placeholderSize = JSON.stringify(document).length;
        fs.writeFileSync(path.join(root, ROOT_USER_SCP), JSON.stringify(document));
        assert.ok(placeholderSize > SCP_MAX_CHARACTERS, "the placeholder alone already pushes it over");
        assert.throws(() => loadCatalog(root), /"scps\/deny-root-user\.json" is 5,\d{3} characters as sent to AWS/);
    });

    describe("through the real binary (issue 9's must-show)", () => {
        const shown: Array<{ title: string; edit: (root: string) => void; expected: RegExp }> = [
            {
                title: "an oversized SCP",
                edit: (root) => fs.writeFileSync(path.join(root, ROOT_USER_SCP), scpOfSize(11_378)),
                expected: new RegExp(
                    `^error: accounts/organization\\.yaml:${exampleLine(ORG, "    file: scps/deny-root-user.json")}: serviceControlPolicies\\[3\\]\\.file: "scps/deny-root-user\\.json" is 11,378 characters`,
                ),
            },
            {
                title: "OUs 6 deep",
                edit: edit(ORG, (text) => text.replace("  - name: Sandbox\n", SIX_DEEP)),
                expected: new RegExp(
                    `^error: accounts/organization\\.yaml:${exampleLine(ORG, "  - name: Sandbox") + 10}: organizationalUnits\\[3\\](\\.children\\[0\\]){5}\\.name: "L6" is 6 levels below the root`,
                ),
            },
            {
                title: "a bad role name",
                edit: edit(ORG, (text) => text.replace("accessRoleName: OrganizationAccountAccessRole", "accessRoleName: Org Access Role!")),
                expected: new RegExp(
                    `^error: accounts/organization\\.yaml:${exampleLine(ORG, "accessRoleName: ")}: accessRoleName: "Org Access Role!" is not an IAM role name`,
                ),
            },
        ];
        for (const testCase of shown) {
            it(`meridian catalog validate on a copy with ${testCase.title} exits 2 naming file, line and path`, () => {
                const root = copyExampleCatalog();
                testCase.edit(root);
                const before = fs.readdirSync(root).sort();
                const result = runMeridian(["catalog", "validate", "--root", root]);
                assert.equal(result.status, 2);
                assert.equal(result.stdout, "");
                assert.match(result.stderr, testCase.expected);
                assert.deepEqual(fs.readdirSync(root).sort(), before);
            });
        }
    });

    it("docs/reference/errors.md lists the limits table as the code has it", () => {
        const page = fs.readFileSync(path.join(REPO_ROOT, "docs/reference/errors.md"), "utf8");
        assert.ok(page.includes(renderLimitsTable()), "regenerate the table in docs/reference/errors.md from renderLimitsTable()");
    });
});
