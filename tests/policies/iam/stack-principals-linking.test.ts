import { strict as assert } from "assert";
import { stackPrincipals, stackRoles, type StackResourceView } from "../../../policies/iam/stack-roles";
import { UNKNOWN_SENTINEL, unknownCheckingView } from "../../../policies/unknown-values-proxy";
import { ACCOUNT, document } from "../rule-harness";

const ALLOW_S3 = document({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" });
const ALLOW_SQS = document({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" });

function view(type: string, name: string, props: Record<string, unknown>, propertyDependencies?: StackResourceView["propertyDependencies"]): StackResourceView {
    return { type, urn: `urn:pulumi:test::meridian::${type}::${name}`, name, props: unknownCheckingView(props), propertyDependencies };
}

const role = (name: string, props: Record<string, unknown> = {}) => view("aws:iam/role:Role", name, { name, ...props });
const user = (name: string, props: Record<string, unknown> = {}) => view("aws:iam/user:User", name, { name, ...props });
const group = (name: string, props: Record<string, unknown> = {}) => view("aws:iam/group:Group", name, { name, ...props });
const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const policy = (name: string, text = ALLOW_S3, props: Record<string, unknown> = { arn: policyArn(name), id: policyArn(name) }) =>
    view("aws:iam/policy:Policy", name, { name, policy: text, ...props });

function labels(resources: StackResourceView[], name: string, accountId?: string): string[] {
    const found = stackPrincipals(resources, {}, accountId).principals.find((principal) => principal.name === name);
    assert.ok(found, `no principal ${name}`);
    return found.identity.map((entry) => entry.label);
}

describe("stack principals: linking policies to roles, users and groups", () => {
    it("attaches policies to users and groups through every attachment resource", () => {
        const resources = [
            user("alice"),
            user("bob"),
            group("ops"),
            role("api"),
            policy("a"),
            policy("b"),
            policy("c"),
            policy("d"),
            view("aws:iam/userPolicyAttachment:UserPolicyAttachment", "alice-a", { user: "alice", policyArn: policyArn("a") }),
            view("aws:iam/policyAttachment:PolicyAttachment", "b-everywhere", { roles: ["api"], users: ["bob"], groups: ["ops"], policyArn: policyArn("b") }),
            view("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "bob-only", { userName: "bob", policyArns: [policyArn("c")] }),
            view("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", "ops-only", { groupName: "ops", policyArns: [policyArn("d")] }),
        ];
        assert.deepEqual(labels(resources, "alice"), ["policy a"]);
        assert.deepEqual(labels(resources, "api"), ["policy b"]);
        assert.deepEqual(labels(resources, "bob"), ["policy b", "policy c"]);
        const { groups } = stackPrincipals(resources);
        assert.deepEqual(
            groups[0].identity.map((entry) => entry.label),
            ["policy b", "policy d"],
        );
        assert.deepEqual(groups[0].policyArns, [policyArn("b"), policyArn("d")]);
    });

    it("links a principal by its name when its ARN and id are not known", () => {
        const pending = view("aws:iam/role:Role", "api", { name: "api", arn: UNKNOWN_SENTINEL, id: UNKNOWN_SENTINEL });
        const resources = [pending, view("aws:iam/rolePolicy:RolePolicy", "rp", { role: "api", policy: ALLOW_S3 })];
        assert.deepEqual(labels(resources, "api"), ["role policy rp"]);
    });

    it("links a policy named by an ARN whose last segment is not the policy's name", () => {
        const versioned = policy("audit", ALLOW_S3, { arn: "arn:aws:iam::123456789012:policy/audit-v2" });
        const resources = [
            role("api"),
            versioned,
            view("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", { role: "api", policyArn: "arn:aws:iam::123456789012:policy/audit-v2" }),
        ];
        assert.deepEqual(labels(resources, "api"), ["policy audit"]);
    });

    it("links a principal named by an ARN through the ARN's last segment when only its name is known", () => {
        const pending = view("aws:iam/role:Role", "api", { name: "api", arn: UNKNOWN_SENTINEL, id: UNKNOWN_SENTINEL });
        const resources = [pending, view("aws:iam/rolePolicy:RolePolicy", "rp", { role: `arn:aws:iam::${ACCOUNT}:role/team/api`, policy: ALLOW_S3 })];
        assert.deepEqual(labels(resources, "api"), ["role policy rp"]);
    });

    it("links nothing through an empty name", () => {
        const resources = [role(""), view("aws:iam/rolePolicy:RolePolicy", "rp", { role: "", policy: ALLOW_S3 })];
        assert.deepEqual(labels(resources, ""), []);
    });

    it("leaves out a role policy whose document is malformed", () => {
        const resources = [role("api"), view("aws:iam/rolePolicy:RolePolicy", "broken", { role: "api", policy: "{not json" })];
        assert.deepEqual(labels(resources, "api"), []);
    });

    it("links a policy by its id alone", () => {
        const byId = view("aws:iam/policy:Policy", "audit", { policy: ALLOW_S3, name: UNKNOWN_SENTINEL, arn: UNKNOWN_SENTINEL, id: "ANPA-audit" });
        const resources = [role("api"), byId, view("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", { role: "api", policyArn: "ANPA-audit" })];
        assert.deepEqual(labels(resources, "api", ACCOUNT), ["policy audit"]);
    });

    it("skips list entries that are not strings or not known yet, and keeps the others", () => {
        const resources = [
            role("api", { managedPolicyArns: [42, UNKNOWN_SENTINEL, policyArn("a")] }),
            policy("a"),
            user("alice"),
            group("ops"),
            view("aws:iam/groupMembership:GroupMembership", "ops-members", { group: "ops", users: [null, "alice"] }),
        ];
        assert.deepEqual(labels(resources, "api"), ["policy a"]);
        assert.deepEqual(stackPrincipals(resources).principals.find((principal) => principal.name === "alice")?.groups, ["ops"]);
        assert.deepEqual(labels([role("api", { managedPolicyArns: 42 }), policy("a")], "api"), []);
    });

    it("takes the recorded dependency over the value, and the value when the dependency names nothing in the stack", () => {
        const resources = [
            role("api"),
            role("worker"),
            view(
                "aws:iam/rolePolicy:RolePolicy",
                "rp",
                { role: "worker", policy: ALLOW_S3 },
                { role: [{ urn: "urn:pulumi:test::meridian::aws:iam/role:Role::api" }] },
            ),
            view(
                "aws:iam/rolePolicy:RolePolicy",
                "elsewhere",
                { role: "worker", policy: ALLOW_SQS },
                { role: [{ urn: "urn:pulumi:other::meridian::aws:iam/role:Role::gone" }] },
            ),
        ];
        assert.deepEqual(labels(resources, "api"), ["role policy rp"]);
        assert.deepEqual(labels(resources, "worker"), ["role policy elsewhere"]);
    });

    it("names an inline policy by its name or its position, and skips entries without a document", () => {
        const api = role("api", { inlinePolicies: [{ policy: ALLOW_S3 }, { name: "empty" }, { name: "queues", policy: ALLOW_SQS }] });
        assert.deepEqual(labels([api], "api"), ["inline policy 0 of api", "inline policy queues of api"]);
    });

    it("counts an attachment that arrives twice once", () => {
        const resources = [
            role("api", { managedPolicyArns: [policyArn("a"), "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }),
            policy("a"),
            view("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "again", { role: "api", policyArn: policyArn("a") }),
            view("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "opaque-again", {
                role: "api",
                policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            }),
        ];
        const [model] = stackRoles(resources);
        assert.deepEqual(
            model.identity.map((entry) => entry.label),
            ["policy a"],
        );
        assert.deepEqual(model.policyArns, [policyArn("a")]);
        assert.deepEqual(model.opaquePolicyArns, ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]);
    });

    it("leaves AWS managed policies, in any partition, out of the policies a principal could rewrite", () => {
        const resources = [
            role("api", {
                managedPolicyArns: [
                    "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess",
                    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                    `arn:aws:iam::${ACCOUNT}:policy/aws-policy/x`,
                ],
            }),
        ];
        assert.deepEqual(stackRoles(resources)[0].policyArns, [`arn:aws:iam::${ACCOUNT}:policy/aws-policy/x`]);
        // A path may hold any printable ASCII character, `:` included.
        const pathed = `arn:aws:iam::${ACCOUNT}:policy/arn:aws:iam::aws:policy/ReadOnlyAccess`;
        assert.deepEqual(stackRoles([role("api", { managedPolicyArns: [pathed] })])[0].policyArns, [pathed]);
    });

    it("gives a stack policy whose ARN is unknown the ARN of its account and name, or its name without an account", () => {
        const pending = policy("a", ALLOW_S3, { arn: UNKNOWN_SENTINEL, id: UNKNOWN_SENTINEL });
        const resources = [role("api"), pending, view("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", { role: "api", policyArn: "a" })];
        assert.deepEqual(stackRoles(resources, {}, ACCOUNT)[0].policyArns, [policyArn("a")]);
        assert.deepEqual(stackRoles(resources)[0].policyArns, ["a"]);
    });
});

describe("stack principals: ARNs, tags, boundaries and groups", () => {
    it("takes a known ARN as it is, and otherwise builds it from the account, the path and the name", () => {
        const resources = [
            role("known", { arn: "arn:aws-cn:iam::999999999999:role/known" }),
            role("pathed", { path: "/team/" }),
            user("plain"),
            group("ops", { path: "/groups/" }),
        ];
        const { principals, groups } = stackPrincipals(resources, {}, ACCOUNT);
        assert.deepEqual(
            principals.map((principal) => principal.arn),
            ["arn:aws-cn:iam::999999999999:role/known", `arn:aws:iam::${ACCOUNT}:role/team/pathed`, `arn:aws:iam::${ACCOUNT}:user/plain`],
        );
        assert.equal(groups[0].arn, `arn:aws:iam::${ACCOUNT}:group/groups/ops`);
    });

    it("leaves the ARN unset without an account or a known name", () => {
        assert.equal(stackRoles([role("api")])[0].arn, undefined);
        assert.equal(stackRoles([view("aws:iam/role:Role", "api", { name: UNKNOWN_SENTINEL })], {}, ACCOUNT)[0].arn, undefined);
    });

    it("keeps the string tags and drops the others", () => {
        assert.deepEqual(stackRoles([role("api", { tags: { team: "orders", cost: 3, owner: "platform" } })])[0].tags, { team: "orders", owner: "platform" });
        assert.deepEqual(stackRoles([role("api", { tags: "team=orders" })])[0].tags, {});
        assert.deepEqual(stackRoles([role("api", { tags: null })])[0].tags, {});
    });

    it("records no boundary for an empty boundary ARN, and the ARN alone when its document is not known", () => {
        assert.equal(stackRoles([role("api", { permissionsBoundary: "" })])[0].boundaryArn, undefined);
        assert.equal(stackRoles([role("api", { permissionsBoundary: { arn: policyArn("b") } })])[0].boundaryArn, undefined, "not a string");
        const unknownBoundary = stackRoles([role("api", { permissionsBoundary: policyArn("elsewhere") })])[0];
        assert.equal(unknownBoundary.boundaryArn, policyArn("elsewhere"));
        assert.equal(unknownBoundary.boundary, undefined);
    });

    it("reads a trust policy for roles only", () => {
        const trust = document({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
        const { principals } = stackPrincipals([role("api", { assumeRolePolicy: trust }), user("alice", { assumeRolePolicy: trust })]);
        assert.deepEqual(principals[0].trust?.statements[0].principal?.service, ["lambda.amazonaws.com"]);
        assert.equal(principals[1].trust, undefined);
    });

    it("lists a group's members once, and gives stackRoles the roles alone", () => {
        const resources = [
            user("alice"),
            group("ops"),
            role("api"),
            view("aws:iam/groupMembership:GroupMembership", "m1", { group: "ops", users: ["alice"] }),
            view("aws:iam/userGroupMembership:UserGroupMembership", "m2", { user: "alice", groups: ["ops"] }),
        ];
        assert.deepEqual(stackPrincipals(resources).groups[0].members, [user("alice").urn]);
        const twoUsers = [
            user("alice"),
            user("bob"),
            group("ops"),
            group("empty"),
            view("aws:iam/userGroupMembership:UserGroupMembership", "alice-groups", { user: "alice", groups: ["ops"] }),
            view("aws:iam/userGroupMembership:UserGroupMembership", "bob-groups", { user: "bob", groups: ["ops"] }),
        ];
        assert.deepEqual(
            stackPrincipals(twoUsers).groups.map((entry) => [entry.name, entry.members]),
            [
                ["ops", [user("alice").urn, user("bob").urn]],
                ["empty", []],
            ],
        );
        assert.deepEqual(
            stackRoles(resources).map((principal) => principal.name),
            ["api"],
        );
    });

    it("gives a member its groups' opaque and rewritable policies", () => {
        const resources = [
            user("alice"),
            group("ops"),
            policy("a"),
            view("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "g1", { group: "ops", policyArn: policyArn("a") }),
            view("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "g2", { group: "ops", policyArn: policyArn("unseen") }),
            view("aws:iam/userGroupMembership:UserGroupMembership", "m", { user: "alice", groups: ["ops"] }),
        ];
        const alice = stackPrincipals(resources).principals[0];
        assert.deepEqual(alice.opaquePolicyArns, [policyArn("unseen")]);
        assert.deepEqual(alice.policyArns, [policyArn("a"), policyArn("unseen")]);
    });
});
