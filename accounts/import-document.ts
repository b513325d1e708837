import {
    ORGANIZATION_COMPONENT_NAME,
    ORGANIZATION_COMPONENT_TYPE,
    accountResourceName,
    ouResourceName,
    scpAttachmentResourceName,
    scpResourceName,
} from "../lib/contracts/naming";
import { ouPaths, ROOT_TARGET, type OrganizationModel } from "./organization-catalog";
import type { LiveOrganization } from "./live-organization";
import { matchAccounts } from "./organization-diff";

/**
 * The `pulumi import --file` document that adopts an existing organisation into the
 * `organization` stack. It names every resource exactly as the Organization component does
 * (type, logical name, flat parent), so that after the import the program's own registrations
 * land on the same URNs and `pulumi preview` shows no create or replace for them.
 */

export const ORGANIZATION_TYPES = {
    organizationalUnit: "aws:organizations/organizationalUnit:OrganizationalUnit",
    account: "aws:organizations/account:Account",
    policy: "aws:organizations/policy:Policy",
    policyAttachment: "aws:organizations/policyAttachment:PolicyAttachment",
} as const;

export interface ImportResource {
    type: string;
    name: string;
    /** The provider id: OU id, account id, policy id, `targetId:policyId` for an attachment. */
    id?: string;
    /** The name of another resource in this file (or in nameTable). */
    parent?: string;
    /** Creates the empty component that parents the others. */
    component?: true;
}

export interface PulumiImportFile {
    /** Name → URN of parents that already exist in the stack; empty, as the component is imported too. */
    nameTable: Record<string, string>;
    resources: ImportResource[];
}

export interface ImportPlan {
    file: PulumiImportFile;
    /** Catalog entries with no live counterpart: the next `pulumi up` creates them. */
    toCreate: string[];
}

export function buildImportPlan(catalog: OrganizationModel, live: LiveOrganization): ImportPlan {
    const organization = catalog.organization;
    const resources: ImportResource[] = [{ type: ORGANIZATION_COMPONENT_TYPE, name: ORGANIZATION_COMPONENT_NAME, component: true }];
    const toCreate: string[] = [];
    const child = (type: string, name: string, id: string) => resources.push({ type, name, id, parent: ORGANIZATION_COMPONENT_NAME });

    const ouIds = new Map<string, string>([[ROOT_TARGET, live.rootId]]);
    for (const unit of live.organizationalUnits) ouIds.set(unit.path, unit.id);
    for (const path of ouPaths(organization.organizationalUnits)) {
        const id = ouIds.get(path);
        if (id) child(ORGANIZATION_TYPES.organizationalUnit, ouResourceName(path), id);
        else toCreate.push(`ou ${path}`);
    }

    const matches = matchAccounts(organization.accounts, live);
    const targetIds = new Map(ouIds);
    for (const account of organization.accounts) {
        const found = matches.get(account.name);
        if (found) {
            child(ORGANIZATION_TYPES.account, accountResourceName(account.name), found.id);
            targetIds.set(account.name, found.id);
        } else {
            toCreate.push(`account ${account.name}`);
        }
    }

    for (const scp of organization.serviceControlPolicies) {
        const policy = live.serviceControlPolicies.find((candidate) => !candidate.awsManaged && candidate.name === scp.name);
        if (!policy) {
            toCreate.push(`scp ${scp.name}`, ...scp.targets.map((target) => `scp ${scp.name} attachment to ${target}`));
            continue;
        }
        child(ORGANIZATION_TYPES.policy, scpResourceName(scp.name), policy.id);
        const attached = new Set(policy.targets.map((target) => target.targetId));
        for (const target of scp.targets) {
            const targetId = targetIds.get(target);
            if (targetId && attached.has(targetId))
                child(ORGANIZATION_TYPES.policyAttachment, scpAttachmentResourceName(scp.name, target), `${targetId}:${policy.id}`);
            else toCreate.push(`scp ${scp.name} attachment to ${target}`);
        }
    }
    return { file: { nameTable: {}, resources }, toCreate };
}

/** The URN a resource of the file gets in the organisation stack (component children are flat). */
export function importedUrn(resource: ImportResource, stack: string, project: string): string {
    const typePath = resource.parent ? `${ORGANIZATION_COMPONENT_TYPE}$${resource.type}` : resource.type;
    return `urn:pulumi:${stack}::${project}::${typePath}::${resource.name}`;
}
