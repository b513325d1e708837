import { strict as assert } from "assert";
import { ORGANIZATION_FILE, readOrganizationCatalog } from "../../accounts/organization-catalog";
import { copyExampleCatalog, editFile } from "../helpers/example-catalog";

/** The problems readOrganizationCatalog finds in the example's organisation catalog after `change`, in process, as `path: message`. */
function problemsAfter(change: (text: string) => string): string[] {
    const root = copyExampleCatalog("meridian-organization-");
    editFile(root, ORGANIZATION_FILE, change);
    const read = readOrganizationCatalog(root, ["us-east-1", "eu-west-1", "ap-southeast-2"]);
    assert.ok(read.problems.length > 0 ? read.catalog === undefined : read.catalog !== undefined, "a catalog with problems is not returned");
    return read.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

/** Asserts that one problem starts with `expected` (the path and the start of the message). */
function refuses(change: (text: string) => string, expected: string): void {
    const problems = problemsAfter(change);
    assert.ok(
        problems.some((problem) => problem.startsWith(expected)),
        `expected a problem starting with\n  ${expected}\ngot\n  ${problems.join("\n  ")}`,
    );
}

describe("organisation catalog validation (readOrganizationCatalog, in process)", () => {
    it("accepts the example", () => {
        assert.deepEqual(
            problemsAfter((text) => `${text}\n`),
            [],
        );
    });

    it("refuses an account name used twice, naming the first use", () => {
        refuses(
            (text) => text.replace("  - name: orders-staging\n", "  - name: orders-prod\n"),
            'accounts[4].name: "orders-prod" is already used by accounts[3].name; account names must be unique',
        );
    });

    it("refuses an OIDC provider to reuse in an account still to be created", () => {
        refuses(
            (text) =>
                text.replace(
                    "    email: aws-payments-staging@meridian.example.com\n",
                    "    email: aws-payments-staging@meridian.example.com\n    githubOidcProvider: reuse\n",
                ),
            `accounts[6].githubOidcProvider: "reuse" needs the account's id`,
        );
    });

    it("refuses a trail in an account that is not a member", () => {
        refuses(
            (text) => text.replace("  account: log-archive\n", "  account: logs\n"),
            'organizationTrail.account: "logs" is not a member account in accounts',
        );
    });

    it("refuses a policy name used twice and a target that is neither Root, an OU path nor an account", () => {
        refuses(
            (text) => text.replace("  - name: protect-security-services\n", "  - name: deny-leave-organization\n"),
            'serviceControlPolicies[1].name: "deny-leave-organization" is already used by serviceControlPolicies[0].name;',
        );
        refuses(
            (text) => text.replace("    targets: [Root]\n", "    targets: [Nowhere]\n"),
            'serviceControlPolicies[0].targets[0]: "Nowhere" is not Root, an OU path or an account name',
        );
    });

    it("refuses an OU twice under one parent, and an OU named Root", () => {
        refuses(
            (text) => text.replace("      - name: Staging\n", "      - name: Staging\n      - name: Prod\n"),
            'organizationalUnits[2].children[2].name: "Prod" appears twice under the same parent',
        );
        refuses((text) => text.replace("  - name: Sandbox\n", "  - name: Root\n"), 'organizationalUnits[3].name: "Root" is reserved for the organisation root');
    });

    it("refuses a policy file outside accounts/", () => {
        refuses(
            (text) => text.replace("    file: scps/deny-leave-organization.json\n", "    file: ../README.md\n"),
            'serviceControlPolicies[0].file: "../README.md" points outside accounts/; SCP files must live under accounts/',
        );
    });

    it("refuses e-mail addresses AWS would refuse, saying which rule each breaks", () => {
        const email = (address: string) => (text: string) => text.replace("    email: aws-audit@meridian.example.com\n", `    email: "${address}"\n`);
        const rule = (address: string) => problemsAfter(email(address)).find((problem) => problem.startsWith("accounts[0].email: "));
        assert.match(rule("aws-audité@meridian.example.com") ?? "", /only 7-bit ASCII characters are allowed/);
        assert.match(rule("a@b@meridian.example.com") ?? "", /it needs exactly one @/);
        assert.match(rule("aws-audit") ?? "", /it needs exactly one @/);
        assert.match(rule(".aws-audit@meridian.example.com") ?? "", /the part before @ may not start with a dot/);
        assert.match(rule("aws-audit@-meridian.example.com") ?? "", /accounts\[0\]\.email: /);
        assert.equal(rule("aws-audit+1@meridian.example.com"), undefined);
    });

    it("refuses an account name AWS Organizations would not take, saying what is allowed", () => {
        refuses(
            (text) => text.replace("  - name: audit\n", "  - name: Audit_1\n"),
            'accounts[0].name: "Audit_1" is not a valid account name (lower-case letters, digits and hyphens',
        );
    });
});
