import { knownAwsManagedDocument } from "./aws-managed-policies";
import { LabelledDocument } from "./permissions";
import { parsePolicyDocumentOrUndefined, PolicyDocument } from "./policy-document";
import { readIfKnown } from "./unknown-values";

/**
 * The principals of one stack (roles and users) and their groups, with every identity policy that
 * reaches them, found by linking resources by name, ARN or id (the values the engine resolved into
 * inputs) or, where a value is still unknown during preview, by the property's recorded dependency.
 * A user's groups' policies are the user's policies too.
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
    kind: "role" | "user";
    urn: string;
    name: string;
    /** Its ARN: as the resource reports it, or built from the stack's account and its name and path. */
    arn?: string;
    identity: LabelledDocument[];
    /** Attached managed policies whose documents are not in the stack and not modelled. */
    opaquePolicyArns: string[];
    /** Every customer-managed policy that grants it something (its own and its groups'): policies it could rewrite to escalate. */
    policyArns: string[];
    boundaryArn?: string;
    /** The boundary's document, when the boundary policy is in the stack or among the known documents. */
    boundary?: LabelledDocument;
    tags: Record<string, string>;
    /** A role's trust policy. */
    trust?: PolicyDocument;
    /** A user's groups, by name. */
    groups: string[];
}

export interface StackGroup {
    urn: string;
    name: string;
    arn?: string;
    identity: LabelledDocument[];
    opaquePolicyArns: string[];
    policyArns: string[];
    members: string[];
}

export interface StackPrincipals {
    principals: StackRole[];
    groups: StackGroup[];
}

const ROLE = "aws:iam/role:Role";
const USER = "aws:iam/user:User";
const GROUP = "aws:iam/group:Group";
const POLICY = "aws:iam/policy:Policy";

function identifiers(resource: StackResourceView): string[] {
    const values = ["name", "arn", "id"].map((key) => readIfKnown(() => resource.props[key]));
    return values.filter((value): value is string => typeof value === "string" && value.length > 0);
}

/** A stack resource named by a value: its name, ARN or id, or the last segment of an ARN. */
function byValue(value: string, byIdentifier: ReadonlyMap<string, StackResourceView>): StackResourceView | undefined {
    return byIdentifier.get(value) ?? byIdentifier.get(value.split("/").pop() ?? value);
}

/** The string values of a field, one or a list, skipping those still unknown during a preview. */
function knownStrings(resource: StackResourceView, field: string): string[] {
    const value = readIfKnown(() => resource.props[field]);
    if (!Array.isArray(value)) return typeof value === "string" ? [value] : [];
    const items: string[] = [];
    // Index by index: reading an unknown element throws, and only that element is skipped.
    for (let index = 0; index < value.length; index++) {
        const item = readIfKnown(() => value[index] as unknown);
        if (typeof item === "string") items.push(item);
    }
    return items;
}

/** Resources of some types, indexed by URN and by every identifier they can be named by. */
class Index {
    readonly byUrn = new Map<string, StackResourceView>();
    readonly byIdentifier = new Map<string, StackResourceView>();

    add(resource: StackResourceView): void {
        this.byUrn.set(resource.urn, resource);
        for (const id of identifiers(resource)) this.byIdentifier.set(id, resource);
    }

    /** What `field` of `resource` points at: first through its recorded dependency, then by value. */
    linked(resource: StackResourceView, field: string): StackResourceView[] {
        const viaDependencies = (resource.propertyDependencies?.[field] ?? [])
            .map((dependency) => this.byUrn.get(dependency.urn))
            .filter((found): found is StackResourceView => found !== undefined);
        if (viaDependencies.length) return viaDependencies;
        return knownStrings(resource, field)
            .map((value) => byValue(value, this.byIdentifier))
            .filter((found): found is StackResourceView => found !== undefined);
    }
}

