import { UNKNOWN_SENTINEL } from "../../unknown-values-proxy";
import { document, resource, rolePolicy, RuleScenario } from "../scenario-kit";

export const scenarios: RuleScenario[] = [
    {
        name: "passes real actions in any case and wildcards that match",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: ["S3:getobject", "dynamodb:Get*", "*"], Resource: "*" })],
        expect: "pass",
    },
    {
        name: "fails misspelt actions, unknown services, empty wildcards and actions without a service",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: ["s3:GetObjects", "s4:GetObject", "s3:Frobnicate*", "GetObject"], Resource: "*" })],
        expect: "violation",
        messages: [
            'policy Statement[0]: "s3:GetObjects" is not an action of s3',
            'policy Statement[0]: "s4:GetObject": there is no service "s4" in the service authorization reference',
            'policy Statement[0]: "s3:Frobnicate*" matches no action',
            'policy Statement[0]: "GetObject" is not of the form <service>:<action>',
        ],
    },
    {
        name: "fails a malformed policy document",
        resources: [resource("aws:iam/policy:Policy", "m", { name: "m", policy: "{not json" })],
        expect: "violation",
        messages: [/^policy is not a valid policy document: not valid JSON/],
    },
    {
        name: "fails a misspelt action in a Lambda permission",
        resources: [resource("aws:lambda/permission:Permission", "l", { action: "lambda:InvokeFunctions" })],
        expect: "violation",
        messages: ['action: "lambda:InvokeFunctions" is not an action of lambda'],
    },
    {
        name: "fails a misspelt action in a service control policy's content",
        resources: [
            resource("aws:organizations/policy:Policy", "scp", {
                name: "guardrails",
                type: "SERVICE_CONTROL_POLICY",
                content: document({ Effect: "Deny", Action: "organizations:LeaveOrganisation", Resource: "*" }),
            }),
        ],
        expect: "violation",
        messages: ['content Statement[0]: "organizations:LeaveOrganisation" is not an action of organizations'],
    },
    {
        name: "passes a service control policy without content",
        resources: [resource("aws:organizations/policy:Policy", "scp", { name: "guardrails", type: "SERVICE_CONTROL_POLICY" })],
        expect: "pass",
    },
    {
        name: "cannot check, at a preview, a document with a value not known yet (rather than call it invalid)",
        resources: [
            resource("aws:iam/policy:Policy", "p", {
                name: "p",
                policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: UNKNOWN_SENTINEL }] },
            }),
        ],
        expect: "cannot-check",
    },
    {
        name: "is not applicable to other types",
        resources: [resource("aws:lambda/function:Function", "f", {})],
        expect: "not-applicable",
    },
];
