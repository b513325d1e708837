import { strict as assert } from "assert";
import { conditionValues, confinesWith, parsePolicyDocument, PolicyDocumentError } from "../../../policies/iam/policy-document";

describe("parsePolicyDocument", () => {
    it("reads a JSON string with a single statement and single values", () => {
        const document = parsePolicyDocument('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}');
        assert.deepEqual(document, {
            version: "2012-10-17",
            statements: [{ effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"], conditions: {} }],
        });
    });
    it("reads an object with arrays, negations, principals and lower-cased condition keys", () => {
        const document = parsePolicyDocument({
            Statement: [
                { Sid: "a", Effect: "Deny", NotAction: ["iam:*"], NotResource: "arn:aws:s3:::x", NotPrincipal: { AWS: ["arn:aws:iam::1:root"] } },
                {
                    Effect: "Allow",
                    Action: "sts:AssumeRole",
                    Principal: { Service: "lambda.amazonaws.com", AWS: "*" },
                    Condition: { StringEquals: { "AWS:SourceAccount": "123" } },
                },
            ],
        });
        assert.deepEqual(document.statements[0], {
            sid: "a",
            effect: "Deny",
            notActions: ["iam:*"],
            notResources: ["arn:aws:s3:::x"],
            notPrincipal: { anyone: false, aws: ["arn:aws:iam::1:root"], service: [], federated: [], canonicalUser: [] },
            conditions: {},
        });
        assert.equal(document.statements[1].principal?.anyone, true);
        assert.deepEqual(document.statements[1].principal?.service, ["lambda.amazonaws.com"]);
        assert.deepEqual(conditionValues(document.statements[1], "aws:sourceaccount"), ["123"]);
        assert.equal(confinesWith(document.statements[1], ["aws:SourceAccount"]), true);
        assert.equal(confinesWith(document.statements[1], ["aws:ResourceTag/*"]), false);
    });
    it('treats Principal "*" as anyone', () => {
        assert.equal(
            parsePolicyDocument({ Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Principal: "*" }] }).statements[0].principal?.anyone,
            true,
        );
    });
    it("names the bad part of a malformed document", () => {
        const cases: Array<[unknown, string]> = [
            ["{oops", "not valid JSON"],
            [{}, "Statement: missing"],
            [{ Statement: [{ Effect: "Permit", Action: "s3:GetObject" }] }, 'Statement[0].Effect: "Permit" is not "Allow" or "Deny"'],
            [{ Statement: { Effect: "Allow" } }, "Statement: needs Action or NotAction"],
            [{ Statement: { Effect: "Allow", Action: [1] } }, "Statement.Action[0]: expected a string, got 1"],
            [
                { Statement: { Effect: "Allow", Action: "s3:x", Principal: { Robot: "r" } } },
                'Statement.Principal: unknown principal type "Robot" (allowed: AWS, Service, Federated, CanonicalUser)',
            ],
        ];
        for (const [input, message] of cases) {
            assert.throws(
                () => parsePolicyDocument(input),
                (error: Error) => error instanceof PolicyDocumentError && error.message.startsWith(message),
                message,
            );
        }
    });
});
