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
