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

describe("condition operators: each comparison at its boundary", () => {
    const cases: Array<[operator: string, key: string, policy: string, less: string, equal: string, greater: string, expected: [boolean, boolean, boolean]]> = [
        ["NumericEquals", "s3:max-keys", "10", "9", "10", "11", [false, true, false]],
        ["NumericNotEquals", "s3:max-keys", "10", "9", "10", "11", [true, false, true]],
        ["NumericLessThan", "s3:max-keys", "10", "9", "10", "11", [true, false, false]],
        ["NumericLessThanEquals", "s3:max-keys", "10", "9", "10", "11", [true, true, false]],
        ["NumericGreaterThan", "s3:max-keys", "10", "9", "10", "11", [false, false, true]],
        ["NumericGreaterThanEquals", "s3:max-keys", "10", "9", "10", "11", [false, true, true]],
        ["DateEquals", "aws:CurrentTime", "2026-01-01T00:00:00Z", "2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", [false, true, false]],
        [
            "DateNotEquals",
            "aws:CurrentTime",
            "2026-01-01T00:00:00Z",
            "2025-12-31T23:59:59Z",
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:01Z",
            [true, false, true],
        ],
        [
            "DateLessThan",
            "aws:CurrentTime",
            "2026-01-01T00:00:00Z",
            "2025-12-31T23:59:59Z",
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:01Z",
            [true, false, false],
        ],
        [
            "DateLessThanEquals",
            "aws:CurrentTime",
            "2026-01-01T00:00:00Z",
            "2025-12-31T23:59:59Z",
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:01Z",
            [true, true, false],
        ],
        [
            "DateGreaterThan",
            "aws:CurrentTime",
            "2026-01-01T00:00:00Z",
            "2025-12-31T23:59:59Z",
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:01Z",
            [false, false, true],
        ],
        [
            "DateGreaterThanEquals",
            "aws:CurrentTime",
            "2026-01-01T00:00:00Z",
            "2025-12-31T23:59:59Z",
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:01Z",
            [false, true, true],
        ],
    ];
    for (const [operator, key, policy, less, equal, greater, expected] of cases) {
        it(`${operator}: below, at and above ${policy}`, () => {
            assert.deepEqual(
                [less, equal, greater].map((value) => holds({ [operator]: { [key]: policy } }, { [key]: value })),
                expected,
            );
        });
    }
    it("numbers must be numbers: an empty or blank value is not zero", () => {
        assert.equal(holds({ NumericEquals: { "s3:max-keys": "0" } }, { "s3:max-keys": "0" }), true);
        assert.equal(holds({ NumericEquals: { "s3:max-keys": "0" } }, { "s3:max-keys": "" }), false);
        assert.equal(holds({ NumericEquals: { "s3:max-keys": "0" } }, { "s3:max-keys": " " }), false);
        assert.equal(holds({ NumericLessThanEquals: { "s3:max-keys": "" } }, { "s3:max-keys": "0" }), false);
    });
    it("dates compare as ISO 8601 dates or epoch seconds, interchangeably", () => {
        assert.equal(holds({ DateEquals: { "aws:CurrentTime": "1577836800" } }, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }), true);
        assert.equal(holds({ DateGreaterThan: { "aws:CurrentTime": "2020-01-01" } }, { "aws:CurrentTime": "2026-06-01T00:00:00Z" }), true);
        assert.equal(holds({ DateGreaterThan: { "aws:CurrentTime": "not a date" } }, { "aws:CurrentTime": "2026-06-01T00:00:00Z" }), false);
    });
    it("Bool and StringEqualsIgnoreCase ignore case but not the value", () => {
        assert.equal(holds({ Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "false" }), false);
        assert.equal(holds({ StringEqualsIgnoreCase: { "aws:username": "alice" } }, { "aws:username": "bob" }), false);
        assert.equal(holds({ StringNotEqualsIgnoreCase: { "aws:username": "alice" } }, { "aws:username": "ALICE" }), false);
    });
    it("an unknown operator is named in the error", () => {
        assert.throws(() => holds({ StringSortOf: { "aws:username": "a" } }), {
            name: "UnknownConditionOperatorError",
            message: "unknown condition operator StringSortOf",
        });
    });
});

