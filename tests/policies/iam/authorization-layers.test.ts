import { strict as assert } from "assert";
import { authorize, reach, reachThroughAll } from "../../../policies/iam/authorization";
import type { KeyLookup } from "../../../policies/iam/conditions";
import { parsePolicyDocument } from "../../../policies/iam/policy-document";

const doc = (label: string, ...statements: unknown[]) => ({ label, document: parsePolicyDocument({ Statement: statements }) });
const ROLE = "arn:aws:iam::111122223333:role/orders-api";
const OTHER = "arn:aws:iam::111122223333:role/payments-api";
const ANY_REQUEST: KeyLookup = () => ({ kind: "unknown", confining: false });
/** Every key unknown; the tag keys confine a grant that names their values. */
const TAGS_CONFINE: KeyLookup = (key) => ({ kind: "unknown", confining: key.startsWith("aws:resourcetag/") });
const tagged = (team: string) => ({ StringEquals: { "aws:ResourceTag/team": team } });

describe("authorize: the layers of one request", () => {
    it("allows on the identity policies alone when there is no boundary and no SCP", () => {
        const identity = [doc("identity", { Effect: "Allow", Action: "iam:GetRole", Resource: [OTHER, ROLE] })];
        assert.deepEqual(authorize({ identity }, { action: "iam:GetRole", resource: ROLE }), { outcome: "allowed", allowed: true, by: ["identity"] });
    });

    it("reads an Allow without Resource as one on every resource", () => {
        const identity = [doc("identity", { Effect: "Allow", Action: "iam:GetRole" })];
        assert.equal(authorize({ identity }, { action: "iam:GetRole", resource: ROLE }).allowed, true);
        assert.equal(reach(identity, "iam:GetRole", "any", ANY_REQUEST).grant, "certain");
    });

    it("reads NotResource as every resource but those it lists", () => {
        const identity = [doc("identity", { Effect: "Allow", Action: "iam:GetRole", NotResource: [OTHER, "arn:aws:iam::111122223333:role/admin"] })];
        assert.equal(authorize({ identity }, { action: "iam:GetRole", resource: ROLE }).allowed, true);
        assert.equal(authorize({ identity }, { action: "iam:GetRole", resource: OTHER }).allowed, false);
    });

    it("reads NotAction as every action but those it lists", () => {
        const identity = [doc("identity", { Effect: "Allow", NotAction: ["iam:*", "sts:*"], Resource: "*" })];
        assert.equal(authorize({ identity }, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }).allowed, true);
        assert.equal(authorize({ identity }, { action: "iam:PassRole", resource: ROLE }).allowed, false);
        assert.equal(reach(identity, "iam:PassRole", "any", ANY_REQUEST).grant, "none");
    });

    it("says what refused the request, and by which policies", () => {
        const identity = [doc("identity", { Effect: "Allow", Action: "iam:*", Resource: "*" })];
        assert.deepEqual(authorize({ identity }, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }), {
            outcome: "not-allowed-by-identity",
            allowed: false,
            by: [],
        });
        const boundary = doc("boundary", { Effect: "Allow", Action: "s3:*", Resource: "*" });
        assert.deepEqual(authorize({ identity, boundary }, { action: "iam:GetRole", resource: ROLE }), {
            outcome: "not-allowed-by-boundary",
            allowed: false,
            by: ["boundary"],
        });
        const scps = [
            [doc("FullAWSAccess", { Effect: "Allow", Action: "*", Resource: "*" })],
            [doc("ou-a", { Effect: "Allow", Action: "s3:*", Resource: "*" }), doc("ou-b", { Effect: "Allow", Action: "sqs:*", Resource: "*" })],
        ];
        assert.deepEqual(authorize({ identity, serviceControlPolicies: scps }, { action: "iam:GetRole", resource: ROLE }), {
            outcome: "not-allowed-by-scp",
            allowed: false,
            by: ["ou-a", "ou-b"],
        });
    });

    it("names an explicit Deny even where nothing allows the request", () => {
        const identity = [doc("guard", { Effect: "Deny", Action: "iam:GetRole", Resource: "*" })];
        assert.deepEqual(authorize({ identity }, { action: "iam:GetRole", resource: ROLE }), { outcome: "explicit-deny", allowed: false, by: ["guard"] });
        const scps = [[doc("deny-iam", { Effect: "Deny", Action: "iam:*", Resource: "*" })]];
        assert.deepEqual(authorize({ identity: [], serviceControlPolicies: scps }, { action: "iam:GetRole", resource: ROLE }), {
            outcome: "explicit-deny",
            allowed: false,
            by: ["deny-iam"],
        });
    });
});

