import * as aws from "@pulumi/aws";
import { Organization } from "../../components/organization";
import { ORGANIZATION_COMPONENT_NAME } from "../../lib/contracts/naming";
import type { StackContext, StackOutputs } from "../program-context";

/** Wave 0, in the management account: OUs, member accounts, SCPs and their attachments. */
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
    return {
        organizationId: organization.id,
        rootId: organization.roots[0].id,
        accountIds: org.accountIds,
        organizationalUnitIds: org.organizationalUnitIds,
        policyIds: org.policyIds,
    };
}
