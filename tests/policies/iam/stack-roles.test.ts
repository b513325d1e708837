import { strict as assert } from "assert";
import { stackRoles } from "../../../policies/iam/stack-roles";
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
