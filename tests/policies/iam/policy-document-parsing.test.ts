import { strict as assert } from "assert";
import { clearMemoTables } from "../../../lib/memo-table";
import {
    conditionKeys,
    confiningConditionKeys,
    confinesWith,
    parsePolicyDocument,
    parsePolicyDocumentOrUndefined,
    PolicyDocumentError,
} from "../../../policies/iam/policy-document";
import { UNKNOWN_SENTINEL, unknownCheckingView } from "../../../policies/unknown-values-proxy";

const statement = (fields: Record<string, unknown>) => ({ Statement: { Effect: "Allow", Action: "s3:GetObject", ...fields } });

function parseError(input: unknown): PolicyDocumentError {
    try {
        parsePolicyDocument(input);
    } catch (error) {
        assert.ok(error instanceof PolicyDocumentError, String(error));
        return error;
    }
    assert.fail(`parsed ${JSON.stringify(input)}`);
}

describe("policy documents: what a malformed one is told", () => {
    it("names the part that is not an object, whatever it is instead", () => {
        const cases: Array<[unknown, string]> = [
            [[], "expected a policy document object"],
            [null, "expected a policy document object"],
            ["[1]", "expected a policy document object"],
            [{ Statement: [null] }, "Statement[0]: expected a statement object"],
            [{ Statement: ["Allow"] }, "Statement[0]: expected a statement object"],
            [{ Statement: [[{ Effect: "Allow" }]] }, "Statement[0]: expected a statement object"],
            [statement({ Principal: ["arn:aws:iam::1:root"] }), 'Statement.Principal: expected "*" or an object of principal types'],
            [statement({ Principal: "arn:aws:iam::1:root" }), 'Statement.Principal: expected "*" or an object of principal types'],
            [statement({ Condition: "aws:SecureTransport" }), "Statement.Condition: expected an object of condition operators"],
            [statement({ Condition: [{ Bool: { "aws:SecureTransport": "true" } }] }), "Statement.Condition: expected an object of condition operators"],
            [statement({ Condition: { Bool: "aws:SecureTransport" } }), "Statement.Condition.Bool: expected an object of condition keys"],
            [statement({ Condition: { Bool: null } }), "Statement.Condition.Bool: expected an object of condition keys"],
        ];
        for (const [input, message] of cases) assert.equal(parseError(input).message, message, JSON.stringify(input));
    });

    it("names the field and the position of a value that is not a string", () => {
        const cases: Array<[unknown, string]> = [
            [statement({ Action: 7 }), "Statement.Action: expected a string, got 7"],
            [statement({ NotAction: ["iam:*", false] }), "Statement.NotAction[1]: expected a string, got false"],
            [statement({ Resource: [{ arn: "x" }] }), 'Statement.Resource[0]: expected a string, got {"arn":"x"}'],
            [statement({ NotResource: null }), "Statement.NotResource: expected a string, got null"],
            [statement({ Principal: { AWS: ["arn:aws:iam::1:root", 2] } }), "Statement.Principal.AWS[1]: expected a string, got 2"],
            [statement({ NotPrincipal: { Service: 3 } }), "Statement.NotPrincipal.Service: expected a string, got 3"],
            [
                {
                    Statement: [
                        { Effect: "Allow", Action: "s3:GetObject" },
                        { Effect: "Deny", Action: "s3:*", Resource: [1] },
                    ],
                },
                "Statement[1].Resource[0]: expected a string, got 1",
            ],
        ];
        for (const [input, message] of cases) assert.equal(parseError(input).message, message, JSON.stringify(input));
    });

    it("throws errors named PolicyDocumentError", () => {
        assert.equal(parseError({}).name, "PolicyDocumentError");
    });
});

describe("policy documents: what a well-formed one reads as", () => {
    it("reads CanonicalUser principals", () => {
        const [read] = parsePolicyDocument(statement({ Principal: { CanonicalUser: "79a59df9" } })).statements;
        assert.deepEqual(read.principal, { anyone: false, aws: [], service: [], federated: [], canonicalUser: ["79a59df9"] });
    });

    it("keeps the Version only when it is a string", () => {
        assert.equal(parsePolicyDocument({ ...statement({}), Version: 2012 }).version, undefined);
        assert.equal(parsePolicyDocument({ ...statement({}), Version: "2008-10-17" }).version, "2008-10-17");
    });

    it("lists every condition key a statement tests, lower-cased", () => {
        const [read] = parsePolicyDocument(
            statement({ Condition: { StringEquals: { "aws:ResourceTag/Team": "orders", "aws:SourceAccount": "1" }, Bool: { "aws:SecureTransport": "true" } } }),
        ).statements;
        assert.deepEqual(conditionKeys(read), ["aws:resourcetag/team", "aws:sourceaccount", "aws:securetransport"]);
    });
});

