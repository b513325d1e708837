import { strict as assert } from "assert";
import { parse } from "yaml";
import { proposeCatalogEntries, renderProposal } from "../../accounts/catalog-proposal";
import { organizationCatalogSchema } from "../../accounts/organization-schema";
import { DEFAULT_TAGS, exampleCatalogWithAllIds, exampleLiveOrganization } from "./fixtures/example-organization";

describe("accounts import --write-catalog proposal", () => {
    it("proposes nothing when the catalog already covers the organisation", () => {
        assert.deepEqual(proposeCatalogEntries(exampleCatalogWithAllIds(), exampleLiveOrganization(), DEFAULT_TAGS), { organizationalUnits: [], accounts: [] });
    });

    it("proposes entries for live OUs and active accounts the catalog lacks, with the guesses flagged for review", () => {
        const live = exampleLiveOrganization();
        live.organizationalUnits.push({
            id: "ou-legacy",
            name: "Legacy",
            path: "Workloads/Legacy",
            parentId: "ou-ab12-workloads",
            tags: { ...DEFAULT_TAGS, team: "data" },
        });
        live.accounts.push(
            {
                id: "888888888888",
                name: "Legacy Data",
                email: "legacy@example.com",
                state: "ACTIVE",
                parentId: "ou-legacy",
                tags: { Environment: "prod", team: "data" },
            },
            { id: "012345678901", name: "audit", email: "old-audit@example.com", state: "ACTIVE", parentId: "r-ab12", tags: {} },
            { id: "999999999999", name: "gone", email: "gone@example.com", state: "SUSPENDED", parentId: "r-ab12", tags: {} },
        );

        const proposal = proposeCatalogEntries(exampleCatalogWithAllIds(), live, DEFAULT_TAGS);

        assert.deepEqual(proposal.organizationalUnits, [{ under: "Workloads", name: "Legacy", tags: { team: "data" } }]);
        assert.deepEqual(proposal.accounts, [
            {
                name: "legacy-data",
                id: "888888888888",
                email: "legacy@example.com",
                ou: "Workloads/Legacy",
                environment: "prod",
                tags: { Environment: "prod", team: "data" },
                review: ['name derived from "Legacy Data"; account names are 3-32 lower-case letters, digits and hyphens'],
            },
            {
                name: "audit-8901",
                id: "012345678901",
                email: "old-audit@example.com",
                ou: "Root",
                environment: "unassigned",
                review: ["name clashed with a catalog account; suffixed with the id's last digits", 'environment guessed as "unassigned"'],
            },
        ]);
    });

    it("renders YAML whose account entries are valid catalog entries, ids quoted, review notes as comments", () => {
        const live = exampleLiveOrganization();
        live.accounts.push({ id: "012345678901", name: "dev-box", email: "dev@example.com", state: "ACTIVE", parentId: "ou-ab12-sandbox", tags: {} });
        const text = renderProposal(proposeCatalogEntries(exampleCatalogWithAllIds(), live, DEFAULT_TAGS));

        assert.match(text, /id: "012345678901"/);
        assert.match(text, /# review: environment guessed as "dev"\n {2}- name: dev-box/);
        const parsed = parse(text) as { accounts: unknown[] };
        const catalog = organizationCatalogSchema.safeParse({
            managementAccount: { name: "management", id: "111111111111", email: "m@example.com" },
            accounts: parsed.accounts,
        });
        assert.ok(catalog.success, JSON.stringify(catalog.error?.issues));
    });
});
