import { strict as assert } from "assert";
import { stackPrincipals, stackRoles } from "../../../policies/iam/stack-roles";
import { ACCOUNT, attachment, document, managedPolicy, resource, role, rolePolicy } from "../rule-harness";

const view = (r: ReturnType<typeof resource>) => ({ ...r, props: r.outputs ?? r.props, propertyDependencies: undefined });

describe("stackRoles", () => {
    it("links inline, role policies, attachments by name and ARN, managedPolicyArns and the boundary", () => {
        const boundary = managedPolicy("test-boundary", { Effect: "Allow", Action: "s3:*", Resource: "*" });
        const shared = managedPolicy("shared", { Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" });
        const extra = managedPolicy("extra", { Effect: "Allow", Action: "sns:Publish", Resource: "*" });
        const api = role("api", {
            inlinePolicies: [{ name: "inline", policy: document({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) }],
            managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/extra`],
        });
        const resources = [
            boundary,
            shared,
            extra,
            api,
            rolePolicy("rp", "api", { Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" }),
            attachment("att", `arn:aws:iam::${ACCOUNT}:role/api`, `arn:aws:iam::${ACCOUNT}:policy/shared`),
            attachment("admin", "api", "arn:aws:iam::aws:policy/AdministratorAccess"),
            attachment("opaque", "api", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
        ];
        const [model] = stackRoles(resources.map(view));
        assert.deepEqual(
            model.identity.map((entry) => entry.label),
            ["inline policy inline of api", "policy extra", "role policy rp", "policy shared", "arn:aws:iam::aws:policy/AdministratorAccess"],
        );
        assert.deepEqual(model.opaquePolicyArns, ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]);
        assert.equal(model.boundary?.label, "boundary test-boundary");
    });
    it("keeps every ARN of a list that mixes the stack's policies with others", () => {
        const own = managedPolicy("own", { Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" });
        const admin = "arn:aws:iam::aws:policy/IAMFullAccess";
        const opaque = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        const api = role("api", { managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/own`, admin, opaque] });
        const byValue = stackRoles([view(own), view(api)])[0];
        assert.deepEqual(
            byValue.identity.map((entry) => entry.label),
            ["policy own", admin],
        );
        assert.deepEqual(byValue.opaquePolicyArns, [opaque]);
        const byDependency = stackRoles([view(own), { ...view(api), propertyDependencies: { managedPolicyArns: [{ urn: own.urn }] } }])[0];
        assert.deepEqual(
            byDependency.identity.map((entry) => entry.label),
            ["policy own", admin],
        );
        const exclusive = resource("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "exclusive", {
            roleName: "api",
            policyArns: [`arn:aws:iam::${ACCOUNT}:policy/own`, admin],
        });
        assert.deepEqual(
            stackRoles([view(own), view(role("api")), view(exclusive)])[0].identity.map((entry) => entry.label),
            ["policy own", admin],
        );
    });
    it("links through a property's dependency when the value is unknown", () => {
        const api = role("api");
        const policy = {
            ...rolePolicy("rp", "unknown", { Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
            propertyDependencies: { role: [api.urn] },
        };
        const models = stackRoles([view(api), { ...policy, propertyDependencies: { role: [{ urn: api.urn }] } }]);
        assert.deepEqual(
            models[0].identity.map((entry) => entry.label),
            ["role policy rp"],
        );
    });
    it("resolves boundaries and attached policies defined outside the stack from known documents", () => {
        const external = `arn:aws:iam::${ACCOUNT}:policy/test-boundary`;
        const shared = `arn:aws:iam::${ACCOUNT}:policy/shared`;
        const known = {
            [external]: document({ Effect: "Allow", Action: "s3:*", Resource: "*" }),
            [shared]: document({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }),
        };
        const [model] = stackRoles([view(role("api")), view(attachment("att", "api", shared))], known);
        assert.equal(model.boundary?.label, `boundary ${external}`);
        assert.deepEqual(
            model.identity.map((entry) => entry.label),
            [shared],
        );
        assert.deepEqual(stackRoles([view(role("api"))])[0].boundary, undefined);
    });
});

describe("stackPrincipals", () => {
    const user = (name: string, props: Record<string, unknown> = {}) => resource("aws:iam/user:User", name, { name, ...props });
    const group = (name: string) => resource("aws:iam/group:Group", name, { name });
    it("gives users their own policies and their groups', through either membership resource", () => {
        const resources = [
            user("alice", { tags: { team: "orders" } }),
            user("bob"),
            group("ops"),
            group("audit"),
            resource("aws:iam/userPolicy:UserPolicy", "alice-own", {
                user: "alice",
                policy: document({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
            }),
            resource("aws:iam/groupPolicy:GroupPolicy", "ops-policy", {
                group: "ops",
                policy: document({ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" }),
            }),
            resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "audit-attach", {
                group: "audit",
                policyArn: `arn:aws:iam::${ACCOUNT}:policy/audit`,
            }),
            managedPolicy("audit", { Effect: "Allow", Action: "cloudtrail:LookupEvents", Resource: "*" }),
            resource("aws:iam/groupMembership:GroupMembership", "ops-members", { group: "ops", users: ["alice"] }),
            resource("aws:iam/userGroupMembership:UserGroupMembership", "bob-groups", { user: "bob", groups: ["audit"] }),
        ];
        const { principals, groups } = stackPrincipals(resources.map(view), {}, ACCOUNT);
        const byName = new Map(principals.map((principal) => [principal.name, principal]));
        assert.deepEqual(
            byName.get("alice")?.identity.map((entry) => entry.label),
            ["user policy alice-own", "group policy ops-policy of group ops"],
        );
        assert.deepEqual(byName.get("alice")?.tags, { team: "orders" });
        assert.deepEqual(byName.get("alice")?.groups, ["ops"]);
        assert.equal(byName.get("alice")?.arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
        assert.deepEqual(
            byName.get("bob")?.identity.map((entry) => entry.label),
            ["policy audit of group audit"],
        );
        assert.deepEqual(byName.get("bob")?.policyArns, [`arn:aws:iam::${ACCOUNT}:policy/audit`]);
        assert.deepEqual(
            groups.map((entry) => [entry.name, entry.members.length]),
            [
                ["ops", 1],
                ["audit", 1],
            ],
        );
    });
    it("reads a role's trust policy and builds its ARN from the account when it is not known yet", () => {
        const pending = {
            ...view(role("api")),
            props: { name: "api", assumeRolePolicy: document({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole" }) },
        };
        const [model] = stackPrincipals([pending], {}, ACCOUNT).principals;
        assert.equal(model.arn, `arn:aws:iam::${ACCOUNT}:role/api`);
        assert.deepEqual(model.trust?.statements[0].principal?.aws, [ACCOUNT]);
    });
});
