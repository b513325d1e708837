import { strict as assert } from "assert";
import { effectivePermissions, unrestrictedGrants } from "../../../policies/iam/permissions";
import { parsePolicyDocument } from "../../../policies/iam/policy-document";

const doc = (label: string, ...statements: unknown[]) => ({ label, document: parsePolicyDocument({ Statement: statements }) });

describe("effectivePermissions", () => {
    it("unions the grants of every identity policy and expands wildcards", () => {
        const set = effectivePermissions([
            doc("a", { Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
            doc("b", { Effect: "Allow", Action: "ec2:Run*", Resource: "*" }),
        ]);
        assert.deepEqual(set.get("iam:passrole")?.[0].sources, ["a"]);
        assert.deepEqual(set.get("ec2:runinstances")?.[0].sources, ["b"]);
    });
    it("removes actions an unconditional Deny covers, wherever the Deny is", () => {
        const set = effectivePermissions([
            doc("a", { Effect: "Allow", Action: ["iam:*"], Resource: "*" }),
            doc("b", { Effect: "Deny", Action: "iam:PassRole", Resource: "*" }),
        ]);
        assert.equal(set.has("iam:passrole"), false);
        assert.equal(set.has("iam:createrole"), true);
    });
    it("keeps grants a Deny covers only partly, and grants under a conditional Deny", () => {
        const set = effectivePermissions([
            doc(
                "a",
                { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
                { Effect: "Allow", Action: "iam:GetRole", Resource: "arn:aws:iam::1:role/orders-a" },
            ),
            doc("b", { Effect: "Deny", Action: ["iam:PassRole", "iam:GetRole"], Resource: "arn:aws:iam::1:role/orders-*" }),
            doc("c", { Effect: "Deny", Action: "iam:PassRole", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }),
        ]);
        assert.equal(set.has("iam:passrole"), true);
        assert.equal(set.has("iam:getrole"), false);
    });
    it("reads a Deny on NotResource as denying everything but the listed resources", () => {
        const set = effectivePermissions([
            doc(
                "a",
                { Effect: "Allow", Action: ["iam:PutRolePolicy", "iam:PassRole"], Resource: "*" },
                { Effect: "Allow", Action: "iam:TagRole", Resource: "arn:aws:iam::1:role/orders-a" },
            ),
            doc("b", { Effect: "Deny", Action: "iam:PutRolePolicy", NotResource: "arn:aws:iam::*:role/*" }),
            doc("c", { Effect: "Deny", Action: ["iam:PassRole", "iam:TagRole"], NotResource: "arn:aws:iam::1:role/orders-*" }),
        ]);
        // Every role is spared, so the grant still reaches every role.
        assert.deepEqual(set.get("iam:putrolepolicy")?.[0].resources, ["arn:aws:iam::*:role/*"]);
        assert.equal(unrestrictedGrants(set, "iam:PutRolePolicy", []).length, 1);
        // Only orders-* roles are spared: the grant on * narrows to them, the grant inside them stays whole.
        assert.deepEqual(set.get("iam:passrole")?.[0].resources, ["arn:aws:iam::1:role/orders-*"]);
        assert.equal(unrestrictedGrants(set, "iam:PassRole", []).length, 0);
        assert.deepEqual(set.get("iam:tagrole")?.[0].resources, ["arn:aws:iam::1:role/orders-a"]);
    });
    it("reads NotAction as every other action", () => {
        const set = effectivePermissions([doc("a", { Effect: "Allow", NotAction: "iam:*", Resource: "*" })]);
        assert.equal(set.has("iam:passrole"), false);
        assert.equal(set.has("ec2:runinstances"), true);
    });
    it("intersects with the boundary: actions it does not allow go, narrower resources narrow the grant", () => {
        const identity = [doc("a", { Effect: "Allow", Action: ["iam:PassRole", "lambda:CreateFunction", "s3:GetObject"], Resource: "*" })];
        const boundary = doc(
            "boundary",
            { Effect: "Allow", Action: ["lambda:*", "iam:PassRole"], Resource: "*" },
            { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::orders-*" },
            { Effect: "Deny", Action: "iam:PassRole", Resource: "*" },
        );
        const set = effectivePermissions(identity, boundary);
        assert.equal(set.has("iam:passrole"), false);
        assert.equal(unrestrictedGrants(set, "lambda:CreateFunction", []).length, 1);
        assert.deepEqual(set.get("s3:getobject")?.[0].resources, ["arn:aws:s3:::orders-*"]);
        assert.equal(unrestrictedGrants(set, "s3:GetObject", []).length, 0);
    });
    it("keeps each boundary statement a separate way through: one statement's condition does not confine another's", () => {
        const identity = [doc("a", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" })];
        const boundary = doc(
            "boundary",
            { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/owner": "orders" } } },
            { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } },
        );
        const set = effectivePermissions(identity, boundary);
        assert.deepEqual(
            unrestrictedGrants(set, "iam:PutRolePolicy", ["aws:ResourceTag/*"]).map((grant) => grant.conditionKeys),
            [["aws:requestedregion"]],
        );
        const tagOnly = effectivePermissions(
            identity,
            doc("boundary", {
                Effect: "Allow",
                Action: "iam:PutRolePolicy",
                Resource: "*",
                Condition: { StringEquals: { "aws:ResourceTag/owner": "orders" } },
            }),
        );
        assert.equal(unrestrictedGrants(tagOnly, "iam:PutRolePolicy", ["aws:ResourceTag/*"]).length, 0);
    });
});

describe("unrestrictedGrants", () => {
    it("ignores scoped grants and grants under a restricting condition", () => {
        const set = effectivePermissions([
            doc("scoped", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "arn:aws:iam::*:role/orders-*" }),
            doc("conditioned", {
                Effect: "Allow",
                Action: "iam:PutRolePolicy",
                Resource: "*",
                Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::1:policy/b" } },
            }),
        ]);
        assert.equal(unrestrictedGrants(set, "iam:PutRolePolicy", ["iam:PermissionsBoundary"]).length, 0);
        assert.deepEqual(
            unrestrictedGrants(set, "iam:PutRolePolicy", []).map((grant) => grant.sources[0]),
            ["conditioned"],
        );
    });
});
