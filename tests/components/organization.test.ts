import { strict as assert } from "node:assert";
import { Organization, type OrganizationArgs } from "../../components/organization";
import { flattenOrganizationalUnits } from "../../accounts/organization-tree";
import { ORGANIZATION_COMPONENT_NAME, ORGANIZATION_COMPONENT_TYPE } from "../../lib/contracts/naming";
import { type RenderedResource, cloudResources, ofType, render, renderFailure, single } from "./mock-harness";

const ACCOUNT = "aws:organizations/account:Account";
const OU = "aws:organizations/organizationalUnit:OrganizationalUnit";
const POLICY = "aws:organizations/policy:Policy";
const ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment";

const denyLeave = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] };

function args(): OrganizationArgs {
    return {
        rootId: "r-root",
        accessRoleName: "OrganizationAccountAccessRole",
        organizationalUnits: [{ name: "Security" }, { name: "Workloads", tags: { tier: "apps" }, children: [{ name: "Prod" }, { name: "Staging" }] }],
        accounts: [
            { name: "audit", id: "222222222222", email: "audit@example.com", ou: "Security", tags: { owner: "security" } },
            { name: "orders-prod", id: "555555555555", email: "orders@example.com", ou: "Workloads/Prod" },
            { name: "payments-staging", email: "payments@example.com", ou: "Workloads/Staging" },
            { name: "sandbox", email: "sandbox@example.com", ou: "Root" },
        ],
        serviceControlPolicies: [{ name: "deny-leave-organization", description: "stay", document: denyLeave, targets: ["Root", "Workloads/Prod", "audit"] }],
    };
}

async function renderOrganization(overrides: Partial<OrganizationArgs> = {}): Promise<RenderedResource[]> {
    return render((opts) => new Organization(ORGANIZATION_COMPONENT_NAME, { ...args(), ...overrides }, opts));
}

describe("Organization", () => {
    it("flattens the OU tree parents first, with paths", () => {
        const flat = flattenOrganizationalUnits(args().organizationalUnits);
        assert.deepEqual(
            flat.map((unit) => [unit.path, unit.parentPath]),
            [
                ["Security", undefined],
                ["Workloads", undefined],
                ["Workloads/Prod", "Workloads"],
                ["Workloads/Staging", "Workloads"],
            ],
        );
    });

    it("nests OUs through parentId and names every child as naming.ts does", async () => {
        const resources = await renderOrganization();
        const units = ofType(resources, OU);
        assert.deepEqual(units.map((unit) => unit.name).sort(), ["ou-security", "ou-workloads", "ou-workloads-prod", "ou-workloads-staging"]);
        assert.equal(single(resources, OU, "ou-workloads").inputs.parentId, "r-root");
        assert.equal(single(resources, OU, "ou-workloads-prod").inputs.parentId, "ou-workloads-id");
        assert.deepEqual(single(resources, OU, "ou-workloads").inputs.tags, { tier: "apps" });
    });

    it("parents every child directly to the component (flat URNs for accounts import)", async () => {
        const resources = await renderOrganization();
        const component = single(resources, ORGANIZATION_COMPONENT_TYPE);
        assert.equal(component.name, "organization");
        for (const child of resources.filter((resource) => resource.type !== ORGANIZATION_COMPONENT_TYPE)) {
            assert.equal(child.parentName, "organization", `${child.type} ${child.name}`);
        }
    });

    it("protects and retains every account, never closes one, and adopts accounts with ids", async () => {
        const resources = await renderOrganization();
        const accounts = ofType(resources, ACCOUNT);
        assert.equal(accounts.length, 4);
        for (const account of accounts) {
            assert.equal(account.inputs.closeOnDeletion, false, account.name);
            assert.equal(account.options.protect, true, account.name);
            assert.equal(account.options.retainOnDelete, true, account.name);
            assert.equal(account.inputs.roleName, "OrganizationAccountAccessRole");
        }
        assert.equal(single(resources, ACCOUNT, "account-audit").importId, "222222222222");
        assert.equal(single(resources, ACCOUNT, "account-audit").options.import, "222222222222");
        assert.equal(single(resources, ACCOUNT, "account-orders-prod").importId, "555555555555");
        assert.equal(single(resources, ACCOUNT, "account-payments-staging").importId, undefined);
        assert.equal(single(resources, ACCOUNT, "account-payments-staging").options.import, undefined);
    });

    it("places accounts in their OU or under the root", async () => {
        const resources = await renderOrganization();
        assert.equal(single(resources, ACCOUNT, "account-orders-prod").inputs.parentId, "ou-workloads-prod-id");
        assert.equal(single(resources, ACCOUNT, "account-sandbox").inputs.parentId, "r-root");
        assert.equal(single(resources, ACCOUNT, "account-audit").inputs.email, "audit@example.com");
        assert.deepEqual(single(resources, ACCOUNT, "account-audit").inputs.tags, { owner: "security" });
    });

    it("creates each SCP from its document and attaches it to the root, an OU and an account", async () => {
        const resources = await renderOrganization();
        const policy = single(resources, POLICY, "scp-deny-leave-organization");
        assert.equal(policy.inputs.type, "SERVICE_CONTROL_POLICY");
        assert.deepEqual(JSON.parse(String(policy.inputs.content)), denyLeave);
        const attachments = ofType(resources, ATTACHMENT);
        assert.deepEqual(attachments.map((a) => [a.name, a.inputs.targetId]).sort(), [
            ["scp-deny-leave-organization--audit", "account-audit-id"],
            ["scp-deny-leave-organization--root", "r-root"],
            ["scp-deny-leave-organization--workloads-prod", "ou-workloads-prod-id"],
        ]);
        for (const attachment of attachments) {
            assert.equal(attachment.inputs.policyId, "scp-deny-leave-organization-id");
        }
    });

    it("refuses an account whose OU is not in the tree, before registering any cloud resource", async () => {
        const failure = await renderFailure(
            (opts) =>
                new Organization(ORGANIZATION_COMPONENT_NAME, { ...args(), accounts: [{ name: "lost", email: "lost@example.com", ou: "Nowhere" }] }, opts),
        );
        assert.equal(failure.message, 'account lost: ou "Nowhere" is not "Root" or an OU path in the catalog');
        assert.deepEqual(cloudResources(failure.resources), []);
    });

    it("refuses an SCP aimed at an unknown target, before registering any cloud resource", async () => {
        const scp = { name: "deny-x", document: denyLeave, targets: ["Root", "Workloads/Dev"] };
        const failure = await renderFailure((opts) => new Organization(ORGANIZATION_COMPONENT_NAME, { ...args(), serviceControlPolicies: [scp] }, opts));
        assert.equal(failure.message, 'service control policy deny-x: target "Workloads/Dev" is not "Root", an OU path or an account name');
        assert.deepEqual(cloudResources(failure.resources), []);
    });
});
