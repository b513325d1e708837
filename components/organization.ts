import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    ORGANIZATION_COMPONENT_TYPE,
    accountResourceName,
    ouResourceName,
    rcpAttachmentResourceName,
    rcpResourceName,
    scpAttachmentResourceName,
    scpResourceName,
} from "../lib/contracts/naming";
import { type OrganizationalUnitSpec, type ScpTarget, flattenOrganizationalUnits, resolveAccountParent, resolveScpTarget } from "../accounts/organization-tree";

export interface MemberAccountSpec {
    name: string;
    email: string;
    /** "Root" or the parent OU's path, e.g. "Workloads/Prod". */
    ou: string;
    tags?: Record<string, string>;
    /** The id of an existing account: it is adopted (imported), never created. */
    id?: string;
}

/** An SCP or an RCP: a document and where it is attached. */
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
    /** Resource control policies; the organisation must have the policy type enabled. */
    resourceControlPolicies?: ServiceControlPolicySpec[];
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

        // Resolve every reference first, so a bad catalog registers nothing at all.
        const flatUnits = flattenOrganizationalUnits(args.organizationalUnits);
        const ouPaths = new Set(flatUnits.map((unit) => unit.path));
        const accountNames = new Set(args.accounts.map((account) => account.name));
        const accountParents = args.accounts.map((account) => resolveAccountParent(account.name, account.ou, ouPaths));
        const kinds = [
            { type: "SERVICE_CONTROL_POLICY", specs: args.serviceControlPolicies, policyName: scpResourceName, attachmentName: scpAttachmentResourceName },
            {
                type: "RESOURCE_CONTROL_POLICY",
                specs: args.resourceControlPolicies ?? [],
                policyName: rcpResourceName,
                attachmentName: rcpAttachmentResourceName,
            },
        ].map((kind) => ({
            ...kind,
            targets: kind.specs.map((policy) =>
                policy.targets.map((target) => ({ target, resolved: resolveScpTarget(policy.name, target, ouPaths, accountNames) })),
            ),
        }));

        const units = new Map<string, aws.organizations.OrganizationalUnit>();
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

        for (const unit of flatUnits) {
            const parentId = unit.parentPath ? targetId({ kind: "ou", path: unit.parentPath }) : args.rootId;
            units.set(unit.path, new aws.organizations.OrganizationalUnit(ouResourceName(unit.path), { name: unit.name, parentId, tags: unit.tags }, parent));
        }

        args.accounts.forEach((account, index) => {
            accounts.set(
                account.name,
                new aws.organizations.Account(
                    accountResourceName(account.name),
                    {
                        name: account.name,
                        email: account.email,
                        parentId: targetId(accountParents[index]),
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
        });

        const policies = new Map<string, aws.organizations.Policy>();
        for (const kind of kinds) {
            kind.specs.forEach((spec, index) => {
                const policy = new aws.organizations.Policy(
                    kind.policyName(spec.name),
                    { name: spec.name, description: spec.description ?? "", type: kind.type, content: JSON.stringify(spec.document) },
                    parent,
                );
                if (kind.type === "SERVICE_CONTROL_POLICY") policies.set(spec.name, policy);
                for (const { target, resolved } of kind.targets[index]) {
                    new aws.organizations.PolicyAttachment(
                        kind.attachmentName(spec.name, target),
                        { policyId: policy.id, targetId: targetId(resolved) },
                        parent,
                    );
                }
            });
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
