import { strict as assert } from "assert";
import { diffOrganization, Drift, jsonEqual } from "../../accounts/organization-diff";
import type { LiveOrganization } from "../../accounts/live-organization";
import { loadCatalog } from "../../stacks/catalog";
import { DEFAULT_TAGS, exampleCatalogWithAllIds, exampleLiveOrganization, REPO_ROOT } from "./fixtures/example-organization";

const diff = (live: LiveOrganization, catalog = exampleCatalogWithAllIds()) => diffOrganization(catalog, live, { defaultTags: DEFAULT_TAGS });
const brief = (drifts: Drift[]) => drifts.map((drift) => `${drift.kind} | ${drift.subject} | ${drift.message}`);

function account(live: LiveOrganization, name: string) {
    return live.accounts.find((candidate) => candidate.name === name)!;
}

describe("diffOrganization", () => {
    it("finds no drift when the organisation matches the catalog", () => {
        assert.deepEqual(diff(exampleLiveOrganization()), []);
    });

    it("reports a catalog account that is not in the organisation, or is suspended", () => {
        const live = exampleLiveOrganization();
        live.accounts = live.accounts.filter((candidate) => candidate.name !== "audit");
        account(live, "log-archive").state = "SUSPENDED";
        assert.deepEqual(brief(diff(live)), [
            "account-missing | account audit | has no account 222222222222 in the organisation",
            "account-missing | account log-archive | is SUSPENDED in the organisation",
        ]);
    });

    it("reports an account still to be created, and one that exists but whose id the catalog lacks", () => {
        const live = exampleLiveOrganization();
        assert.deepEqual(brief(diff(live, loadCatalog(REPO_ROOT))), [
            "account-attributes | account payments-staging | id is 777777777777 (not recorded in the catalog)",
        ]);
        live.accounts = live.accounts.filter((candidate) => candidate.name !== "payments-staging");
        assert.deepEqual(brief(diff(live, loadCatalog(REPO_ROOT))), [
            "account-missing | account payments-staging | does not exist yet (no id in the catalog, no account with its email)",
        ]);
    });

    it("reports an account the catalog does not know, but not the management account or closed accounts", () => {
        const live = exampleLiveOrganization();
        live.accounts.push(
            { id: "888888888888", name: "legacy-data", email: "legacy@example.com", state: "ACTIVE", parentId: "ou-ab12-sandbox", tags: {} },
            { id: "999999999999", name: "closed-one", email: "closed@example.com", state: "CLOSED", parentId: "r-ab12", tags: {} },
        );
        assert.deepEqual(brief(diff(live)), [
            "account-extra | account legacy-data | exists in the organisation (888888888888, legacy@example.com, in Sandbox) but not in the catalog",
        ]);
    });

    it("reports an account in the wrong OU, and renamed or re-addressed accounts", () => {
        const live = exampleLiveOrganization();
        account(live, "orders-prod").parentId = "ou-ab12-staging";
        account(live, "orders-staging").name = "orders-stg";
        account(live, "audit").email = "audit@other.example.com";
        assert.deepEqual(brief(diff(live)), [
            'account-attributes | account audit | email is "audit@other.example.com", catalog says "aws-audit@meridian.example.com"',
            "account-wrong-ou | account orders-prod | is in Workloads/Staging, catalog says Workloads/Prod",
            'account-attributes | account orders-staging | name is "orders-stg", catalog says "orders-staging"',
        ]);
    });

    it("reports OU tree differences: missing and extra OUs, and the attachment a missing OU loses", () => {
        const live = exampleLiveOrganization();
        live.organizationalUnits = live.organizationalUnits.filter((unit) => unit.path !== "Sandbox");
        live.organizationalUnits.push({ id: "ou-ab12-old", name: "Legacy", path: "Workloads/Legacy", parentId: "ou-ab12-workloads", tags: {} });
        // A deleted OU takes its attachments with it.
        for (const policy of live.serviceControlPolicies) policy.targets = policy.targets.filter((target) => target.targetId !== "ou-ab12-sandbox");
        assert.deepEqual(brief(diff(live)), [
            "ou-missing | ou Sandbox | is in the catalog but not in the organisation",
            "ou-extra | ou Workloads/Legacy | exists in the organisation (ou-ab12-old) but not in the catalog",
            "scp-attachment-missing | scp deny-unapproved-regions | is not attached to Sandbox",
            "scp-attachment-missing | scp protect-platform | is not attached to Sandbox",
            "scp-attachment-missing | scp confine-resource-policies | is not attached to Sandbox",
        ]);
    });

    it("reports tag drift on accounts and OUs: missing, changed and unexpected tags, default tags included", () => {
        const live = exampleLiveOrganization();
        account(live, "orders-prod").tags = { ...DEFAULT_TAGS, owner: "someone-else", extra: "x" };
        delete live.organizationalUnits.find((unit) => unit.path === "Workloads/Prod")!.tags["meridian:managed-by"];
        assert.deepEqual(brief(diff(live)), [
            "tags | ou Workloads/Prod | tags differ: missing meridian:managed-by=pulumi",
            'tags | account orders-prod | tags differ: owner is "someone-else", catalog says "orders-team"; missing cost-centre=4100; unexpected extra=x',
        ]);
    });

    it("compares SCP documents as parsed JSON: key order does not matter, content does", () => {
        const live = exampleLiveOrganization();
        const leave = live.serviceControlPolicies.find((policy) => policy.name === "deny-leave-organization")!;
        const original = leave.document as { Version: string; Statement: unknown[] };
        leave.document = { Statement: original.Statement, Version: original.Version };
        assert.deepEqual(diff(live), []);

        const root = live.serviceControlPolicies.find((policy) => policy.name === "deny-root-user")!;
        (root.document as { Statement: Array<Record<string, unknown>> }).Statement[0].Action = "iam:*";
        const drifts = diff(live);
        assert.deepEqual(brief(drifts), ["scp-content | scp deny-root-user | document differs from scps/deny-root-user.json (statements DenyRootUser)"]);
        assert.deepEqual(drifts[0].actual, root.document);
    });

    it("reports missing and extra SCPs, and missing and extra attachments, ignoring AWS-managed policies", () => {
        const live = exampleLiveOrganization();
        live.serviceControlPolicies = live.serviceControlPolicies.filter((policy) => policy.name !== "protect-security-services");
        live.serviceControlPolicies.push({
            id: "p-handmade",
            name: "hand-made",
            description: "",
            awsManaged: false,
            document: {},
            targets: [{ targetId: "555555555555", type: "ACCOUNT", name: "orders-prod" }],
        });
        const leave = live.serviceControlPolicies.find((policy) => policy.name === "deny-leave-organization")!;
        leave.targets = [{ targetId: "ou-ab12-security", type: "ORGANIZATIONAL_UNIT", name: "Security" }];
        live.serviceControlPolicies.find((policy) => policy.awsManaged)!.targets.push({ targetId: "ou-ab12-prod", type: "ORGANIZATIONAL_UNIT", name: "Prod" });
        assert.deepEqual(brief(diff(live)), [
            "scp-attachment-missing | scp deny-leave-organization | is not attached to Root",
            "scp-attachment-extra | scp deny-leave-organization | is attached to Security, which the catalog does not list",
            "scp-missing | scp protect-security-services | is in the catalog but not in the organisation",
            "scp-extra | scp hand-made | exists in the organisation (p-handmade, attached to orders-prod) but not in the catalog",
        ]);
    });

    it("warns when the credentials reach a different organisation", () => {
        const live = exampleLiveOrganization();
        live.managementAccountId = "999999999999";
        assert.equal(
            diff(live)[0].message,
            "the credentials reach the organisation managed by 999999999999, but the catalog's management account is 111111111111",
        );
    });

    it("jsonEqual: objects by keys, arrays by order", () => {
        assert.ok(jsonEqual({ a: [1, { b: 2, c: 3 }] }, { a: [1, { c: 3, b: 2 }] }));
        assert.ok(!jsonEqual({ a: [1, 2] }, { a: [2, 1] }));
        assert.ok(!jsonEqual({ a: 1 }, { a: 1, b: undefined }));
        assert.ok(!jsonEqual("{}", {}));
    });
});
