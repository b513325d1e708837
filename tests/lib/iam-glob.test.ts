import { strict as assert } from "assert";
import { expandActionPattern } from "../../policies/iam/action-catalog";
import { IamGlobIndex, literalPrefix, matchesIamGlob } from "../../lib/iam-glob";

/** IAM globs match the whole value: a pattern is never a prefix match (issue 15's first hole). */
describe("IAM glob matching", () => {
    it("matches a literal ARN only in full, never as a prefix", () => {
        assert.equal(matchesIamGlob("arn:aws:iam::1:role/orders", "arn:aws:iam::1:role/orders"), true);
        assert.equal(matchesIamGlob("arn:aws:iam::1:role/orders", "arn:aws:iam::1:role/orders-admin"), false);
        assert.equal(matchesIamGlob("arn:aws:iam::1:role/orders", "xarn:aws:iam::1:role/orders"), false);
    });
    it("lets * and ? stand for characters and ${...} for a request-time value, anchored at both ends", () => {
        assert.equal(matchesIamGlob("arn:aws:iam::*:role/orders-*", "arn:aws:iam::1:role/orders-api"), true);
        assert.equal(matchesIamGlob("arn:aws:iam::?:role/x", "arn:aws:iam::12:role/x"), false);
        assert.equal(matchesIamGlob("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/ann/notes.txt"), true);
        assert.equal(matchesIamGlob("*Object", "GetObjectAcl"), false);
    });
    it("reads ${ only when a } closes it: other braces and dollars are literal, and an unclosed ${ is literal too", () => {
        assert.equal(matchesIamGlob("arn:aws:s3:::bucket-{x}", "arn:aws:s3:::bucket-zzz"), false);
        assert.equal(matchesIamGlob("arn:aws:s3:::bucket-{x}", "arn:aws:s3:::bucket-{x}"), true);
        assert.equal(matchesIamGlob("arn:aws:s3:::price$5}", "arn:aws:s3:::price$other"), false);
        assert.equal(matchesIamGlob("arn:aws:s3:::home/${aws:username", "arn:aws:s3:::home/${aws:username"), true);
        assert.equal(matchesIamGlob("arn:aws:s3:::home/${aws:username", "arn:aws:s3:::home/ann"), false);
    });
    it("compares case-sensitively unless asked, as IAM compares ARNs", () => {
        assert.equal(matchesIamGlob("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket"), false);
        assert.equal(matchesIamGlob("s3:GetObject", "S3:getobject", true), true);
    });
    it("keeps a case-sensitive and a case-insensitive pattern apart, whatever their text", () => {
        // Each pair's patterns differ by the one letter that could have been a case flag.
        assert.equal(matchesIamGlob("foo", "foo"), true);
        assert.equal(matchesIamGlob("sfoo", "SFOO", true), true);
        assert.equal(matchesIamGlob("bar", "BAR", true), true);
        assert.equal(matchesIamGlob("ibar", "ibar"), true);
    });
    it("expands an action pattern to the actions it matches in full: s3:*Object is not s3:GetObjectAcl", () => {
        const actions = expandActionPattern("s3:*Object").map((action) => action.key);
        assert.ok(actions.includes("s3:getobject") && actions.includes("s3:putobject"), actions.join(", "));
        assert.ok(!actions.includes("s3:getobjectacl"));
        assert.ok(actions.every((action) => action.endsWith("object")));
    });
});

describe("IAM glob index", () => {
    const values = [
        "arn:aws:s3:::state/.pulumi/stacks/meridian/orders-prod.eu-west-1.json",
        "arn:aws:s3:::state/.pulumi/stacks/meridian/orders-prod.global.json",
        "arn:aws:s3:::state/.pulumi/stacks/meridian/orders-staging.global.json",
        "arn:aws:s3:::state/.pulumi/locks/organization/meridian/orders-prod.global/lock.json",
        "arn:aws:s3:::state/.pulumi/stacks/meridian/organization.json",
        "arn:aws:s3:::state/${x}/literal",
        "arn:aws:s3:::other/.pulumi/stacks/meridian/orders-prod.global.json",
        "arn:aws:s3:::state",
    ];
    const index = new IamGlobIndex(values.map((value, position) => [value, position] as const));
    const patterns = [
        "*",
        "arn:aws:s3:::state/*",
        "arn:aws:s3:::state/.pulumi/stacks/meridian/orders-prod.*",
        "arn:aws:s3:::state/.pulumi/*/orders-prod.global*",
        "arn:aws:s3:::state/.pulumi/stacks/meridian/orders-prod.global.json",
        "arn:aws:s3:::state/.pulumi/stacks/meridian/orders-prod.global.jso",
        "arn:aws:s3:::state/.pulumi/stacks/meridian/organization.jso?",
        "arn:aws:s3:::${aws:username}/.pulumi/stacks/meridian/orders-prod.global.json",
        "arn:aws:s3:::state/${x",
        "arn:aws:s3:::state",
        "arn:aws:s3:::stat",
        "zzz*",
        "",
    ];

    it("finds exactly what testing every value finds, for literal, prefix, ?, ${...} and match-all patterns", () => {
        for (const pattern of patterns) {
            const expected = values
                .map((value, position) => [value, position] as const)
                .filter(([value]) => matchesIamGlob(pattern, value))
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([, position]) => position);
            assert.deepEqual(index.matching(pattern), expected, pattern);
        }
    });

    it("starts a pattern's candidates at its literal prefix: the text before the first *, ? or ${", () => {
        assert.equal(literalPrefix("arn:aws:s3:::state/.pulumi/stacks/a.*"), "arn:aws:s3:::state/.pulumi/stacks/a.");
        assert.equal(literalPrefix("arn:aws:s3:::b/x?y"), "arn:aws:s3:::b/x");
        assert.equal(literalPrefix("arn:aws:s3:::${aws:username}/*"), "arn:aws:s3:::");
        assert.equal(literalPrefix("literal"), "literal");
        assert.equal(literalPrefix("*"), "");
    });
});
