import * as aws from "@pulumi/aws";
import { Organization } from "../../components/organization";
import { PreviewEntryRole } from "../../components/preview-roles";
import { StateBackend } from "../../components/state-backend";
import { managementPipelineStacks, sharedPipelineReads, stateStore } from "../ci-identity";
import { ORGANIZATION_COMPONENT_NAME } from "../../lib/contracts/naming";
import type { StackContext, StackOutputs } from "../program-context";

/**
 * Wave 0, in the management account: OUs, member accounts, SCPs and their attachments; the state
 * bucket's and key's policies; and the preview entry role that pull-request previews assume.
 */
export async function organizationProgram(context: StackContext): Promise<StackOutputs> {
    const { catalog } = context;
    const organization = await aws.organizations.getOrganization();
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
        serviceControlPolicies: catalog.organization.serviceControlPolicies.map((scp) => ({
            name: scp.name,
            description: scp.description,
            document: catalog.scpDocuments[scp.name],
            targets: scp.targets,
        })),
    });
    const management = catalog.organization.managementAccount;
    new StateBackend("state", {
        state: stateStore(catalog),
        organizationId: organization.id,
        managementAccountId: management.id,
        sharedReads: sharedPipelineReads(catalog),
        managementStacks: managementPipelineStacks(catalog),
    });
    const preview = new PreviewEntryRole("preview", {
        owner: management.name,
        managementAccountId: management.id,
        githubRepository: catalog.subsystems.pipeline.repository,
        organizationId: organization.id,
        state: stateStore(catalog),
        tags: { "meridian:stack": context.stack },
    });
    return {
        organizationId: organization.id,
        previewEntryRoleArn: preview.roleArn,
        rootId: organization.roots[0].id,
        accountIds: org.accountIds,
        organizationalUnitIds: org.organizationalUnitIds,
        policyIds: org.policyIds,
    };
}