function tagsOf(resource: StackResourceView): Record<string, string> {
    const tags = readIfKnown(() => resource.props.tags);
    if (typeof tags !== "object" || tags === null) return {};
    return Object.fromEntries(Object.entries(tags as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

function arnOf(resource: StackResourceView, kind: "role" | "user" | "group", accountId: string | undefined): string | undefined {
    const known = readIfKnown(() => resource.props.arn);
    if (typeof known === "string") return known;
    const name = readIfKnown(() => resource.props.name);
    const path = readIfKnown(() => resource.props.path);
    if (!accountId || typeof name !== "string") return undefined;
    return `arn:aws:iam::${accountId}:${kind}${typeof path === "string" ? path : "/"}${name}`;
}

interface Holder {
    identity: LabelledDocument[];
    opaquePolicyArns: string[];
    policyArns: string[];
}

/**
 * `knownDocuments` maps policy ARNs to documents defined outside the stack (a boundary created in
 * the account's global stack, say), so attachments and boundaries that point there still count.
 * `accountId` builds the ARN of a principal whose ARN is not known yet (a first preview).
 */
export function stackPrincipals(
    resources: readonly StackResourceView[],
    knownDocuments: Readonly<Record<string, unknown>> = {},
    accountId?: string,
): StackPrincipals {
    const roles = new Index();
    const users = new Index();
    const groups = new Index();
    const policies = new Index();
    const indexes: Record<string, Index> = { [ROLE]: roles, [USER]: users, [GROUP]: groups, [POLICY]: policies };
    for (const resource of resources) indexes[resource.type]?.add(resource);

    const holders = new Map<string, Holder>();
    const holderOf = (resource: StackResourceView): Holder => holders.get(resource.urn) as Holder;
    for (const resource of [...roles.byUrn.values(), ...users.byUrn.values(), ...groups.byUrn.values()])
        holders.set(resource.urn, { identity: [], opaquePolicyArns: [], policyArns: [] });

    const externalDocument = (arn: string) => (arn in knownDocuments ? parsePolicyDocumentOrUndefined(knownDocuments[arn]) : knownAwsManagedDocument(arn));
    const attachPolicy = (holder: Holder, arn: string, policy: StackResourceView | undefined): void => {
        const document = policy ? parsePolicyDocumentOrUndefined(policy.props.policy) : externalDocument(arn);
        if (!/^arn:aws[a-z-]*:iam::aws:policy\//.test(arn)) holder.policyArns.push(arn);
        if (document) holder.identity.push({ label: policy ? `policy ${policy.name}` : arn, document });
        else holder.opaquePolicyArns.push(arn);
    };
    /**
     * Every policy a field attaches: the stack's own (by dependency or by value), and every other
     * known ARN as given. A list can mix them (a stack policy and AdministratorAccess), and the
     * ARNs that name no stack policy must count as well.
     */
    const policiesIn = (resource: StackResourceView, field: string): Array<{ arn: string; policy?: StackResourceView }> => {
        const attached: Array<{ arn: string; policy?: StackResourceView }> = policies.linked(resource, field).map((policy) => ({
            arn: String(readIfKnown(() => policy.props.arn) ?? (accountId ? `arn:aws:iam::${accountId}:policy/${policy.name}` : policy.name)),
            policy,
        }));
        for (const value of knownStrings(resource, field)) if (!byValue(value, policies.byIdentifier)) attached.push({ arn: value });
        return attached;
    };
    const inline = (holder: Holder, label: string, raw: unknown) => {
        const document = parsePolicyDocumentOrUndefined(raw);
        if (document) holder.identity.push({ label, document });
    };
    const attach = (targets: readonly StackResourceView[], resource: StackResourceView, field: string) => {
        for (const target of targets) for (const { arn, policy } of policiesIn(resource, field)) attachPolicy(holderOf(target), arn, policy);
    };

    for (const role of roles.byUrn.values()) {
        const roleInline = role.props.inlinePolicies;
        if (Array.isArray(roleInline)) {
            roleInline.forEach((entry, index) => {
                const record = entry as Record<string, unknown>;
                if (record.policy) inline(holderOf(role), `inline policy ${String(record.name ?? index)} of ${role.name}`, record.policy);
            });
        }
        attach([role], role, "managedPolicyArns");
    }
    const members = new Map<string, Set<string>>();
    const join = (user: StackResourceView, group: StackResourceView) => {
        if (!members.has(group.urn)) members.set(group.urn, new Set());
        members.get(group.urn)?.add(user.urn);
    };
    for (const resource of resources) {
        switch (resource.type) {
            case "aws:iam/rolePolicy:RolePolicy":
                for (const role of roles.linked(resource, "role")) inline(holderOf(role), `role policy ${resource.name}`, resource.props.policy);
                break;
            case "aws:iam/userPolicy:UserPolicy":
                for (const user of users.linked(resource, "user")) inline(holderOf(user), `user policy ${resource.name}`, resource.props.policy);
                break;
            case "aws:iam/groupPolicy:GroupPolicy":
                for (const group of groups.linked(resource, "group")) inline(holderOf(group), `group policy ${resource.name}`, resource.props.policy);
                break;
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
                attach(roles.linked(resource, "role"), resource, "policyArn");
                break;
            case "aws:iam/userPolicyAttachment:UserPolicyAttachment":
                attach(users.linked(resource, "user"), resource, "policyArn");
                break;
            case "aws:iam/groupPolicyAttachment:GroupPolicyAttachment":
                attach(groups.linked(resource, "group"), resource, "policyArn");
                break;
            case "aws:iam/policyAttachment:PolicyAttachment":
                attach([...roles.linked(resource, "roles"), ...users.linked(resource, "users"), ...groups.linked(resource, "groups")], resource, "policyArn");
                break;
            case "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive":
                attach(roles.linked(resource, "roleName"), resource, "policyArns");
                break;
            case "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive":
                attach(users.linked(resource, "userName"), resource, "policyArns");
                break;
            case "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive":
                attach(groups.linked(resource, "groupName"), resource, "policyArns");
                break;
            case "aws:iam/groupMembership:GroupMembership":
                for (const group of groups.linked(resource, "group")) for (const user of users.linked(resource, "users")) join(user, group);
                break;
            case "aws:iam/userGroupMembership:UserGroupMembership":
                for (const user of users.linked(resource, "user")) for (const group of groups.linked(resource, "groups")) join(user, group);
                break;
        }
    }

    const stackGroups: StackGroup[] = [...groups.byUrn.values()].map((group) => ({
        urn: group.urn,
        name: group.name,
        arn: arnOf(group, "group", accountId),
        ...deduplicated(holderOf(group)),
        members: [...(members.get(group.urn) ?? [])],
    }));
    const principal = (resource: StackResourceView, kind: "role" | "user"): StackRole => {
        const own = holderOf(resource);
        const memberOf = stackGroups.filter((group) => group.members.includes(resource.urn));
        const model: StackRole = {
            kind,
            urn: resource.urn,
            name: resource.name,
            arn: arnOf(resource, kind, accountId),
            ...deduplicated({
                identity: [
                    ...own.identity,
                    ...memberOf.flatMap((group) => group.identity.map((entry) => ({ ...entry, label: `${entry.label} of group ${group.name}` }))),
                ],
                opaquePolicyArns: [...own.opaquePolicyArns, ...memberOf.flatMap((group) => group.opaquePolicyArns)],
                policyArns: [...own.policyArns, ...memberOf.flatMap((group) => group.policyArns)],
            }),
            tags: tagsOf(resource),
            groups: memberOf.map((group) => group.name),
        };
        const boundary = readIfKnown(() => resource.props.permissionsBoundary);
        if (typeof boundary === "string" && boundary) {
            model.boundaryArn = boundary;
            const boundaryPolicy = policies.linked(resource, "permissionsBoundary")[0];
            const document = boundaryPolicy ? parsePolicyDocumentOrUndefined(boundaryPolicy.props.policy) : externalDocument(boundary);
            if (document) model.boundary = { label: `boundary ${boundaryPolicy ? boundaryPolicy.name : boundary}`, document };
        }
        if (kind === "role") model.trust = parsePolicyDocumentOrUndefined(readIfKnown(() => resource.props.assumeRolePolicy));
        return model;
    };
    return {
        principals: [...[...roles.byUrn.values()].map((role) => principal(role, "role")), ...[...users.byUrn.values()].map((user) => principal(user, "user"))],
        groups: stackGroups,
    };
}

/** The same attachment can arrive twice (managedPolicyArns and an attachment resource). */
function deduplicated(holder: Holder): Holder {
    const seen = new Set<string>();
    return {
        identity: holder.identity.filter((entry) => (seen.has(entry.label) ? false : (seen.add(entry.label), true))),
        opaquePolicyArns: [...new Set(holder.opaquePolicyArns)],
        policyArns: [...new Set(holder.policyArns)],
    };
}

/** The stack's roles alone. */
export function stackRoles(resources: readonly StackResourceView[], knownDocuments: Readonly<Record<string, unknown>> = {}, accountId?: string): StackRole[] {
    return stackPrincipals(resources, knownDocuments, accountId).principals.filter((principal) => principal.kind === "role");
}
