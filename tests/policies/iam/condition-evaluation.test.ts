import { strict as assert } from "assert";
import { conditionsHold, RequestContext, UnknownConditionOperatorError } from "../../../policies/iam/condition-evaluation";
import { parsePolicyDocument } from "../../../policies/iam/policy-document";

function conditionOf(condition: Record<string, unknown>) {
    return parsePolicyDocument({ Statement: { Effect: "Allow", Action: "*", Resource: "*", Condition: condition } }).statements[0].conditions;
}

function holds(condition: Record<string, unknown>, context: Record<string, string | string[]>): boolean {
    const request: RequestContext = new Map(Object.entries(context).map(([key, value]) => [key.toLowerCase(), Array.isArray(value) ? value : [value]]));
    return conditionsHold(conditionOf(condition), request);
}

describe("condition evaluation against a request context", () => {
    it("StringEquals needs the key with one of the values; an absent key fails", () => {
        const condition = { StringEquals: { "aws:RequestTag/meridian:owner": ["orders", "payments"] } };
        assert.equal(holds(condition, { "aws:RequestTag/meridian:owner": "orders" }), true);
        assert.equal(holds(condition, { "aws:RequestTag/meridian:owner": "billing" }), false);
        assert.equal(holds(condition, {}), false);
    });

    it("a negated operator holds for an absent key; IfExists makes any operator hold for one", () => {
        assert.equal(holds({ StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } }, {}), true);
        assert.equal(holds({ StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } }, { "aws:RequestedRegion": "us-east-1" }), false);
        assert.equal(holds({ StringEqualsIfExists: { "aws:ResourceTag/x": "y" } }, {}), true);
        assert.equal(holds({ StringEqualsIfExists: { "aws:ResourceTag/x": "y" } }, { "aws:ResourceTag/x": "z" }), false);
    });

    it("every operator and every key of a block must hold", () => {
        const condition = {
            StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] },
            ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole" },
        };
        assert.equal(holds(condition, { "aws:RequestedRegion": "ap-south-1", "aws:PrincipalArn": "arn:aws:iam::1:role/orders-deployment" }), true);
        assert.equal(holds(condition, { "aws:RequestedRegion": "ap-south-1", "aws:PrincipalArn": "arn:aws:iam::1:role/OrganizationAccountAccessRole" }), false);
        assert.equal(holds(condition, { "aws:RequestedRegion": "eu-west-1", "aws:PrincipalArn": "arn:aws:iam::1:role/orders-deployment" }), false);
    });

    it("Like operators match IAM wildcards over the whole value, case-sensitively", () => {
        assert.equal(holds({ StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } }, { "aws:PrincipalArn": "arn:aws:iam::1:root" }), true);
        assert.equal(holds({ StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } }, { "aws:PrincipalArn": "arn:aws:iam::1:role/root" }), false);
        assert.equal(holds({ ArnLike: { "aws:SourceArn": "arn:aws:events:*:1:rule/*" } }, { "aws:SourceArn": "arn:aws:events:eu-west-1:1:rule/a" }), true);
    });

    it("ForAnyValue and ForAllValues compare a multi-valued key's set", () => {
        const allowed = { "ForAllValues:StringEquals": { "aws:TagKeys": ["owner", "stack"] } };
        assert.equal(holds(allowed, { "aws:TagKeys": ["owner"] }), true);
        assert.equal(holds(allowed, { "aws:TagKeys": ["owner", "cost"] }), false);
        assert.equal(holds(allowed, {}), true, "ForAllValues holds for an absent key");
        const any = { "ForAnyValue:StringEquals": { "aws:TagKeys": ["owner"] } };
        assert.equal(holds(any, { "aws:TagKeys": ["cost", "owner"] }), true);
        assert.equal(holds(any, {}), false, "ForAnyValue fails for an absent key");
    });

    it("Null tests presence; Bool and numeric operators compare values; policy variables come from the context", () => {
        assert.equal(holds({ Null: { "aws:RequestTag/owner": "true" } }, {}), true);
        assert.equal(holds({ Null: { "aws:RequestTag/owner": "false" } }, {}), false);
        assert.equal(holds({ Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "true" }), true);
        assert.equal(holds({ NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "5" }), true);
        assert.equal(
            holds({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }, { "aws:ResourceAccount": "1", "aws:PrincipalAccount": "1" }),
            true,
        );
        assert.equal(
            holds({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }, { "aws:ResourceAccount": "2", "aws:PrincipalAccount": "1" }),
            false,
        );
    });

    it("rejects an operator IAM does not have, rather than guessing", () => {
        assert.throws(() => holds({ StringSortOf: { "aws:RequestedRegion": "x" } }, {}), UnknownConditionOperatorError);
    });
});

