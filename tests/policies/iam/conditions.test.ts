import { strict as assert } from "assert";
import { conditionsCertain, conditionsHold, ipInCidr, judgeConditions, KeyLookup, UnknownConditionOperatorError } from "../../../policies/iam/conditions";
import type { Conditions } from "../../../policies/iam/policy-document";
import { parsePolicyDocument } from "../../../policies/iam/policy-document";

/** Conditions as the parser normalises them (keys lower-cased, values as lists). */
function conditions(raw: Record<string, Record<string, unknown>>): Conditions {
    return parsePolicyDocument({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: raw }] }).statements[0].conditions;
}

const request = (entries: Record<string, string | string[]>) =>
    new Map(Object.entries(entries).map(([key, value]) => [key.toLowerCase(), Array.isArray(value) ? value : [value]]));
const holds = (raw: Record<string, Record<string, unknown>>, context: Record<string, string | string[]> = {}) =>
    conditionsHold(conditions(raw), request(context));

describe("IAM condition operators, evaluated with their values", () => {
    it("string, ARN, numeric, date and bool operators compare the request's value", () => {
        assert.equal(holds({ StringEquals: { "aws:username": "alice" } }, { "aws:username": "alice" }), true);
        assert.equal(holds({ StringEquals: { "aws:username": "alice" } }, { "aws:username": "Alice" }), false);
        assert.equal(holds({ StringEqualsIgnoreCase: { "aws:username": "alice" } }, { "aws:username": "Alice" }), true);
        assert.equal(holds({ StringLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "home/alice" }), true);
        assert.equal(
            holds({ ArnLike: { "aws:SourceArn": "arn:aws:sns:*:111122223333:orders-*" } }, { "aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:orders-a" }),
            true,
        );
        assert.equal(holds({ NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "9" }), true);
        assert.equal(holds({ NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "ten" }), false);
        assert.equal(holds({ DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } }, { "aws:CurrentTime": "2026-06-01T00:00:00Z" }), true);
        assert.equal(holds({ DateLessThan: { "aws:EpochTime": "1577836800" } }, { "aws:EpochTime": "1577836799" }), true);
        assert.equal(holds({ Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "TRUE" }), true);
    });
    it("IP operators test membership of IPv4 and IPv6 blocks", () => {
        assert.equal(ipInCidr("203.0.113.7", "203.0.113.0/24"), true);
        assert.equal(ipInCidr("203.0.114.7", "203.0.113.0/24"), false);
        assert.equal(ipInCidr("2001:db8::1", "2001:db8::/32"), true);
        assert.equal(ipInCidr("2001:db9::1", "2001:db8::/32"), false);
        assert.equal(holds({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "192.0.2.1"] } }, { "aws:SourceIp": "192.0.2.1" }), true);
        assert.equal(holds({ NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:SourceIp": "10.1.2.3" }), false);
    });
    it("an absent key fails a positive operator, satisfies a negated one and ...IfExists; Null tests presence", () => {
        assert.equal(holds({ StringEquals: { "aws:PrincipalTag/team": "orders" } }), false);
        assert.equal(holds({ StringNotEquals: { "aws:PrincipalTag/team": "orders" } }), true);
        assert.equal(holds({ StringEqualsIfExists: { "aws:PrincipalTag/team": "orders" } }), true);
        assert.equal(holds({ StringEqualsIfExists: { "aws:PrincipalTag/team": "orders" } }, { "aws:PrincipalTag/team": "payments" }), false);
        assert.equal(holds({ Null: { "aws:PrincipalTag/team": "true" } }), true);
        assert.equal(holds({ Null: { "aws:PrincipalTag/team": "false" } }), false);
    });
    it("ForAnyValue and ForAllValues test every value of a multi-valued key; ForAllValues holds on an empty set", () => {
        assert.equal(holds({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["team", "env"] } }, { "aws:TagKeys": ["cost", "env"] }), true);
        assert.equal(holds({ "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } }, { "aws:TagKeys": ["cost", "env"] }), false);
        assert.equal(holds({ "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } }), true);
        assert.equal(holds({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["team"] } }), false);
    });
    it("all operators and all keys of a block must hold; a key's values are alternatives", () => {
        const raw = { StringEquals: { "aws:username": ["alice", "bob"], "aws:PrincipalTag/team": "orders" } };
        assert.equal(holds(raw, { "aws:username": "bob", "aws:PrincipalTag/team": "orders" }), true);
        assert.equal(holds(raw, { "aws:username": "bob" }), false);
    });
    it("replaces policy variables with the request's value", () => {
        assert.equal(holds({ StringLike: { "s3:prefix": "home/${aws:username}/*" } }, { "s3:prefix": "home/alice/x", "aws:username": "alice" }), true);
        assert.equal(holds({ StringLike: { "s3:prefix": "home/${aws:username}/*" } }, { "s3:prefix": "home/bob/x", "aws:username": "alice" }), false);
    });
    it("rejects an operator IAM does not have", () => {
        assert.throws(() => holds({ StringSortOf: { "aws:username": "a" } }), UnknownConditionOperatorError);
    });
});

describe("conditions on keys the analysis does not know", () => {
    const unknown =
        (confining: boolean): KeyLookup =>
        () => ({ kind: "unknown", confining });
    it("a condition no value can satisfy never holds", () => {
        assert.deepEqual(
            judgeConditions(conditions({ StringEquals: { "aws:ResourceTag/team": "a" }, StringLike: { "aws:ResourceTag/team": "b*" } }), unknown(true)),
            { holds: "never" },
        );
        assert.deepEqual(judgeConditions(conditions({ NumericLessThan: { "s3:max-keys": "5" }, NumericGreaterThan: { "s3:max-keys": "9" } }), unknown(true)), {
            holds: "never",
        });
        assert.deepEqual(
            judgeConditions(conditions({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" }, NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } }), unknown(true)),
            { holds: "never" },
        );
    });
    it("a positive match on named values of a confining key confines; negations, IfExists and wildcards do not", () => {
        assert.deepEqual(judgeConditions(conditions({ StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::1:policy/b" } }), unknown(true)), {
            holds: "depends",
            on: ["iam:permissionsboundary"],
        });
        for (const raw of <Array<Record<string, Record<string, unknown>>>>[
            { StringNotEquals: { "iam:PermissionsBoundary": "arn:aws:iam::1:policy/b" } },
            { StringEqualsIfExists: { "iam:PermissionsBoundary": "arn:aws:iam::1:policy/b" } },
            { ArnLike: { "iam:PermissionsBoundary": "arn:aws:iam::*:policy/*" } },
        ])
            assert.deepEqual(judgeConditions(conditions(raw), unknown(true)), { holds: "always" }, JSON.stringify(raw));
    });
    it("a key the analysis does not count as confining holds whenever some value satisfies it", () => {
        assert.deepEqual(judgeConditions(conditions({ StringEquals: { "aws:RequestTag/team": "orders" } }), unknown(false)), { holds: "always" });
    });
    it("a Deny applies certainly only when its condition holds for every value", () => {
        assert.equal(conditionsCertain(conditions({ StringNotEquals: { "iam:PassedToService": "lambda.amazonaws.com" } }), unknown(false)), false);
        assert.equal(conditionsCertain(conditions({}), unknown(false)), true);
        assert.equal(conditionsCertain(conditions({ Null: { "aws:TokenIssueTime": ["true", "false"] } }), unknown(false)), true);
    });
});
