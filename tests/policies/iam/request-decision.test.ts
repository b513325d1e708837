import { strict as assert } from "assert";
import type { RequestContext } from "../../../policies/iam/condition-evaluation";
import type { LabelledDocument } from "../../../policies/iam/permissions";
import { parsePolicyDocument } from "../../../policies/iam/policy-document";
import { AuthorizationRequest, describeMatch, findStatement, statementApplies } from "../../../policies/iam/request-decision";

const BUCKET = "arn:aws:s3:::orders-data";
const NO_CONTEXT: RequestContext = new Map();

function request(action: string, resource = `${BUCKET}/report.csv`, context: RequestContext = NO_CONTEXT): AuthorizationRequest {
    return { action, resource, context };
}

function labelled(label: string, ...statements: Record<string, unknown>[]): LabelledDocument {
    return { label, document: parsePolicyDocument({ Version: "2012-10-17", Statement: statements }) };
}

/** Whether the one statement applies to the request. */
function applies(statement: Record<string, unknown>, asked: AuthorizationRequest): boolean {
    return statementApplies(parsePolicyDocument({ Statement: statement }).statements[0], asked);
}

describe("request decision: which statement applies to a request", () => {
    describe("Action and NotAction", () => {
        it("matches an action by any of its patterns, ignoring case", () => {
            const statement = { Effect: "Allow", Action: ["ec2:RunInstances", "S3:getobject"], Resource: "*" };
            assert.equal(applies(statement, request("s3:GetObject")), true);
            assert.equal(applies(statement, request("ec2:RunInstances")), true);
            assert.equal(applies(statement, request("s3:PutObject")), false);
        });

        it("applies a NotAction statement to every action except those it lists", () => {
            const statement = { Effect: "Deny", NotAction: ["iam:*", "sts:AssumeRole"], Resource: "*" };
            assert.equal(applies(statement, request("s3:GetObject")), true);
            assert.equal(applies(statement, request("iam:PassRole")), false);
            assert.equal(applies(statement, request("STS:assumerole")), false);
        });
    });

    describe("Resource and NotResource", () => {
        it("matches a resource by any of its patterns, comparing ARNs case-sensitively", () => {
            const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::audit/*", `${BUCKET}/*`] };
            assert.equal(applies(statement, request("s3:GetObject", `${BUCKET}/report.csv`)), true);
            assert.equal(applies(statement, request("s3:GetObject", "arn:aws:s3:::audit/log")), true);
            assert.equal(applies(statement, request("s3:GetObject", "arn:aws:s3:::Orders-Data/report.csv")), false);
            assert.equal(applies(statement, request("s3:GetObject", "arn:aws:s3:::billing/report.csv")), false);
        });

        it("applies a statement with neither Resource nor NotResource to every resource", () => {
            const statement = { Effect: "Allow", Action: "s3:GetObject" };
            assert.equal(applies(statement, request("s3:GetObject", `${BUCKET}/report.csv`)), true);
            assert.equal(applies(statement, request("s3:GetObject", "*")), true);
        });

        it("applies a NotResource statement to every resource except those it lists", () => {
            const statement = { Effect: "Deny", Action: "s3:GetObject", NotResource: ["arn:aws:s3:::audit/*", `${BUCKET}/*`] };
            assert.equal(applies(statement, request("s3:GetObject", "arn:aws:s3:::billing/report.csv")), true);
            assert.equal(applies(statement, request("s3:GetObject", `${BUCKET}/report.csv`)), false);
            assert.equal(applies(statement, request("s3:GetObject", "arn:aws:s3:::audit/log")), false);
            assert.equal(applies(statement, request("s3:GetObject", "arn:aws:s3:::AUDIT/log")), true, "ARNs compare case-sensitively");
        });
    });

    it("applies a statement only where its conditions hold", () => {
        const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "orders" } } };
        assert.equal(applies(statement, request("s3:GetObject", BUCKET, new Map([["aws:principaltag/team", ["orders"]]]))), true);
        assert.equal(applies(statement, request("s3:GetObject", BUCKET, new Map([["aws:principaltag/team", ["billing"]]]))), false);
    });

    describe("findStatement", () => {
        const identity = labelled(
            "orders-policy",
            { Sid: "DenyDeletes", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
            { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" },
            { Sid: "ReadOrders", Effect: "Allow", Action: "s3:Get*", Resource: `${BUCKET}/*` },
        );
        const shared = labelled("shared-policy", { Sid: "ReadAll", Effect: "Allow", Action: "s3:GetObject", Resource: "*" });

        it("finds the first statement of the asked effect that applies, with its document's label and Sid", () => {
            assert.deepEqual(findStatement([identity, shared], "Allow", request("s3:GetObject")), { label: "orders-policy", sid: "ReadOrders" });
            assert.deepEqual(findStatement([identity, shared], "Deny", request("s3:DeleteObject")), { label: "orders-policy", sid: "DenyDeletes" });
            assert.deepEqual(findStatement([identity, shared], "Allow", request("ec2:DescribeVpcs")), { label: "orders-policy", sid: undefined });
        });

        it("skips statements of the other effect and statements that do not apply, in every document", () => {
            assert.equal(findStatement([identity, shared], "Allow", request("s3:DeleteObject")), undefined);
            assert.equal(findStatement([identity, shared], "Deny", request("s3:GetObject")), undefined);
            assert.deepEqual(findStatement([identity, shared], "Allow", request("s3:GetObject", "arn:aws:s3:::billing/x")), {
                label: "shared-policy",
                sid: "ReadAll",
            });
            assert.equal(findStatement([identity, shared], "Allow", request("ec2:RunInstances")), undefined);
            assert.equal(findStatement([], "Allow", request("s3:GetObject")), undefined);
        });

        it("answers for each service of one document, whatever it was asked before", () => {
            const document = labelled(
                "mixed",
                { Sid: "Ec2", Effect: "Allow", Action: ["ec2:RunInstances", "ec2:StartInstances"], Resource: "*" },
                { Sid: "Queues", Effect: "Allow", Action: ["SQS:SendMessage", "sns:Publish"], Resource: "*" },
                { Sid: "AnyGet", Effect: "Allow", Action: "s*:Get*", Resource: "*" },
                { Sid: "AllButIam", Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:lambda:*" },
            );
            assert.equal(findStatement([document], "Allow", request("ec2:StartInstances"))?.sid, "Ec2");
            assert.equal(findStatement([document], "Allow", request("sqs:SendMessage"))?.sid, "Queues");
            assert.equal(findStatement([document], "Allow", request("sns:Publish"))?.sid, "Queues");
            assert.equal(findStatement([document], "Allow", request("ssm:GetParameter"))?.sid, "AnyGet");
            assert.equal(findStatement([document], "Allow", request("sqs:GetQueueUrl"))?.sid, "AnyGet");
            assert.equal(findStatement([document], "Allow", request("ec2:GetConsoleOutput", "arn:aws:ec2:eu-west-1:1:instance/i-1")), undefined);
            assert.equal(findStatement([document], "Allow", request("lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:1:function:f"))?.sid, "AllButIam");
            assert.equal(findStatement([document], "Allow", request("iam:PassRole", "arn:aws:lambda:eu-west-1:1:function:f")), undefined);
            assert.equal(findStatement([document], "Allow", request("ec2:RunInstances"))?.sid, "Ec2", "asked again, after other services");
        });

        it("matches a statement written for an upper-case service name", () => {
            const document = labelled("upper", { Sid: "Upper", Effect: "Allow", Action: "S3:GetObject", Resource: "*" });
            assert.equal(findStatement([document], "Allow", request("s3:GetObject"))?.sid, "Upper");
        });
    });

    it("describes a match by its document's label and, when it has one, its Sid", () => {
        assert.equal(describeMatch({ label: "orders-policy", sid: "ReadOrders" }), "orders-policy (ReadOrders)");
        assert.equal(describeMatch({ label: "orders-policy" }), "orders-policy");
    });
});
