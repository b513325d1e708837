import type { LabelledDocument } from "../iam/permissions";
import { parsePolicyDocumentOrUndefined } from "../iam/policy-document";
import { FULL_AWS_ACCESS } from "./aws-authorization-facts";
import type { ResourceView } from "./resource-fields";

/** One level of an account's place in the organisation, with the SCPs attached there. */
export interface ScpLevel {
    /** `Root`, `OU Workloads/Prod`, `account orders-prod`. */
    target: string;
    policies: LabelledDocument[];
}

export interface OrganizationStructure {
    managementAccountId: string;
    organizationId?: string;
    /** The role Organizations creates in the member accounts it creates (`roleName` of the planned accounts). */
    accessRoleNames: ReadonlySet<string>;
    /** Account id → its SCP levels, root first. */
    scpLevels: ReadonlyMap<string, ScpLevel[]>;
}

interface Node {
    id: string;
    label: string;
    parentId?: string;
}

const lastSegment = (arn: unknown): string | undefined => (typeof arn === "string" ? arn.split("/").pop() : undefined);

/**
 * The organisation as the organization stack plans it: OUs, accounts, SCPs and their attachments,
 * linked by the ids the plan gave them. Every level also carries FullAWSAccess, which AWS attaches
 * to each root, OU and account.
 */
export function organizationStructure(resources: readonly ResourceView[], managementAccountId: string, organizationId?: string): OrganizationStructure {
    const nodes = new Map<string, Node>();
    const policies = new Map<string, LabelledDocument>();
    const attachments: Array<{ policyId: string; targetId: string }> = [];
    const accessRoleNames = new Set<string>();
    const units = new Map<string, { name: string; parentId?: string }>();
    for (const resource of resources) {
        const id = lastSegment(resource.outputs.arn);
        switch (resource.type) {
            case "aws:organizations/organizationalUnit:OrganizationalUnit":
                if (id) units.set(id, { name: String(resource.inputs.name), parentId: resource.inputs.parentId as string | undefined });
                break;
            case "aws:organizations/account:Account":
                if (id) nodes.set(id, { id, label: `account ${String(resource.inputs.name)}`, parentId: resource.inputs.parentId as string | undefined });
                if (typeof resource.inputs.roleName === "string") accessRoleNames.add(resource.inputs.roleName);
                break;
            case "aws:organizations/policy:Policy": {
                const document = parsePolicyDocumentOrUndefined(resource.inputs.content);
                if (id && document && (resource.inputs.type ?? "SERVICE_CONTROL_POLICY") === "SERVICE_CONTROL_POLICY") {
                    policies.set(id, { label: `SCP ${String(resource.inputs.name)}`, document });
                }
                break;
            }
            case "aws:organizations/policyAttachment:PolicyAttachment":
                attachments.push({ policyId: String(resource.inputs.policyId), targetId: String(resource.inputs.targetId) });
                break;
        }
    }
    const unitPath = (id: string): string => {
        const unit = units.get(id);
        if (!unit) return id;
        return unit.parentId && units.has(unit.parentId) ? `${unitPath(unit.parentId)}/${unit.name}` : unit.name;
    };
    for (const [id, unit] of units) nodes.set(id, { id, label: `OU ${unitPath(id)}`, parentId: unit.parentId });

    const attached = (targetId: string): LabelledDocument[] => [
        { label: FULL_AWS_ACCESS.name, document: FULL_AWS_ACCESS.document },
        ...attachments.filter((attachment) => attachment.targetId === targetId).flatMap((attachment) => policies.get(attachment.policyId) ?? []),
    ];
    const scpLevels = new Map<string, ScpLevel[]>();
    for (const node of nodes.values()) {
        if (!node.label.startsWith("account ")) continue;
        const path: ScpLevel[] = [];
        let current: Node | undefined = node;
        let rootId: string | undefined;
        while (current) {
            path.unshift({ target: current.label, policies: attached(current.id) });
            rootId = current.parentId;
            current = current.parentId ? nodes.get(current.parentId) : undefined;
        }
        if (rootId) path.unshift({ target: "Root", policies: attached(rootId) });
        scpLevels.set(node.id, path);
    }
    return { managementAccountId, organizationId, accessRoleNames, scpLevels };
}
