import { strict as assert } from "assert";
import { isUnrestrictedResource } from "../../../policies/iam/resource-scope";
import { reachesEveryResourceOf, resourceArnTemplates } from "../../../policies/iam/resource-types";

function judged(patterns: string[], expected: boolean): void {
    for (const pattern of patterns) assert.equal(isUnrestrictedResource(pattern), expected, pattern);
}

describe("isUnrestrictedResource: patterns that reach every resource of their kind", () => {
    it("takes a pattern that is not an ARN as unrestricted only when it is all wildcards", () => {
        judged(["*", "**", "?*"], true);
        judged(["orders", "*-admin", "Arn:aws:iam::*:role/*", "aws:iam::*:role/*:*"], false);
    });

    it("takes a short ARN as unrestricted only when its last field is all wildcards, one * at least", () => {
        judged(["arn:aws:iam::*", "arn:aws:iam::?*?", "arn:*"], true);
        judged(["arn:aws:iam::orders*", "arn:aws:iam::*orders", "arn:aws:iam::?"], false);
    });

    it("takes an S3 ARN as unrestricted when its bucket is all wildcards, whatever key follows", () => {
        judged(["arn:aws:s3:::*", "arn:aws:s3:::**", "arn:aws:s3:::*/*", "arn:aws:s3:::*/logs/2024/*"], true);
        judged(["arn:aws:s3:::*-logs", "arn:aws:s3:::*-logs/*", "arn:aws:s3:::orders/*"], false);
    });

    it("takes an ARN as unrestricted when after its type word come only wildcards and separators", () => {
        judged(["arn:aws:iam::*:role/**", "arn:aws:lambda:*:*:function:*:**", "arn:aws:lambda:*:*:function:**:*"], true);
        judged(["arn:aws:lambda:*:*:function:*:live", "arn:aws:lambda:*:*:function:orders-*:*"], false);
    });
});

describe("reachesEveryResourceOf: patterns that reach every resource an action acts on", () => {
    it("knows no ARN format of an action the catalog does not have", () => {
        assert.deepEqual(resourceArnTemplates("s3:Frobnicate"), []);
        assert.equal(reachesEveryResourceOf("arn:aws:s3:::*", "s3:Frobnicate"), false);
        assert.equal(reachesEveryResourceOf("*", "s3:Frobnicate"), true);
    });

    it("counts a pattern that spans any one of the action's formats", () => {
        assert.equal(reachesEveryResourceOf("arn:aws:lambda:*:*:function:*", "lambda:PutFunctionCodeSigningConfig"), true);
        assert.equal(reachesEveryResourceOf("arn:aws:lambda:*:*:code-signing-config:*", "lambda:PutFunctionCodeSigningConfig"), true);
        assert.equal(reachesEveryResourceOf("arn:aws:lambda:*:*:layer:*", "lambda:PutFunctionCodeSigningConfig"), false);
    });

    it("reads the pattern's type word as the start of the format's, up to its separator", () => {
        assert.equal(reachesEveryResourceOf("arn:aws:lambda:*:*:func*", "lambda:UpdateFunctionCode"), true);
        assert.equal(reachesEveryResourceOf("arn:aws:lambda:*:*:file:*", "lambda:UpdateFunctionCode"), false);
        assert.equal(reachesEveryResourceOf("arn:aws:honeycode:*:*:table*", "honeycode:BatchCreateTableRows"), true);
        assert.equal(reachesEveryResourceOf("arn:aws:honeycode:*:*:tablew*", "honeycode:BatchCreateTableRows"), false);
    });

    it("takes a leading word as a name prefix where the action's format has no type word: an SQS queue or an S3 bucket", () => {
        assert.equal(reachesEveryResourceOf("arn:aws:sqs:*:*:orders*", "sqs:SendMessage"), false);
        assert.equal(reachesEveryResourceOf("arn:aws:sqs:*:*:*", "sqs:SendMessage"), true);
        assert.equal(reachesEveryResourceOf("arn:aws:sqs:us-east-1:*:*", "sqs:SendMessage"), true);
    });

    it("counts a pattern whose wildcard spans the service as well", () => {
        assert.equal(reachesEveryResourceOf("arn:*", "lambda:UpdateFunctionCode"), true);
        assert.equal(reachesEveryResourceOf("arn:aws:*", "lambda:UpdateFunctionCode"), true);
        assert.equal(reachesEveryResourceOf("arn:aws:s*:*:*:function:*", "lambda:UpdateFunctionCode"), true);
        assert.equal(reachesEveryResourceOf("arn:aws:sqs:*:*:*", "lambda:UpdateFunctionCode"), false);
    });
});