describe("condition operators on multi-valued keys", () => {
    const tags = { "aws:TagKeys": ["team", "env"] };
    it("a plain operator holds when some request value matches; negated, when none does", () => {
        assert.equal(holds({ StringEquals: { "aws:TagKeys": "team" } }, tags), true);
        assert.equal(holds({ StringNotEquals: { "aws:TagKeys": "team" } }, tags), false);
        assert.equal(holds({ StringNotEquals: { "aws:TagKeys": "cost" } }, tags), true);
    });
    it("ForAnyValue with a negated operator holds when some value does not match; never for an absent key", () => {
        assert.equal(holds({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": "team" } }, tags), true);
        assert.equal(holds({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["team", "env"] } }, tags), false);
        assert.equal(holds({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": "team" } }), false);
    });
    it("ForAllValues with a negated operator holds when no value matches", () => {
        assert.equal(holds({ "ForAllValues:StringNotEquals": { "aws:TagKeys": "secret" } }, tags), true);
        assert.equal(holds({ "ForAllValues:StringNotEquals": { "aws:TagKeys": "env" } }, tags), false);
    });
});

describe("policy variables in condition values", () => {
    it("${*}, ${?} and ${$} stand for the characters themselves", () => {
        assert.equal(holds({ StringEquals: { "s3:prefix": "a${*}b" } }, { "s3:prefix": "a*b" }), true);
        assert.equal(holds({ StringEquals: { "s3:prefix": "a${*}b" } }, { "s3:prefix": "axyb" }), false);
        assert.equal(holds({ StringEquals: { "s3:prefix": "a${?}" } }, { "s3:prefix": "a?" }), true);
        assert.equal(holds({ StringEquals: { "s3:prefix": "a${?}" } }, { "s3:prefix": "ab" }), false);
        assert.equal(holds({ StringEquals: { "s3:prefix": "cost${$}" } }, { "s3:prefix": "cost$" }), true);
        assert.equal(holds({ StringEquals: { "s3:prefix": "cost${$}" } }, { "s3:prefix": "costly" }), false);
    });
    it("a variable whose key is absent or has several values matches any text", () => {
        assert.equal(holds({ StringLike: { "s3:prefix": "home/${aws:username}/*" } }, { "s3:prefix": "home/alice/x" }), true);
        assert.equal(holds({ StringLike: { "s3:prefix": "home/${aws:username}/*" } }, { "s3:prefix": "work/alice/x" }), false);
        assert.equal(
            holds({ StringEquals: { "aws:ResourceTag/team": "${aws:TagKeys}" } }, { "aws:ResourceTag/team": "env", "aws:TagKeys": ["team", "env"] }),
            true,
        );
    });
});

describe("IP addresses and blocks", () => {
    it("an address outside IPv4's syntax or range is in no block", () => {
        assert.equal(ipInCidr("255.255.255.255", "0.0.0.0/0"), true);
        assert.equal(ipInCidr("256.0.0.1", "0.0.0.0/0"), false);
        assert.equal(ipInCidr("1.2.3.256", "1.2.4.0/24"), false);
        assert.equal(ipInCidr("a1.2.3.4", "0.0.0.0/0"), false);
        assert.equal(ipInCidr("10.0.0.1", "not-a-block"), false);
        assert.equal(ipInCidr("10.0.0.1", "2001:db8::/32"), false);
        assert.equal(ipInCidr("10.0.0.1", "::/0"), false);
        assert.equal(ipInCidr("::1", "0.0.0.0/0"), false);
    });
    it("IPv6 addresses compare the same in full and compressed forms", () => {
        assert.equal(ipInCidr("2001:db8:0:0:0:0:0:1", "2001:db8::/32"), true);
        assert.equal(ipInCidr("::1", "::1/128"), true);
        assert.equal(ipInCidr("2001:db8::12", "2001:db8:0:0:0:0:0:12/128"), true);
        assert.equal(ipInCidr("2001:db8::1", "2001:db8:0:0:0:0:0:1/128"), true);
        assert.equal(ipInCidr("2001:db8::1", "2001:db8:0:0:0:0:0:2/128"), false);
    });
    it("a malformed IPv6 address is in no block", () => {
        for (const address of [
            "g::1",
            "::1g",
            "1:2:3",
            "1:2:3:4:5:6:7:8:9",
            "1::2::3",
            ":1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:",
            "1:2:3:4::5:6:7:8",
            "12345::1",
            "x123::1",
            "1:2:3:4::5:6:7:8::9",
        ])
            assert.equal(ipInCidr(address, "::/0"), false, address);
        assert.equal(ipInCidr("0:1:2:3:4:5:6:7", "::/0"), true);
        assert.equal(ipInCidr("1:2:3:4:5:6::8", "1:2:3:4:5:6:0:8/128"), true);
    });
    it("a prefix length must be a whole number within the address's bits", () => {
        assert.equal(ipInCidr("10.1.2.3", "0.0.0.0/0"), true);
        for (const cidr of ["10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "10.0.0.0/8.5"]) assert.equal(ipInCidr("10.0.0.0", cidr), false, cidr);
        assert.equal(ipInCidr("::", "::/129"), false);
    });
});

describe("judging conditions: known keys, and the values tried for unknown ones", () => {
    const known =
        (values: Record<string, string[]>): KeyLookup =>
        (key) =>
            key in values ? { kind: "known", values: values[key] } : { kind: "unknown", confining: true };
    const unknownKeys: KeyLookup = () => ({ kind: "unknown", confining: false });
    const verdict = (raw: Record<string, Record<string, unknown>>, lookup: KeyLookup = unknownKeys) => judgeConditions(conditions(raw), lookup).holds;
    it("on a known key, every operator must hold", () => {
        assert.deepEqual(
            judgeConditions(conditions({ StringEquals: { "aws:username": "a" }, StringNotEquals: { "aws:username": "a" } }), known({ "aws:username": ["a"] })),
            {
                holds: "never",
            },
        );
        assert.deepEqual(judgeConditions(conditions({ StringEquals: { "aws:username": "a" } }), known({ "aws:username": ["a"] })), { holds: "always" });
    });
    it("absence is a value an unknown key can take", () => {
        assert.equal(verdict({ Null: { "aws:RequestTag/team": "true" } }), "always");
        assert.equal(verdict({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": "team" } }), "always");
    });
    it("numbers and dates next to the named ones are tried", () => {
        assert.equal(verdict({ NumericLessThan: { "s3:max-keys": "0" } }), "always");
        assert.equal(verdict({ NumericGreaterThan: { "s3:max-keys": "5" }, NumericLessThan: { "s3:max-keys": "7" } }), "always");
        assert.equal(verdict({ DateLessThan: { "aws:TokenIssueTime": "2020-01-01T00:00:00Z" } }), "always");
        assert.equal(
            verdict({ DateGreaterThan: { "aws:TokenIssueTime": "2020-01-01T00:00:00Z" }, DateLessThan: { "aws:TokenIssueTime": "2020-01-01T00:00:01.500Z" } }),
            "always",
        );
    });
    it("addresses inside and outside the named blocks are tried", () => {
        assert.equal(verdict({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }), "always");
        assert.equal(verdict({ IpAddress: { "aws:SourceIp": "192.0.0.0/2" }, NotIpAddress: { "aws:SourceIp": "192.0.0.0/8" } }), "always");
    });
    it("wildcards in named values are filled in, and a value no policy names is tried", () => {
        assert.equal(verdict({ StringLike: { "s3:prefix": "orders-*" }, StringNotEquals: { "s3:prefix": ["orders-*", "orders-"] } }), "always");
        assert.equal(verdict({ StringLike: { "s3:prefix": "orders-*" }, StringNotLike: { "s3:prefix": "orders-?*" } }), "always");
        assert.equal(verdict({ StringLike: { "s3:prefix": "?*" }, StringNotLike: { "s3:prefix": ["x*", "t*", "f*"] } }), "always");
        const nonEmpty = { StringLike: { "s3:prefix": "?*" }, StringNotEquals: { "s3:prefix": "?*" } };
        assert.equal(verdict({ ...nonEmpty, StringNotLike: { "s3:prefix": ["x*", "meridian*", "f*"] } }), "always");
        assert.equal(verdict({ ...nonEmpty, StringNotLike: { "s3:prefix": ["x*", "meridian*", "t*"] } }), "always");
    });
    it("a value made of another key's known value is tried", () => {
        const lookup: KeyLookup = (key) => (key === "aws:username" ? { kind: "known", values: ["alice"] } : { kind: "unknown", confining: false });
        assert.equal(verdict({ StringEquals: { "aws:RequestTag/owner": "${aws:username}" } }, lookup), "always");
        assert.equal(verdict({ StringEquals: { "aws:RequestTag/owner": "team-${aws:username}" } }, lookup), "always");
        assert.equal(verdict({ StringEquals: { "aws:RequestTag/owner": "a${*}" } }), "always");
        assert.equal(conditionsCertain(conditions({ StringNotEquals: { "aws:RequestTag/owner": "${aws:username}" } }), lookup), false);
    });
    it("only a positive match on values that are not all unrestricted confines; ForAllValues does not", () => {
        const confining: KeyLookup = () => ({ kind: "unknown", confining: true });
        assert.equal(verdict({ "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] } }, confining), "always");
        assert.equal(verdict({ StringEquals: { "iam:PermissionsBoundary": "*" } }, confining), "depends");
        assert.equal(verdict({ ArnLike: { "iam:PermissionsBoundary": ["arn:aws:iam::*:policy/*", "arn:aws:iam::1:policy/b"] } }, confining), "depends");
        assert.equal(
            verdict({ StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::1:policy/b" }, StringNotEquals: { "iam:PermissionsBoundary": "x" } }, confining),
            "depends",
        );
    });
    it("a Deny on an absent key applies as the absent key makes it", () => {
        const absent: KeyLookup = () => ({ kind: "absent" });
        assert.equal(conditionsCertain(conditions({ Null: { "aws:RequestTag/team": "true" } }), absent), true);
        assert.equal(conditionsCertain(conditions({ StringEquals: { "aws:RequestTag/team": "x" } }), absent), false);
    });
    it("rejects operator names that are not IAM's, even those every object has", () => {
        for (const operator of ["Constructor", "toString", "ValueOf"])
            assert.throws(() => holds({ [operator]: { "aws:username": "a" } }, { "aws:username": "a" }), UnknownConditionOperatorError, operator);
    });
});
