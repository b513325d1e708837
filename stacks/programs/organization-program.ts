import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Organization } from "../../components/organization";
import { OrganizationTrail } from "../../components/organization-trail";
import { ORGANIZATION_COMPONENT_NAME, previewRoleName, roleArn } from "../../lib/contracts/naming";
import { ownerOfAccount } from "../catalog";
import type { StackContext, StackOutputs } from "../program-context";

/** Wave 0, in the management account: OUs, accounts, SCPs and their attachments, and the organisation trail. */
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
    const trail = organizationTrail(context, organization.id, org.accountIds);
    return {
        organizationId: organization.id,
        rootId: organization.roots[0].id,
        accountIds: org.accountIds,
        organizationalUnitIds: org.organizationalUnitIds,
        policyIds: org.policyIds,
        ...(trail ? { trailArn: trail.trailArn, trailBucketName: trail.bucketName } : {}),
    };
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
