import { knownAwsManagedDocument } from "./aws-managed-policies";
import { LabelledDocument } from "./permissions";
import { parsePolicyDocumentOrUndefined } from "./policy-document";
import { readIfKnown } from "./unknown-values";

/**
 * The roles of one stack and every identity policy that reaches them, found by linking resources
 * by name, ARN or id (the values the engine resolved into inputs) or, where a value is still
 * unknown during preview, by the property's recorded dependency.
 */

/** The part of a CrossGuard `PolicyResource` the linking needs; the in-process evaluator builds the same shape. */
export interface StackResourceView {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
    propertyDependencies?: Record<string, ReadonlyArray<{ urn: string }>>;
}

export interface StackRole {
    urn: string;
    name: string;
    identity: LabelledDocument[];
    /** Attached managed policies whose documents are not in the stack and not modelled. */
    opaquePolicyArns: string[];
    boundaryArn?: string;
    /** The boundary's document, when the boundary policy is in the stack or among the known documents. */
    boundary?: LabelledDocument;
}

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";

function identifiers(resource: StackResourceView): string[] {
    const values = ["name", "arn", "id"].map((key) => readIfKnown(() => resource.props[key]));
    return values.filter((value): value is string => typeof value === "string" && value.length > 0);
}

function stringsOf(value: unknown): string[] {
    if (typeof value === "string") return [value];
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** A stack resource named by a value: its name, ARN or id, or the last segment of an ARN. */
function byValue(value: string, byIdentifier: ReadonlyMap<string, StackResourceView>): StackResourceView | undefined {
    return byIdentifier.get(value) ?? byIdentifier.get(value.split("/").pop() ?? value);
}

/** The string values of a field, one or a list, skipping those still unknown during a preview. */
function knownStrings(resource: StackResourceView, field: string): string[] {
    const value = readIfKnown(() => resource.props[field]);
    if (!Array.isArray(value)) return stringsOf(value);
    const items: string[] = [];
    // Index by index: reading an unknown element throws, and only that element is skipped.
    for (let index = 0; index < value.length; index++) {
        const item = readIfKnown(() => value[index] as unknown);
        if (typeof item === "string") items.push(item);
    }
    return items;
}

/** Finds what `field` of `resource` points at: first through its recorded dependency, then by value. */
function linked(
    resource: StackResourceView,
    field: string,
    candidates: ReadonlyMap<string, StackResourceView>,
    byIdentifier: ReadonlyMap<string, StackResourceView>,
): StackResourceView[] {
    const viaDependencies = (resource.propertyDependencies?.[field] ?? [])
        .map((dep) => candidates.get(dep.urn))
        .filter((r): r is StackResourceView => r !== undefined);
    if (viaDependencies.length) return viaDependencies;
    return stringsOf(resource.props[field])
        .map((value) => byValue(value, byIdentifier))
        .filter((r): r is StackResourceView => r !== undefined);
}

/**
 * `knownDocuments` maps policy ARNs to documents defined outside the stack (a boundary created in
 * the account's global stack, say), so attachments and boundaries that point there still count.
 */
export function stackRoles(resources: readonly StackResourceView[], knownDocuments: Readonly<Record<string, unknown>> = {}): StackRole[] {
    const roles = new Map<string, StackResourceView>();
    const policies = new Map<string, StackResourceView>();
    const roleByIdentifier = new Map<string, StackResourceView>();
    const policyByIdentifier = new Map<string, StackResourceView>();
    for (const resource of resources) {
        if (resource.type === ROLE) {
            roles.set(resource.urn, resource);
            for (const id of identifiers(resource)) roleByIdentifier.set(id, resource);
        } else if (resource.type === POLICY) {
            policies.set(resource.urn, resource);
            for (const id of identifiers(resource)) policyByIdentifier.set(id, resource);
        }
    }
    const models = new Map<string, StackRole>();
    for (const role of roles.values()) models.set(role.urn, { urn: role.urn, name: role.name, identity: [], opaquePolicyArns: [] });

    const externalDocument = (arn: string) => (arn in knownDocuments ? parsePolicyDocumentOrUndefined(knownDocuments[arn]) : knownAwsManagedDocument(arn));
    const attachPolicy = (model: StackRole, arn: string, policy: StackResourceView | undefined): void => {
        const document = policy ? parsePolicyDocumentOrUndefined(policy.props.policy) : externalDocument(arn);
        if (document) model.identity.push({ label: policy ? `policy ${policy.name}` : arn, document });
        else model.opaquePolicyArns.push(arn);
    };
    /**
     * Every policy a field attaches: the stack's own (by dependency or by value), and every other
     * known ARN as given. A list can mix them (a stack policy and AdministratorAccess), and the
     * ARNs that name no stack policy must count as well.
     */
    const policyFor = (resource: StackResourceView, field: string): Array<{ arn: string; policy?: StackResourceView }> => {
        const found = linked(resource, field, policies, policyByIdentifier);
        const attached: Array<{ arn: string; policy?: StackResourceView }> = found.map((policy) => ({
            arn: String(readIfKnown(() => policy.props.arn) ?? policy.name),
            policy,
        }));
        for (const value of knownStrings(resource, field)) {
            if (!byValue(value, policyByIdentifier)) attached.push({ arn: value });
        }
        return attached;
    };

    for (const role of roles.values()) {
        const model = models.get(role.urn) as StackRole;
        const inline = role.props.inlinePolicies;
        if (Array.isArray(inline)) {
            inline.forEach((entry, index) => {
                const record = entry as Record<string, unknown>;
                const document = record.policy ? parsePolicyDocumentOrUndefined(record.policy) : undefined;
                if (document) model.identity.push({ label: `inline policy ${String(record.name ?? index)} of ${role.name}`, document });
            });
        }
        for (const { arn, policy } of policyFor(role, "managedPolicyArns")) attachPolicy(model, arn, policy);
        const boundary = role.props.permissionsBoundary;
        if (typeof boundary === "string" && boundary) {
            model.boundaryArn = boundary;
            const boundaryPolicy = linked(role, "permissionsBoundary", policies, policyByIdentifier)[0];
            const document = boundaryPolicy ? parsePolicyDocumentOrUndefined(boundaryPolicy.props.policy) : externalDocument(boundary);
            if (document) model.boundary = { label: `boundary ${boundaryPolicy ? boundaryPolicy.name : boundary}`, document };
        }
    }

    for (const resource of resources) {
        switch (resource.type) {
            case "aws:iam/rolePolicy:RolePolicy":
                for (const role of linked(resource, "role", roles, roleByIdentifier)) {
                    const document = parsePolicyDocumentOrUndefined(resource.props.policy);
                    if (document) models.get(role.urn)?.identity.push({ label: `role policy ${resource.name}`, document });
                }
                break;
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
                for (const role of linked(resource, "role", roles, roleByIdentifier)) {
                    for (const { arn, policy } of policyFor(resource, "policyArn")) attachPolicy(models.get(role.urn) as StackRole, arn, policy);
                }
                break;
            case "aws:iam/policyAttachment:PolicyAttachment":
                for (const role of linked(resource, "roles", roles, roleByIdentifier)) {
                    for (const { arn, policy } of policyFor(resource, "policyArn")) attachPolicy(models.get(role.urn) as StackRole, arn, policy);
                }
                break;
            case "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive":
                for (const role of linked(resource, "roleName", roles, roleByIdentifier)) {
                    for (const { arn, policy } of policyFor(resource, "policyArns")) attachPolicy(models.get(role.urn) as StackRole, arn, policy);
                }
                break;
        }
    }
    // The same attachment can arrive twice (managedPolicyArns and an attachment resource).
    for (const model of models.values()) {
        const seen = new Set<string>();
        model.identity = model.identity.filter((doc) => (seen.has(doc.label) ? false : (seen.add(doc.label), true)));
    }
    return [...models.values()];
}
