import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { mockClient } from "aws-sdk-client-mock";
import * as iam from "@aws-sdk/client-iam";
import * as organizations from "@aws-sdk/client-organizations";
import * as sts from "@aws-sdk/client-sts";
import * as accountsCommand from "../../cli/commands/accounts";
import { PROPOSAL_FILE } from "../../accounts/catalog-proposal";
import type { LiveOrganization } from "../../accounts/live-organization";
import { copyExampleCatalog, exampleLine } from "../helpers/example-catalog";
import { runCommand } from "../helpers/cli";
import { exampleLiveOrganization, PAYMENTS_STAGING_ID } from "./fixtures/example-organization";
import { FakeOrganizationsApi, READ_COMMANDS } from "./fixtures/fake-organizations-api";

/** Inside the member accounts: where the access role is missing, and which accounts have the GitHub OIDC provider. */
interface Members {
    withoutAccessRole?: string[];
    withGithubProvider?: string[];
}

/**
 * Every OrganizationsClient the command creates answers from `live`; STS and IAM answer as the
 * member accounts would. The probe lists providers right after assuming into an account, so IAM
 * answers for the account STS last let it into.
 */
function serve(live: LiveOrganization, members: Members = {}) {
    const api = new FakeOrganizationsApi(live);
    const mock = mockClient(organizations.OrganizationsClient);
    for (const [operation, command] of Object.entries(READ_COMMANDS))
        mock.on(command as never).callsFake((input: Record<string, unknown>) => api.handle(operation, input));
    let entered = "";
    memberMocks.sts = mockClient(sts.STSClient);
    memberMocks.sts.on(sts.AssumeRoleCommand).callsFake((input: sts.AssumeRoleCommandInput) => {
        const account = input.RoleArn!.split(":")[4];
        if (members.withoutAccessRole?.includes(account)) {
            throw Object.assign(
                new Error(`User: arn:aws:sts::111111111111:assumed-role/admin/x is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`),
                {
                    name: "AccessDenied",
                },
            );
        }
        entered = account;
        return { Credentials: { AccessKeyId: `AKIA${account}`, SecretAccessKey: "secret", SessionToken: "token", Expiration: new Date() } };
    });
    memberMocks.iam = mockClient(iam.IAMClient);
    memberMocks.iam.on(iam.ListOpenIDConnectProvidersCommand).callsFake(() => ({
        OpenIDConnectProviderList: members.withGithubProvider?.includes(entered)
            ? [{ Arn: `arn:aws:iam::${entered}:oidc-provider/token.actions.githubusercontent.com` }]
            : [{ Arn: `arn:aws:iam::${entered}:oidc-provider/accounts.google.com` }],
    }));
    return mock;
}

const memberMocks: { sts?: ReturnType<typeof mockClient>; iam?: ReturnType<typeof mockClient> } = {};

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
    afterEach(() => {
        mock?.restore();
        memberMocks.sts?.restore();
        memberMocks.iam?.restore();
    });

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

    it("diff names a member account the management account cannot enter, and says when it joined by invitation", async () => {
        const live = exampleLiveOrganization();
        live.accounts.find((account) => account.name === "payments-prod")!.joinedMethod = "INVITED";
        mock = serve(live, { withoutAccessRole: ["666666666666"] });
        const run = await runCommand(accountsCommand, ["accounts", "diff", "--root", catalogWithAllIds(), "--format", "json"]);
        assert.equal(run.status, 1);
        assert.deepEqual(
            JSON.parse(run.stdout).drifts.map((drift: { kind: string; subject: string; message: string }) => [drift.kind, drift.subject, drift.message]),
            [
                [
                    "access-role",
                    "account payments-prod",
                    "the management account cannot assume OrganizationAccountAccessRole (AccessDenied: User: arn:aws:sts::111111111111:assumed-role/admin/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::666666666666:role/OrganizationAccountAccessRole); the account joined by invitation, so Organizations never created the role. Create it with AdministratorAccess and trust in the management account (docs/guides/adopt-an-existing-organisation.md)",
                ],
            ],
        );
    });

    it("diff and import say where a GitHub OIDC provider exists that the catalog would create again", async () => {
        const live = exampleLiveOrganization();
        live.accounts.push({ id: "888888888888", name: "legacy", email: "legacy@example.com", state: "ACTIVE", parentId: "ou-ab12-sandbox", tags: {} });
        mock = serve(live, { withGithubProvider: ["555555555555", "888888888888"] });
        const root = catalogWithAllIds();
        const diff = await runCommand(accountsCommand, ["accounts", "diff", "--root", root]);
        assert.match(
            diff.stdout,
            /GitHub OIDC providers the catalog disagrees with:\n {2}account orders-prod: already has the GitHub Actions OIDC provider, and an account holds only one per URL: set githubOidcProvider: import \(or reuse, if something else manages it\)\n/,
        );
        const imported = await runCommand(accountsCommand, ["accounts", "import", "--root", root, "--out", path.join(root, "import.json"), "--write-catalog"]);
        assert.equal(imported.status, 0, imported.stderr);
        assert.match(imported.stdout, /account orders-prod: already has the GitHub Actions OIDC provider/);
        assert.match(fs.readFileSync(path.join(root, PROPOSAL_FILE), "utf8"), /- name: legacy\n(\s+\w+: .*\n)*\s+githubOidcProvider: import\n/);
    });

    it("exits 2 on a bad catalog, before calling AWS", async () => {
        mock = serve(exampleLiveOrganization());
        const root = copyExampleCatalog();
        const file = path.join(root, "accounts/organization.yaml");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('id: "222222222222"', 'id: "12345"'));
        const run = await runCommand(accountsCommand, ["accounts", "diff", "--root", root]);
        assert.equal(run.status, 2);
        assert.ok(
            run.stderr.startsWith(
                `error: accounts/organization.yaml:${exampleLine("accounts/organization.yaml", 'id: "222222222222"')}: accounts[0].id: "12345" is not a 12-digit account id`,
            ),
        );
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
