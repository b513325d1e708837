import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    ORGANIZATION_COMPONENT_TYPE,
    accountResourceName,
    ouResourceName,
    scpAttachmentResourceName,
    scpResourceName,
} from "./naming";
import {
    type OrganizationalUnitSpec,
    type ScpTarget,
    flattenOrganizationalUnits,
    resolveAccountParent,
    resolveScpTarget,
} from "./organization-tree";

export interface MemberAccountSpec {
    name: string;
    email: string;
    /** "Root" or the parent OU's path, e.g. "Workloads/Prod". */
    ou: string;
    tags?: Record<string, string>;
    /** The id of an existing account: it is adopted (imported), never created. */
    id?: string;
}

export interface ServiceControlPolicySpec {
    name: string;
    description?: string;
    /** The parsed JSON policy document. */
    document: Record<string, unknown>;
    /** "Root", OU paths or account names. */
    targets: string[];
}

export interface OrganizationArgs {
    /** The organisation's root id (`r-xxxx`), from `aws.organizations.getOrganization`. */
    rootId: pulumi.Input<string>;
    organizationalUnits: OrganizationalUnitSpec[];
    accounts: MemberAccountSpec[];
    serviceControlPolicies: ServiceControlPolicySpec[];
    /** The role Organizations creates in a new account for the management account to assume. */
    accessRoleName: string;
}

/**
 * OUs, member accounts and SCPs of the organisation. Every child is parented directly to this
 * component (flat URNs) under the logical names in naming.ts, which `meridian accounts import`
 * reproduces. Accounts are protected and retained, never closed: removing one from the catalog
 * only stops managing it.
 */
export class Organization extends pulumi.ComponentResource {
    /** Account name → account id. */
    readonly accountIds: pulumi.Output<Record<string, string>>;
    /** OU path → OU id. */
    readonly organizationalUnitIds: pulumi.Output<Record<string, string>>;
    /** SCP name → policy id. */
    readonly policyIds: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: OrganizationArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ORGANIZATION_COMPONENT_TYPE, name, {}, opts);
        const parent = { parent: this };

        const units = new Map<string, aws.organizations.OrganizationalUnit>();
        for (const unit of flattenOrganizationalUnits(args.organizationalUnits)) {
            const parentUnit = unit.parentPath ? units.get(unit.parentPath) : undefined;
            units.set(
                unit.path,
                new aws.organizations.OrganizationalUnit(
                    ouResourceName(unit.path),
                    { name: unit.name, parentId: parentUnit ? parentUnit.id : args.rootId, tags: unit.tags },
                    parent,
                ),
            );
        }
        const ouPaths = new Set(units.keys());
        const accounts = new Map<string, aws.organizations.Account>();
        const targetId = (target: ScpTarget): pulumi.Input<string> => {
            switch (target.kind) {
                case "root":
                    return args.rootId;
                case "ou":
                    return units.get(target.path)!.id;
                case "account":
                    return accounts.get(target.name)!.id;
            }
        };

        for (const account of args.accounts) {
            accounts.set(
                account.name,
                new aws.organizations.Account(
                    accountResourceName(account.name),
                    {
                        name: account.name,
                        email: account.email,
                        parentId: targetId(resolveAccountParent(account.name, account.ou, ouPaths)),
                        roleName: args.accessRoleName,
                        closeOnDeletion: false,
                        tags: account.tags ?? {},
                    },
                    {
                        ...parent,
                        protect: true,
                        retainOnDelete: true,
                        // Organizations does not report the access role, so an adopted account would otherwise show a diff forever.
                        ignoreChanges: ["roleName"],
                        ...(account.id ? { import: account.id } : {}),
                    },
                ),
            );
        }
        const accountNames = new Set(accounts.keys());

        const policies = new Map<string, aws.organizations.Policy>();
        for (const scp of args.serviceControlPolicies) {
            const targets = scp.targets.map((target) => ({ target, resolved: resolveScpTarget(scp.name, target, ouPaths, accountNames) }));
            const policy = new aws.organizations.Policy(
                scpResourceName(scp.name),
                { name: scp.name, description: scp.description ?? "", type: "SERVICE_CONTROL_POLICY", content: JSON.stringify(scp.document) },
                parent,
            );
            policies.set(scp.name, policy);
            for (const { target, resolved } of targets) {
                new aws.organizations.PolicyAttachment(
                    scpAttachmentResourceName(scp.name, target),
                    { policyId: policy.id, targetId: targetId(resolved) },
                    parent,
                );
            }
        }

        this.accountIds = idsByKey(accounts);
        this.organizationalUnitIds = idsByKey(units);
        this.policyIds = idsByKey(policies);
        this.registerOutputs({ accountIds: this.accountIds, organizationalUnitIds: this.organizationalUnitIds, policyIds: this.policyIds });
    }
}

function idsByKey(resources: ReadonlyMap<string, pulumi.CustomResource>): pulumi.Output<Record<string, string>> {
    const entries = [...resources].map(([key, resource]) => resource.id.apply((id): [string, string] => [key, id]));
    return pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs));
}
