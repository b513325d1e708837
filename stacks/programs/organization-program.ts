import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Organization } from "../../components/organization";
import { OrganizationTrail } from "../../components/organization-trail";
import { PreviewEntryRole } from "../../components/preview-roles";
import { StateBackend } from "../../components/state-backend";
import { managementPipelineStacks, sharedPipelineReads, stateStore } from "../ci-identity";
import { ORGANIZATION_COMPONENT_NAME, previewRoleName, roleArn } from "../../lib/contracts/naming";
import { PLACEHOLDERS, substitutePlaceholders } from "../../accounts/policy-placeholders";
import { ownerOfAccount } from "../catalog";
import type { StackContext, StackOutputs } from "../program-context";

/**
 * Wave 0, in the management account: OUs, accounts, SCPs, RCPs and their attachments, the
 * organisation trail, the state bucket's and key's policies, and the preview entry role that
 * pull-request previews assume.
 */
export async function organizationProgram(context: StackContext): Promise<StackOutputs> {
    const { catalog } = context;
    const organization = await aws.organizations.getOrganization();
    const { resourceControlPolicies, serviceControlPolicies } = catalog.organization;
    if (resourceControlPolicies.length > 0) requirePolicyTypeEnabled(organization, "RESOURCE_CONTROL_POLICY");
    // Only this stack knows the organisation's id; the catalog left its placeholder in the documents.
    const withOrganizationId = { [PLACEHOLDERS.organizationId]: organization.id };
    const specs = (policies: typeof serviceControlPolicies, documents: Record<string, Record<string, unknown>>) =>
        policies.map((policy) => ({
            name: policy.name,
            description: policy.description,
            document: substitutePlaceholders(documents[policy.name], withOrganizationId),
            targets: policy.targets,
        }));
    const org = new Organization(ORGANIZATION_COMPONENT_NAME, {
        rootId: organization.roots[0].id,
        accessRoleName: catalog.organization.accessRoleName,
        organizationalUnits: catalog.organization.organizationalUnits,
        accounts: catalog.organization.accounts.map((account) => ({
            name: account.name,
            email: account.email,
            ou: account.ou,
            tags: account.tags,
            id: account.id,
        })),
        serviceControlPolicies: specs(serviceControlPolicies, catalog.scpDocuments),
        resourceControlPolicies: specs(resourceControlPolicies, catalog.rcpDocuments),
    });
    const management = catalog.organization.managementAccount;
    new StateBackend("state", {
        state: stateStore(catalog),
        organizationId: organization.id,
        managementAccountId: management.id,
        sharedReads: sharedPipelineReads(catalog),
        managementStacks: managementPipelineStacks(),
    });
    const preview = new PreviewEntryRole("preview", {
        owner: management.name,
        managementAccountId: management.id,
        githubRepository: catalog.subsystems.pipeline.repository,
        organizationId: organization.id,
        state: stateStore(catalog),
        tags: { "meridian:stack": context.stack },
    });
    const trail = organizationTrail(context, organization.id, org.accountIds);
    return {
        organizationId: organization.id,
        previewEntryRoleArn: preview.roleArn,
        rootId: organization.roots[0].id,
        accountIds: org.accountIds,
        organizationalUnitIds: org.organizationalUnitIds,
        policyIds: org.policyIds,
        ...(trail ? { trailArn: trail.trailArn, trailBucketName: trail.bucketName } : {}),
    };
}

/** Attaching a policy of a type the organisation has not enabled fails mid-update; say so before anything changes. */
function requirePolicyTypeEnabled(organization: aws.organizations.GetOrganizationResult, type: string): void {
    const root = organization.roots[0];
    if (!root.policyTypes.some((policyType) => policyType.type === type && policyType.status === "ENABLED")) {
        throw new Error(
            `the organisation's root ${root.id} does not have ${type} enabled, which the catalog's policies need: ` +
                `run \`aws organizations enable-policy-type --root-id ${root.id} --policy-type ${type}\` in the management account once`,
        );
    }
}

/**
 * The trail lives here, in the management account, so no service control policy can freeze it;
 * its bucket is written into the log archive through that account's access role, the role its
 * own `.global` stack bootstraps with (a pull-request preview reads through its preview role).
 */
function organizationTrail(context: StackContext, organizationId: string, accountIds: pulumi.Output<Record<string, string>>): OrganizationTrail | undefined {
    const { catalog } = context;
    const settings = catalog.organization.organizationTrail;
    if (!settings) return undefined;
    const logArchiveId = accountIds.apply((ids) => ids[settings.account]);
    const role = context.previewOnly ? previewRoleName(ownerOfAccount(catalog, settings.account)) : catalog.organization.accessRoleName;
    const bucketProvider = new aws.Provider("log-archive", {
        region: catalog.regions.homeRegion,
        allowedAccountIds: [logArchiveId],
        assumeRoles: [{ roleArn: logArchiveId.apply((id) => roleArn(id, role)), sessionName: "meridian-organization-trail" }],
    });
    return new OrganizationTrail("organization-trail", {
        organizationId,
        managementAccountId: catalog.organization.managementAccount.id,
        region: catalog.regions.homeRegion,
        bucketProvider,
    });
}
