import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { mockClient } from "aws-sdk-client-mock";
import * as organizations from "@aws-sdk/client-organizations";
import * as accountsCommand from "../../cli/commands/accounts";
import { PROPOSAL_FILE } from "../../accounts/catalog-proposal";
import type { LiveOrganization } from "../../accounts/live-organization";
import { copyExampleCatalog } from "../helpers/example-catalog";
import { runCommand } from "../helpers/cli";
import { exampleLiveOrganization, PAYMENTS_STAGING_ID } from "./fixtures/example-organization";
import { FakeOrganizationsApi, READ_COMMANDS } from "./fixtures/fake-organizations-api";

/** Every OrganizationsClient the command creates answers from `live`. */
function serve(live: LiveOrganization) {
    const api = new FakeOrganizationsApi(live);
    const mock = mockClient(organizations.OrganizationsClient);
    for (const [operation, command] of Object.entries(READ_COMMANDS))
        mock.on(command as never).callsFake((input: Record<string, unknown>) => api.handle(operation, input));
    return mock;
}

/** A catalog copy in which payments-staging already has the id it has in the fixture organisation. */
function catalogWithAllIds(): string {
    const root = copyExampleCatalog();
    const file = path.join(root, "accounts/organization.yaml");
    fs.writeFileSync(
        file,
        fs.readFileSync(file, "utf8").replace("    email: aws-payments-staging@", `    id: "${PAYMENTS_STAGING_ID}"\n    email: aws-payments-staging@`),
    );
    return root;
}

describe("meridian accounts", () => {
    let mock: ReturnType<typeof serve> | undefined;
    afterEach(() => mock?.restore());

    it("diff exits 0 and says so when there is no drift", async () => {
        mock = serve(exampleLiveOrganization());
        const run = await runCommand(accountsCommand, ["accounts", "diff", "--root", catalogWithAllIds()]);
        assert.equal(run.stderr, "");
        assert.equal(run.stdout, "no drift: the organisation matches the catalog\n");
        assert.equal(run.status, 0);
    });

    it("diff exits 1 on drift and reports it as JSON", async () => {
        const live = exampleLiveOrganization();
        live.accounts.find((account) => account.name === "orders-prod")!.parentId = "ou-ab12-staging";
        mock = serve(live);
        const run = await runCommand(accountsCommand, ["accounts", "diff", "--root", catalogWithAllIds(), "--format", "json"]);
        assert.equal(run.status, 1);
        const report = JSON.parse(run.stdout);
        assert.equal(report.drift, true);
        assert.deepEqual(report.drifts, [
            {
                kind: "account-wrong-ou",
                subject: "account orders-prod",
                message: "is in Workloads/Staging, catalog says Workloads/Prod",
                expected: "Workloads/Prod",
                actual: "Workloads/Staging",
            },
        ]);
    });

    it("diff groups drift by kind in text", async () => {
        const live = exampleLiveOrganization();
        live.accounts = live.accounts.filter((account) => account.name !== "audit");
        mock = serve(live);
        const run = await runCommand(accountsCommand, ["accounts", "diff", "--root", catalogWithAllIds()]);
        assert.equal(
            run.stdout,
            [
                "Accounts in the catalog, not in the organisation:",
                "  account audit: has no account 222222222222 in the organisation",
                "",
                "1 difference",
                "",
            ].join("\n"),
        );
        assert.equal(run.status, 1);
    });

    it("exits 2 on a bad catalog, before calling AWS", async () => {
        mock = serve(exampleLiveOrganization());
        const root = copyExampleCatalog();
        const file = path.join(root, "accounts/organization.yaml");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('id: "222222222222"', 'id: "12345"'));
        const run = await runCommand(accountsCommand, ["accounts", "diff", "--root", root]);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^error: accounts\/organization\.yaml: accounts\[0\]\.id: "12345" is not a 12-digit account id/);
        assert.equal(mock.calls().length, 0);
    });

    it("exits 1 with the AWS error when Organizations refuses", async () => {
        mock = mockClient(organizations.OrganizationsClient);
        mock.onAnyCommand().rejects(new organizations.AccessDeniedException({ message: "not allowed", $metadata: {} }));
        const run = await runCommand(accountsCommand, ["accounts", "diff", "--root", copyExampleCatalog()]);
        assert.equal(run.status, 1);
        assert.equal(
            run.stderr,
            "error: could not read the organisation from AWS Organizations (AccessDeniedException: not allowed); use management-account credentials\n",
        );
    });

    it("import writes the import document and, with --write-catalog, a proposal beside the catalog without touching it", async () => {
        const live = exampleLiveOrganization();
        live.accounts.push({ id: "888888888888", name: "legacy", email: "legacy@example.com", state: "ACTIVE", parentId: "ou-ab12-sandbox", tags: {} });
        mock = serve(live);
        const root = copyExampleCatalog();
        const catalogBefore = fs.readFileSync(path.join(root, "accounts/organization.yaml"), "utf8");
        const out = path.join(root, "out/import.json");

        const run = await runCommand(accountsCommand, ["accounts", "import", "--root", root, "--out", out, "--write-catalog"]);

        assert.equal(run.status, 0, run.stderr);
        const document = JSON.parse(fs.readFileSync(out, "utf8"));
        // The component, 6 OUs, 7 accounts, 6 SCPs and their 15 attachments.
        assert.equal(document.resources.length, 1 + 6 + 7 + 6 + 15);
        assert.equal(document.resources.find((resource: { name: string }) => resource.name === "account-payments-staging").id, PAYMENTS_STAGING_ID);
        assert.match(run.stdout, /wrote .*import\.json: 34 resources to import under organization\n/);
        assert.match(run.stdout, /wrote accounts\/organization\.proposed\.yaml: 1 accounts and 0 OUs/);
        assert.match(fs.readFileSync(path.join(root, PROPOSAL_FILE), "utf8"), /- name: legacy\n\s+id: "888888888888"/);
        assert.equal(fs.readFileSync(path.join(root, "accounts/organization.yaml"), "utf8"), catalogBefore);
    });

    it("import prints only the document on stdout when there is no --out, so it can be piped", async () => {
        const live = exampleLiveOrganization();
        live.accounts = live.accounts.filter((account) => account.name !== "payments-staging");
        mock = serve(live);
        const run = await runCommand(accountsCommand, ["accounts", "import", "--root", copyExampleCatalog()]);
        assert.equal(run.status, 0);
        assert.equal(JSON.parse(run.stdout).resources[0].component, true);
        assert.equal(run.stderr, "not found, the next pulumi up creates it: account payments-staging\n");
    });
});
