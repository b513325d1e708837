import { strict as assert } from "assert";
import { allActions, expandActionPattern, findAction, isReadOnlyAction, rcpSupportedServices } from "../../../policies/iam/action-catalog";
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

describe("action catalog: expansion, access levels, and the catalog before it is loaded", () => {
    it("`*` is every action of every service; a pattern needs a service part", () => {
        const every = expandActionPattern("*");
        assert.ok(every.length > 10000, `${every.length} actions`);
        assert.equal(every.length, allActions().length);
        assert.ok(every.some((action) => action.name === "iam:PassRole"));
        assert.deepEqual(expandActionPattern("*Object"), []);
        assert.deepEqual(expandActionPattern("GetObject"), []);
    });
    it("an action that only reads or lists is read-only; writes, tagging and permissions management are not", () => {
        for (const name of ["s3:GetObject", "s3:ListBucket"]) assert.equal(isReadOnlyAction(findAction(name)!), true, name);
        for (const name of ["s3:PutObject", "s3:PutObjectTagging", "iam:PassRole", "iam:PutRolePolicy"])
            assert.equal(isReadOnlyAction(findAction(name)!), false, name);
    });
    it("knows which services resource control policies govern", () => {
        assert.equal(rcpSupportedServices().has("s3"), true);
        assert.equal(rcpSupportedServices().has("iam"), false);
    });
    it("before it is loaded, every lookup says so instead of answering from an empty catalog", () => {
        const path = require.resolve("../../../policies/iam/action-catalog");
        const loadedModule = require.cache[path];
        delete require.cache[path];
        try {
            // A fresh copy of the module, with nothing loaded.
            const fresh = require(path) as typeof import("../../../policies/iam/action-catalog");
            const notLoaded = { message: "the IAM action catalog is not loaded: await loadActionCatalog() before evaluating policies" };
            assert.throws(() => fresh.findAction("s3:GetObject"), notLoaded);
            assert.throws(() => fresh.allActions(), notLoaded);
            assert.throws(() => fresh.actionRecord("s3:GetObject"), notLoaded);
            assert.throws(() => fresh.resourceTypeRecord("s3", "bucket"), notLoaded);
            assert.throws(() => fresh.rcpSupportedServices(), notLoaded);
        } finally {
            require.cache[path] = loadedModule;
        }
    });
});