describe("condition evaluation: each operator at its boundary, sets, variables", () => {
    const boundary: Array<[operator: string, key: string, values: [less: string, equal: string, greater: string], expected: [boolean, boolean, boolean]]> = [
        ["NumericEquals", "s3:max-keys", ["9", "10", "11"], [false, true, false]],
        ["NumericNotEquals", "s3:max-keys", ["9", "10", "11"], [true, false, true]],
        ["NumericLessThan", "s3:max-keys", ["9", "10", "11"], [true, false, false]],
        ["NumericLessThanEquals", "s3:max-keys", ["9", "10", "11"], [true, true, false]],
        ["NumericGreaterThan", "s3:max-keys", ["9", "10", "11"], [false, false, true]],
        ["NumericGreaterThanEquals", "s3:max-keys", ["9", "10", "11"], [false, true, true]],
        ["DateEquals", "aws:CurrentTime", ["2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"], [false, true, false]],
        ["DateNotEquals", "aws:CurrentTime", ["2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"], [true, false, true]],
        ["DateLessThan", "aws:CurrentTime", ["2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"], [true, false, false]],
        ["DateLessThanEquals", "aws:CurrentTime", ["2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"], [true, true, false]],
        ["DateGreaterThan", "aws:CurrentTime", ["2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"], [false, false, true]],
        ["DateGreaterThanEquals", "aws:CurrentTime", ["2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"], [false, true, true]],
    ];
    for (const [operator, key, values, expected] of boundary) {
        it(`${operator}: below, at and above ${values[1]}`, () => {
            assert.deepEqual(
                values.map((value) => holds({ [operator]: { [key]: values[1] } }, { [key]: value })),
                expected,
            );
        });
    }

    it("IgnoreCase and Bool operators ignore case, not the value", () => {
        assert.equal(holds({ StringEqualsIgnoreCase: { "aws:username": "Alice" } }, { "aws:username": "aLICE" }), true);
        assert.equal(holds({ StringEqualsIgnoreCase: { "aws:username": "alice" } }, { "aws:username": "bob" }), false);
        assert.equal(holds({ StringNotEqualsIgnoreCase: { "aws:username": "Alice" } }, { "aws:username": "ALICE" }), false);
        assert.equal(holds({ Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "false" }), false);
    });

    it("a request carries no source address: IpAddress fails and NotIpAddress holds, whatever the context says", () => {
        assert.equal(holds({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:SourceIp": "10.1.2.3" }), false);
        assert.equal(holds({ NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:SourceIp": "10.1.2.3" }), true);
    });

    it("a key with an empty list of values is absent", () => {
        assert.equal(holds({ Null: { "aws:RequestTag/owner": "true" } }, { "aws:RequestTag/owner": [] }), true);
        assert.equal(holds({ Null: { "aws:RequestTag/owner": ["false", "true"] } }, { "aws:RequestTag/owner": "x" }), true);
    });

    it("plain operators on a multi-valued key: some value matches, or (negated) none does", () => {
        const tags = { "aws:TagKeys": ["owner", "cost"] };
        assert.equal(holds({ StringEquals: { "aws:TagKeys": "owner" } }, tags), true);
        assert.equal(holds({ StringNotEquals: { "aws:TagKeys": "owner" } }, tags), false);
        assert.equal(holds({ StringNotEquals: { "aws:TagKeys": "stack" } }, tags), true);
    });

    it("ForAnyValue and ForAllValues with a negated operator test each value", () => {
        const tags = { "aws:TagKeys": ["owner", "cost"] };
        assert.equal(holds({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": "owner" } }, tags), true);
        assert.equal(holds({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["owner", "cost"] } }, tags), false);
        assert.equal(holds({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": "owner" } }, {}), false);
        assert.equal(holds({ "ForAllValues:StringNotEquals": { "aws:TagKeys": "secret" } }, tags), true);
        assert.equal(holds({ "ForAllValues:StringNotEquals": { "aws:TagKeys": "cost" } }, tags), false);
    });

    it("a policy variable the context does not give one value for stays as written", () => {
        assert.equal(holds({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }, { "aws:ResourceAccount": "1" }), false);
        assert.equal(holds({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }, { "aws:ResourceAccount": "${aws:PrincipalAccount}" }), true);
        assert.equal(
            holds({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }, { "aws:ResourceAccount": "1", "aws:PrincipalAccount": ["1", "2"] }),
            false,
        );
    });

    it("names the operator it does not know", () => {
        assert.throws(() => holds({ StringSortOf: { "aws:RequestedRegion": "x" } }, {}), {
            name: "UnknownConditionOperatorError",
            message: "unknown condition operator StringSortOf",
        });
    });
});
