import { strict as assert } from "assert";
import { expandActionPattern } from "../../policies/iam/action-catalog";
import { matchesIamGlob } from "../../lib/iam-glob";

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
