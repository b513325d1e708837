import { strict as assert } from "assert";
import { expandActionPattern, findAction } from "../../../policies/iam/action-catalog";
import { isUnrestrictedResource } from "../../../policies/iam/resource-scope";

describe("action catalog", () => {
    it("finds actions case-insensitively and gives their canonical spelling", () => {
        assert.equal(findAction("S3:getobject")?.name, "s3:GetObject");
        assert.equal(findAction("s3:GetObjects"), undefined);
    });
    it("expands wildcards within a service and across services", () => {
        const gets = expandActionPattern("dynamodb:Get*").map((action) => action.name);
        assert.ok(gets.includes("dynamodb:GetItem"));
        assert.ok(gets.every((name) => name.startsWith("dynamodb:Get")));
        assert.deepEqual(
            expandActionPattern("iam:PassRol?").map((action) => action.name),
            ["iam:PassRole"],
        );
        assert.ok(expandActionPattern("*:GetCallerIdentity").some((action) => action.name === "sts:GetCallerIdentity"));
        assert.deepEqual(expandActionPattern("s3:Frobnicate*"), []);
    });
    it("knows which actions cannot be scoped to a resource", () => {
        assert.equal(findAction("xray:PutTraceSegments")?.unscopable, true);
        assert.equal(findAction("sts:GetCallerIdentity")?.unscopable, true);
        assert.equal(findAction("s3:GetObject")?.unscopable, false);
        assert.equal(findAction("iam:PassRole")?.unscopable, false);
    });
});

describe("isUnrestrictedResource", () => {
    it("treats * and type-wide ARNs as unrestricted", () => {
        const unrestricted = ["*", "arn:aws:iam::*:role/*", "arn:aws:lambda:*:123456789012:function:*", "arn:aws:s3:::*"];
        // `*` matches any run of characters, `/` and `:` included: these reach every role, function or resource too.
        unrestricted.push("arn:aws:iam::*:role*", "arn:aws:lambda:*:*:function*", "arn:aws:lambda:*:*:function:*:*", "arn:aws:iam::*", "arn:*");
        for (const arn of unrestricted) assert.equal(isUnrestrictedResource(arn), true, arn);
    });
    it("treats name prefixes, paths and exact ARNs as restricted", () => {
        for (const arn of [
            "arn:aws:lambda:*:*:function:orders-*",
            "arn:aws:iam::*:role/orders-*",
            "arn:aws:ssm:*:*:parameter/orders/*",
            "arn:aws:s3:::docs/*",
            "arn:aws:iam::*:role/orders*",
            "arn:aws:iam::*:user/${aws:username}",
            "arn:aws:iam::*:role/*-admin",
            "orders-*",
        ]) {
            assert.equal(isUnrestrictedResource(arn), false, arn);
        }
    });
});
