import type { LabelledDocument } from "../iam/permissions";
import { parsePolicyDocumentOrUndefined } from "../iam/policy-document";
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS, type SourcedDocument } from "./aws-authorization-facts";
import type { ResourceView } from "./resource-fields";

/** One level of an account's place in the organisation, with the SCPs (or RCPs) attached there. */
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
    /** Account id → its RCP levels, root first: the resource control policies over the account's resources. */
    rcpLevels: ReadonlyMap<string, ScpLevel[]>;
}

/** The organisation policy types that bound a call, each with the policy AWS attaches to every root, OU and account. */
const POLICY_KINDS: ReadonlyArray<{ type: string; label: string; attachedByDefault: SourcedDocument }> = [
    { type: "SERVICE_CONTROL_POLICY", label: "SCP", attachedByDefault: FULL_AWS_ACCESS },
    { type: "RESOURCE_CONTROL_POLICY", label: "RCP", attachedByDefault: RCP_FULL_AWS_ACCESS },
];

interface Node {
    id: string;
    label: string;
    parentId?: string;
}

const lastSegment = (arn: unknown): string | undefined => (typeof arn === "string" ? arn.split("/").pop() : undefined);

/**
 * The organisation as the organization stack plans it: OUs, accounts, SCPs and RCPs and their
 * attachments, linked by the ids the plan gave them. Every level also carries FullAWSAccess (and
 * RCPFullAWSAccess), which AWS attaches to each root, OU and account.
 */
export function organizationStructure(resources: readonly ResourceView[], managementAccountId: string, organizationId?: string): OrganizationStructure {
    const nodes = new Map<string, Node>();
    const policies = new Map<string, { type: string; document: LabelledDocument }>();
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
                const kind = POLICY_KINDS.find((candidate) => candidate.type === (resource.inputs.type ?? "SERVICE_CONTROL_POLICY"));
                if (id && document && kind)
                    policies.set(id, { type: kind.type, document: { label: `${kind.label} ${String(resource.inputs.name)}`, document } });
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

    const attached = (targetId: string, type: string, byDefault: SourcedDocument): LabelledDocument[] => [
        { label: byDefault.name, document: byDefault.document },
        ...attachments
            .filter((attachment) => attachment.targetId === targetId)
            .flatMap((attachment) => {
                const policy = policies.get(attachment.policyId);
                return policy?.type === type ? [policy.document] : [];
            }),
    ];
    const [scpLevels, rcpLevels] = POLICY_KINDS.map((kind) => {
        const levels = new Map<string, ScpLevel[]>();
        for (const node of nodes.values()) {
            if (!node.label.startsWith("account ")) continue;
            const path: ScpLevel[] = [];
            let current: Node | undefined = node;
            let rootId: string | undefined;
            while (current) {
                path.unshift({ target: current.label, policies: attached(current.id, kind.type, kind.attachedByDefault) });
                rootId = current.parentId;
                current = current.parentId ? nodes.get(current.parentId) : undefined;
            }
            if (rootId) path.unshift({ target: "Root", policies: attached(rootId, kind.type, kind.attachedByDefault) });
            levels.set(node.id, path);
        }
        return levels;
    });
    return { managementAccountId, organizationId, accessRoleNames, scpLevels, rcpLevels };
}
