import { strict as assert } from "assert";
import { actionPatternDenied, certainDenies, resourcesLeft } from "../../../policies/iam/document-denies";
import { parsePolicyDocument, type PolicyStatement } from "../../../policies/iam/policy-document";

const denies = (...statements: Record<string, unknown>[]): PolicyStatement[] =>
    parsePolicyDocument({ Statement: statements.map((statement) => ({ Effect: "Deny", ...statement })) }).statements;
const BUCKET = "arn:aws:s3:::orders-data/*";
const LOGS = "arn:aws:s3:::orders-logs/*";

describe("document denies: what a resource's own Deny statements take away", () => {
    describe("certainDenies", () => {
        it("keeps the Denies whose condition holds for every request, or for the request described", () => {
            const document = parsePolicyDocument({
                Statement: [
                    { Effect: "Allow", Action: "s3:*", Resource: "*" },
                    { Sid: "Always", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
                    { Sid: "Insecure", Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
                ],
            });
            assert.deepEqual(
                certainDenies([document]).map((statement) => statement.sid),
                ["Always"],
            );
            const insecure = () => ({ kind: "known", values: ["false"] }) as const;
            assert.deepEqual(
                certainDenies([document], insecure).map((statement) => statement.sid),
                ["Always", "Insecure"],
            );
        });
    });

    describe("resourcesLeft", () => {
        it("takes away the resources of a Deny that names the action by any of its patterns, in any case", () => {
            assert.deepEqual(resourcesLeft([BUCKET, LOGS], "s3:GetObject", denies({ Action: ["sqs:*", "S3:getobject"], Resource: LOGS })), [BUCKET]);
        });

        it("leaves everything when the Deny names other actions", () => {
            assert.deepEqual(resourcesLeft([BUCKET, LOGS], "s3:GetObject", denies({ Action: ["sqs:*", "s3:Put*"], Resource: "*" })), [BUCKET, LOGS]);
        });

        it("reads a NotAction Deny as one on every action it does not list", () => {
            assert.deepEqual(resourcesLeft([BUCKET, LOGS], "s3:GetObject", denies({ NotAction: ["iam:*", "sts:*"], Resource: LOGS })), [BUCKET]);
            assert.deepEqual(resourcesLeft([BUCKET, LOGS], "iam:PassRole", denies({ NotAction: ["iam:*", "sts:*"], Resource: "*" })), [BUCKET, LOGS]);
        });

        it("applies every Deny in turn", () => {
            assert.deepEqual(
                resourcesLeft([BUCKET, LOGS], "s3:GetObject", denies({ Action: "s3:*", Resource: LOGS }, { Action: "s3:GetObject", Resource: BUCKET })),
                [],
            );
        });
    });

    describe("actionPatternDenied", () => {
        it("is false without a Deny on every resource", () => {
            assert.equal(actionPatternDenied("s3:*", []), false);
            assert.equal(actionPatternDenied("s3:Frobnicate*", []), false, "a pattern that names no action is not denied by nothing");
            assert.equal(actionPatternDenied("s3:*", denies({ Action: "s3:*", Resource: BUCKET })), false);
            assert.equal(actionPatternDenied("s3:*", denies({ Action: "s3:*", NotResource: BUCKET })), false);
        });

        it("counts a Deny without Resource as one on every resource", () => {
            assert.equal(actionPatternDenied("s3:*", denies({ Action: "s3:*" })), true);
        });

        it("is true when a Deny's pattern spans the whole pattern, or its Denies together cover every action it expands to", () => {
            assert.equal(actionPatternDenied("s3:*", denies({ Action: ["sqs:*", "S3:*"], Resource: "*" })), true);
            assert.equal(actionPatternDenied("s3:*", denies({ NotAction: ["iam:*", "sts:*"], Resource: "*" })), true);
            const getsAndPuts = denies(
                { Action: "ec2:*", Resource: "*" },
                { Action: "dynamodb:Get*", Resource: "*" },
                { Action: ["dynamodb:*Item", "dynamodb:B*", "dynamodb:Describe*"], Resource: "*" },
            );
            assert.equal(actionPatternDenied("dynamodb:GetItem", getsAndPuts), true);
            assert.equal(actionPatternDenied("dynamodb:*Item", getsAndPuts), true);
            assert.equal(actionPatternDenied("dynamodb:*", getsAndPuts), false, "dynamodb:CreateTable is left");
        });

        it("is true when one of several Denies on every resource covers each action of the pattern", () => {
            assert.equal(actionPatternDenied("iam:PassRole", denies({ Action: "ec2:*", Resource: "*" }, { NotAction: "s3:*", Resource: "*" })), true);
        });

        it("is false when the Denies leave some action of the pattern", () => {
            assert.equal(actionPatternDenied("s3:*", denies({ Action: ["s3:Get*", "s3:Put*"], Resource: "*" })), false);
            assert.equal(actionPatternDenied("s3:*", denies({ NotAction: ["s3:GetObject"], Resource: "*" })), false);
        });

        it("does not let a Deny's ? stand for a whole wildcard of the pattern", () => {
            // `?` is one character: a Deny of `?` or `s3:?` denies no real action, and `s3:Get?` no s3:Get action.
            assert.equal(actionPatternDenied("*", denies({ Action: "?", Resource: "*" })), false);
            assert.equal(actionPatternDenied("s3:*", denies({ Action: "s3:?", Resource: "*" })), false);
            assert.equal(actionPatternDenied("s3:Get*", denies({ Action: "s3:Get?", Resource: "*" })), false);
            assert.equal(actionPatternDenied("s3:GetObjec?", denies({ Action: "s3:GetObjec?", Resource: "*" })), true);
        });
    });
});