describe("reach: how certainly a set of policies grants a request", () => {
    it("answers none, with nothing else, when nothing allows the action", () => {
        assert.deepEqual(reach([doc("p", { Effect: "Allow", Action: "s3:*", Resource: "*" })], "iam:GetRole", "any", ANY_REQUEST), {
            grant: "none",
            sources: [],
            confinedBy: [],
        });
    });

    it("answers confined by the keys of the conditions every allowing statement depends on", () => {
        const policies = [
            doc("orders", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*", Condition: tagged("orders") }),
            doc("orders", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: ROLE, Condition: tagged("payments") }),
        ];
        assert.deepEqual(reach(policies, "iam:PutRolePolicy", "any", TAGS_CONFINE), {
            grant: "confined",
            sources: ["orders"],
            confinedBy: ["aws:resourcetag/team"],
        });
    });

    it("leaves a grant on every resource standing when a Deny takes away one resource, and names a Deny that takes away all", () => {
        const grant = { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" };
        const oneDenied = [doc("p", grant, { Effect: "Deny", Action: "iam:PutRolePolicy", Resource: OTHER })];
        assert.deepEqual(reach(oneDenied, "iam:PutRolePolicy", "any", ANY_REQUEST), { grant: "certain", sources: ["p"], confinedBy: [] });
        const allDenied = [doc("p", grant), doc("guard", { Effect: "Deny", Action: "iam:*", Resource: "*" })];
        assert.deepEqual(reach(allDenied, "iam:PutRolePolicy", "any", ANY_REQUEST), { grant: "none", sources: [], confinedBy: [], deniedBy: "guard" });
    });

    it("blames no Deny for a grant that never reached every resource", () => {
        const scoped = [
            doc("p", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: ROLE }),
            doc("guard", { Effect: "Deny", Action: "iam:*", Resource: "*" }),
        ];
        assert.deepEqual(reach(scoped, "iam:PutRolePolicy", "any", ANY_REQUEST), { grant: "none", sources: [], confinedBy: [], deniedBy: undefined });
    });

    it("keeps a NotResource grant on every resource but the Deny's when a Deny spares nothing of it", () => {
        const policies = [
            doc("p", { Effect: "Allow", Action: "iam:PutRolePolicy", NotResource: OTHER }),
            doc("guard", { Effect: "Deny", Action: "iam:PutRolePolicy", Resource: ROLE }),
        ];
        assert.equal(reach(policies, "iam:PutRolePolicy", "any", ANY_REQUEST).grant, "certain");
    });
});

describe("reachThroughAll: identity, boundary and SCPs together", () => {
    const identity = [
        doc("identity", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*", Condition: tagged("orders") }),
        doc("guard", { Effect: "Deny", Action: "iam:PutRolePolicy", Resource: OTHER }),
    ];

    it("passes on the identity policies' Deny", () => {
        assert.deepEqual(reachThroughAll({ identity }, "iam:PutRolePolicy", { arn: OTHER }, TAGS_CONFINE), {
            grant: "none",
            sources: [],
            confinedBy: [],
            deniedBy: "guard",
        });
    });

    it("gathers the confining keys of the identity policies and of every ceiling", () => {
        const boundary = doc("boundary", {
            Effect: "Allow",
            Action: "iam:*",
            Resource: "*",
            Condition: { StringEquals: { "aws:ResourceTag/owner": "platform" } },
        });
        assert.deepEqual(reachThroughAll({ identity, boundary }, "iam:PutRolePolicy", { arn: ROLE }, TAGS_CONFINE), {
            grant: "confined",
            sources: ["identity"],
            confinedBy: ["aws:resourcetag/team", "aws:resourcetag/owner"],
        });
        assert.deepEqual(reachThroughAll({ identity }, "iam:PutRolePolicy", { arn: ROLE }, TAGS_CONFINE), {
            grant: "confined",
            sources: ["identity"],
            confinedBy: ["aws:resourcetag/team"],
        });
    });

    it("answers none, naming the ceiling's Deny, when a ceiling refuses", () => {
        const open = [doc("identity", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" })];
        const scps = [[doc("scp", { Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "iam:Put*", Resource: "*" })]];
        assert.deepEqual(reachThroughAll({ identity: open, serviceControlPolicies: scps }, "iam:PutRolePolicy", { arn: ROLE }, ANY_REQUEST), {
            grant: "none",
            sources: [],
            confinedBy: [],
            deniedBy: "scp",
        });
    });
});
