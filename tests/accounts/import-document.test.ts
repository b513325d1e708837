import { strict as assert } from "assert";
import { buildImportPlan, importedUrn, ORGANIZATION_TYPES } from "../../accounts/import-document";
import { loadCatalog } from "../../stacks/catalog";
import { exampleFleetPlan } from "../helpers/example-catalog";
import { exampleCatalogWithAllIds, exampleLiveOrganization, REPO_ROOT } from "./fixtures/example-organization";

describe("accounts import document", () => {
    it("uses the same URNs as the organization stack's plan, for every resource of the Organization component", async () => {
        const plan = await exampleFleetPlan();
        const stack = plan.stacks.find((candidate) => candidate.name === "organization")!;
        // The stack's other resources (the organisation trail, the state guard rails, the preview entry
        // role) are Meridian's own, created rather than adopted; resource control policies are not read
        // from the live organisation (yet), so the next up creates them.
        const ofOrganization = (urn: string) => /::meridian:accounts:Organization(\$|::)/.test(urn) && !urn.includes("::rcp-");
        const planned = new Map(stack.resources.filter((resource) => ofOrganization(resource.urn)).map((resource) => [resource.urn, resource]));

        const { file, toCreate } = buildImportPlan(exampleCatalogWithAllIds(), exampleLiveOrganization());
        const imported = file.resources.map((resource) => importedUrn(resource, stack.name, plan.project));

        // Every imported resource lands on a URN the program registers, with the same type and parent...
        for (const [index, urn] of imported.entries()) {
            const match = planned.get(urn);
            assert.ok(match, `imported ${urn} is not in the plan`);
            assert.equal(match.type, file.resources[index].type);
            const parentUrn = file.resources[index].parent
                ? importedUrn(
                      file.resources.find((resource) => resource.name === file.resources[index].parent)!,
                      stack.name,
                      plan.project,
                  )
                : undefined;
            if (parentUrn) assert.equal(match.parent, parentUrn);
        }
        // ...and the live example organisation covers every resource of the stack, so nothing is left to create.
        assert.deepEqual([...imported].sort(), [...planned.keys()].sort());
        assert.deepEqual(toCreate, []);
    });

    it("gives each resource its provider import id: OU id, account id, policy id, targetId:policyId", () => {
        const { file } = buildImportPlan(exampleCatalogWithAllIds(), exampleLiveOrganization());
        const byName = new Map(file.resources.map((resource) => [resource.name, resource]));
        assert.deepEqual(byName.get("organization"), { type: "meridian:accounts:Organization", name: "organization", component: true });
        assert.deepEqual(byName.get("ou-workloads-prod"), {
            type: ORGANIZATION_TYPES.organizationalUnit,
            name: "ou-workloads-prod",
            id: "ou-ab12-prod",
            parent: "organization",
        });
        assert.deepEqual(byName.get("account-orders-prod"), {
            type: ORGANIZATION_TYPES.account,
            name: "account-orders-prod",
            id: "555555555555",
            parent: "organization",
        });
        assert.deepEqual(byName.get("scp-deny-root-user"), {
            type: ORGANIZATION_TYPES.policy,
            name: "scp-deny-root-user",
            id: "p-rootuser0004",
            parent: "organization",
        });
        assert.equal(byName.get("scp-deny-unapproved-regions--infrastructure")!.id, "ou-ab12-infra:p-regions0003");
        assert.equal(byName.get("scp-deny-root-user--root")!.id, "r-ab12:p-rootuser0004");
        assert.deepEqual(file.nameTable, {});
    });

    it("adopts an account the catalog has no id for, found by its email", () => {
        const { file } = buildImportPlan(loadCatalog(REPO_ROOT), exampleLiveOrganization());
        assert.equal(file.resources.find((resource) => resource.name === "account-payments-staging")!.id, "777777777777");
    });

    it("leaves out what does not exist yet and what the catalog does not declare, and says what the next up creates", () => {
        const live = exampleLiveOrganization();
        live.accounts = live.accounts.filter((account) => account.name !== "payments-staging");
        live.organizationalUnits = live.organizationalUnits.filter((unit) => unit.path !== "Sandbox");
        live.serviceControlPolicies = live.serviceControlPolicies.filter((policy) => policy.name !== "deny-root-user");
        live.serviceControlPolicies.push({ id: "p-handmade", name: "hand-made", description: "", awsManaged: false, document: {}, targets: [] });
        live.accounts.push({ id: "888888888888", name: "legacy", email: "legacy@example.com", state: "ACTIVE", parentId: "r-ab12", tags: {} });

        const { file, toCreate } = buildImportPlan(loadCatalog(REPO_ROOT), live);

        assert.deepEqual(toCreate, [
            "ou Sandbox",
            "account payments-staging",
            "scp deny-unapproved-regions attachment to Sandbox",
            "scp deny-root-user",
            "scp deny-root-user attachment to Root",
            "scp protect-platform attachment to Sandbox",
            "scp confine-resource-policies attachment to Sandbox",
        ]);
        const ids = file.resources.map((resource) => resource.id);
        assert.ok(!ids.includes("888888888888") && !ids.includes("p-handmade"), "resources outside the catalog are never imported");
        assert.ok(!ids.includes("p-FullAWSAccess"));
    });
});
