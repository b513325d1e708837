import { strict as assert } from "assert";
import { authorize, PrincipalPolicies, reachThroughAll } from "../../../policies/iam/authorization";
import { parsePolicyDocument } from "../../../policies/iam/policy-document";
import { reachesEveryResourceOf } from "../../../policies/iam/resource-types";

const doc = (label: string, ...statements: unknown[]) => ({ label, document: parsePolicyDocument({ Statement: statements }) });
const ROLE = "arn:aws:iam::111122223333:role/orders-api";
const context = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([key, value]) => [key.toLowerCase(), [value]]));

describe("authorize: may principal P call action A on resource R with context C", () => {
    const principal: PrincipalPolicies = {
        identity: [
            doc("identity", { Effect: "Allow", Action: ["iam:PassRole", "iam:GetRole"], Resource: "arn:aws:iam::111122223333:role/orders-*" }),
            doc("guard", {
                Effect: "Deny",
                Action: "iam:PassRole",
                Resource: "*",
                Condition: { StringNotEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
            }),
        ],
        boundary: doc("boundary", { Effect: "Allow", Action: "iam:*", Resource: "*" }, { Effect: "Deny", Action: "iam:GetRole", Resource: ROLE }),
        serviceControlPolicies: [
            [doc("root FullAWSAccess", { Effect: "Allow", Action: "*", Resource: "*" })],
            [doc("ou guard", { Effect: "Allow", NotAction: "iam:Delete*", Resource: "*" })],
        ],
    };
    it("allows a request every layer allows, naming the identity policy", () => {
        assert.deepEqual(
            authorize(principal, { action: "iam:PassRole", resource: ROLE, context: context({ "iam:PassedToService": "lambda.amazonaws.com" }) }),
            {
                outcome: "allowed",
                allowed: true,
                by: ["identity"],
            },
        );
    });
    it("an explicit Deny wins, its condition evaluated against the request", () => {
        assert.equal(
            authorize(principal, { action: "iam:PassRole", resource: ROLE, context: context({ "iam:PassedToService": "ec2.amazonaws.com" }) }).outcome,
            "explicit-deny",
        );
        assert.equal(authorize(principal, { action: "iam:PassRole", resource: ROLE }).outcome, "explicit-deny");
        assert.equal(authorize(principal, { action: "iam:GetRole", resource: ROLE }).outcome, "explicit-deny");
    });
    it("says which layer does not allow the request", () => {
        assert.equal(authorize(principal, { action: "iam:GetRole", resource: "arn:aws:iam::111122223333:role/payments" }).outcome, "not-allowed-by-identity");
        assert.equal(
            authorize(
                { ...principal, boundary: doc("boundary", { Effect: "Allow", Action: "s3:*", Resource: "*" }) },
                { action: "iam:GetRole", resource: "arn:aws:iam::111122223333:role/orders-x" },
            ).outcome,
            "not-allowed-by-boundary",
        );
        const deleting = { ...principal, identity: [doc("identity", { Effect: "Allow", Action: "iam:DeleteRole", Resource: "*" })] };
        assert.equal(authorize(deleting, { action: "iam:DeleteRole", resource: ROLE }).outcome, "not-allowed-by-scp");
    });
});

describe("reach over every resource of a type", () => {
    it("counts only patterns that span the action's own resource type", () => {
        assert.equal(reachesEveryResourceOf("arn:aws:lambda:*:*:function:*", "lambda:UpdateFunctionCode"), true);
        assert.equal(reachesEveryResourceOf("arn:aws:acm:*:*:certificate/*", "lambda:UpdateFunctionCode"), false);
        assert.equal(reachesEveryResourceOf("arn:aws:lambda:*:*:layer:*", "lambda:UpdateFunctionCode"), false);
        assert.equal(reachesEveryResourceOf("arn:aws:iam::*:role/*", "sts:AssumeRole"), true);
        assert.equal(reachesEveryResourceOf("arn:aws:lambda:*:*:function:orders-*", "lambda:UpdateFunctionCode"), false);
    });
    it("a Deny on NotResource narrows a grant on * to the spared resources", () => {
        const policies = {
            identity: [
                doc("p", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" }, { Effect: "Deny", Action: "iam:PutRolePolicy", NotResource: ROLE }),
            ],
        };
        const unknown = () => ({ kind: "unknown", confining: false }) as const;
        assert.equal(reachThroughAll(policies, "iam:PutRolePolicy", "any", unknown).grant, "none");
        assert.equal(reachThroughAll(policies, "iam:PutRolePolicy", { arn: ROLE }, unknown).grant, "certain");
    });
    it("a boundary that confines the grant makes it confined, one that omits it makes it none", () => {
        const identity = [doc("p", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" })];
        const lookup = (key: string) => ({ kind: "unknown", confining: key === "iam:permissionsboundary" }) as const;
        const confining = doc("b", {
            Effect: "Allow",
            Action: "iam:PutRolePolicy",
            Resource: "*",
            Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::1:policy/b" } },
        });
        assert.equal(reachThroughAll({ identity, boundary: confining }, "iam:PutRolePolicy", "any", lookup).grant, "confined");
        assert.equal(
            reachThroughAll({ identity, boundary: doc("b", { Effect: "Allow", Action: "s3:*", Resource: "*" }) }, "iam:PutRolePolicy", "any", lookup).grant,
            "none",
        );
    });
});