describe("policy documents: parsing what may be malformed or unknown", () => {
    beforeEach(() => clearMemoTables());

    it("answers undefined for a malformed document, given as text or as an object", () => {
        assert.equal(parsePolicyDocumentOrUndefined("{oops"), undefined);
        assert.equal(parsePolicyDocumentOrUndefined({ Statement: { Effect: "Allow" } }), undefined);
        assert.equal(parsePolicyDocumentOrUndefined(undefined), undefined);
    });

    it("parses an object every time it is given, and shares the result for the same text", () => {
        const object = statement({});
        assert.deepEqual(parsePolicyDocumentOrUndefined(object)?.statements[0].actions, ["s3:GetObject"]);
        assert.deepEqual(parsePolicyDocumentOrUndefined(object)?.statements[0].actions, ["s3:GetObject"]);
        const text = JSON.stringify(object);
        const first = parsePolicyDocumentOrUndefined(text);
        assert.deepEqual(first?.statements[0].actions, ["s3:GetObject"]);
        assert.equal(parsePolicyDocumentOrUndefined(text), first);
    });

    it("keeps at most 5,000 texts: the next one starts afresh", () => {
        const text = JSON.stringify(statement({}));
        const first = parsePolicyDocumentOrUndefined(text);
        for (let index = 1; index < 5000; index++) parsePolicyDocumentOrUndefined(JSON.stringify(statement({ Sid: `s${index}` })));
        assert.equal(parsePolicyDocumentOrUndefined(text), first, "5,000 texts are kept");
        parsePolicyDocumentOrUndefined(JSON.stringify(statement({ Sid: "one too many" })));
        const again = parsePolicyDocumentOrUndefined(text);
        assert.notEqual(again, first);
        assert.deepEqual(again, first);
    });

    it("lets a value not known during preview through, so that the check says it cannot judge", () => {
        const pending = unknownCheckingView({ Version: "2012-10-17", Statement: UNKNOWN_SENTINEL });
        assert.throws(
            () => parsePolicyDocumentOrUndefined(pending),
            (error: Error) => error.constructor.name === "UnknownValueError",
        );
    });
});

describe("policy documents: the condition keys that confine a statement", () => {
    const read = (condition: Record<string, unknown>) => parsePolicyDocument(statement({ Condition: condition })).statements[0];

    it("counts no key of a negated, IfExists, Null or ForAllValues operator", () => {
        const keys = confiningConditionKeys(
            read({
                StringNotEquals: { "aws:SourceAccount": "1" },
                StringEqualsIfExists: { "aws:SourceVpc": "vpc-1" },
                Null: { "aws:ResourceTag/team": "false" },
                // Null names no value, with a set qualifier as without one.
                "ForAnyValue:Null": { "aws:TagKeys": "false" },
                "ForAllValues:StringEquals": { "aws:TagKeys": "team" },
                StringEquals: { "aws:PrincipalOrgID": "o-1" },
            }),
        );
        assert.deepEqual(keys, ["aws:principalorgid"]);
    });

    it("counts a Like key unless every value it admits is type-wide", () => {
        assert.deepEqual(confiningConditionKeys(read({ StringLike: { "iam:PermissionsBoundary": ["arn:aws:iam::*:policy/*", "*"] } })), []);
        assert.deepEqual(confiningConditionKeys(read({ ArnLike: { "iam:PermissionsBoundary": ["arn:aws:iam::*:policy/*", "arn:aws:iam::1:policy/b"] } })), [
            "iam:permissionsboundary",
        ]);
    });

    it("matches a key ending in * as a prefix, and any other key whole", () => {
        const team = read({ StringEquals: { "aws:ResourceTag/Teams": "orders" } });
        assert.equal(confinesWith(team, ["aws:sourceaccount", "aws:ResourceTag/*"]), true);
        assert.equal(confinesWith(team, ["aws:ResourceTag/Team"]), false);
        assert.equal(confinesWith(team, ["aws:PrincipalTag/*"]), false);
    });
});
