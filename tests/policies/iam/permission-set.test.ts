import { strict as assert } from "assert";
import { effectivePermissions, type Grant, resourcesLeftByDeny, unrestrictedGrants } from "../../../policies/iam/permissions";
import { parsePolicyDocument } from "../../../policies/iam/policy-document";

const doc = (label: string, ...statements: unknown[]) => ({ label, document: parsePolicyDocument({ Statement: statements }) });
const deny = (fields: Record<string, unknown>) => parsePolicyDocument({ Statement: { Effect: "Deny", Action: "s3:GetObject", ...fields } }).statements[0];
const ORDERS = "arn:aws:s3:::orders/*";
const REPORTS = "arn:aws:s3:::orders/reports/*";
const AUDIT = "arn:aws:s3:::audit/*";
const grant = (resources: string[], sources: string[], conditionKeys: string[] = []): Grant => ({ resources, conditionKeys, sources });

describe("effective permissions: grants, denies and the boundary", () => {
    it("keeps a grant per allowing statement, and reads an Allow without Resource as one on every resource", () => {
        const set = effectivePermissions([
            doc("a", { Effect: "Allow", Action: "s3:GetObject", Resource: ORDERS }),
            doc("b", { Effect: "Allow", Action: "s3:GetObject" }),
        ]);
        assert.deepEqual(set.get("s3:getobject"), [grant([ORDERS], ["a"]), grant(["*"], ["b"])]);
    });

    it("lets a Deny without Resource take the action away everywhere, and ignores a Deny of actions nothing grants", () => {
        const set = effectivePermissions([
            doc("a", { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*" }),
            doc("guard", { Effect: "Deny", Action: "s3:PutObject" }, { Effect: "Deny", Action: "ec2:*", Resource: "*" }),
        ]);
        assert.deepEqual([...set.keys()], ["s3:getobject"]);
    });

    it("lets a boundary that allows the action on every resource, unconditionally, leave the grant as it is", () => {
        const identity = [doc("a", { Effect: "Allow", Action: "s3:GetObject", Resource: ORDERS })];
        for (const boundary of [
            doc("boundary", { Effect: "Allow", Action: "s3:*", Resource: "*" }),
            doc("boundary", { Effect: "Allow", Action: "s3:*", Resource: [AUDIT, "*"] }),
            doc(
                "boundary",
                { Effect: "Allow", Action: "s3:*", Resource: AUDIT, Condition: { StringEquals: { "aws:ResourceTag/team": "a" } } },
                { Effect: "Allow", Action: "s3:*", Resource: "*" },
            ),
        ]) {
            assert.deepEqual(effectivePermissions(identity, boundary).get("s3:getobject"), [grant([ORDERS], ["a"])]);
        }
    });

    it("narrows a grant on every resource to the boundary's resources, and gives it the boundary's conditions and label", () => {
        const identity = [doc("a", { Effect: "Allow", Action: "s3:GetObject", Resource: [ORDERS, "*"] })];
        const boundary = doc("boundary", {
            Effect: "Allow",
            Action: "s3:*",
            Resource: [AUDIT, "*"],
            Condition: { StringEquals: { "aws:ResourceTag/team": "a" } },
        });
        assert.deepEqual(effectivePermissions(identity, boundary).get("s3:getobject"), [grant([AUDIT, "*"], ["a", "boundary"], ["aws:resourcetag/team"])]);
        const scoped = doc("boundary", { Effect: "Allow", Action: "s3:*", Resource: AUDIT });
        assert.deepEqual(effectivePermissions([doc("a", { Effect: "Allow", Action: "s3:GetObject", Resource: ORDERS })], scoped).get("s3:getobject"), [
            grant([ORDERS], ["a", "boundary"]),
        ]);
    });

    it("drops an action the boundary does not allow", () => {
        const identity = [doc("a", { Effect: "Allow", Action: ["s3:GetObject", "sqs:SendMessage"], Resource: "*" })];
        assert.deepEqual([...effectivePermissions(identity, doc("boundary", { Effect: "Allow", Action: "s3:*", Resource: "*" })).keys()], ["s3:getobject"]);
    });
});

describe("resourcesLeftByDeny: what a Deny leaves of a grant's resources", () => {
    it("removes the resources any of the Deny's patterns covers", () => {
        assert.deepEqual(resourcesLeftByDeny([ORDERS, AUDIT, REPORTS], deny({ Resource: ["arn:aws:s3:::logs/*", ORDERS] })), [AUDIT]);
    });

    it("keeps, of a NotResource Deny, a resource inside any listed pattern, and narrows a wider one to the listed patterns inside it", () => {
        assert.deepEqual(resourcesLeftByDeny([REPORTS], deny({ NotResource: [ORDERS, AUDIT] })), [REPORTS]);
        assert.deepEqual(resourcesLeftByDeny(["arn:aws:s3:::orders*"], deny({ NotResource: ["arn:aws:s3:::orders-a/*", AUDIT] })), ["arn:aws:s3:::orders-a/*"]);
    });
});

describe("unrestrictedGrants: grants on every resource without a restricting condition", () => {
    const grants = () =>
        effectivePermissions([
            doc("wide", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: ["arn:aws:iam::*:role/orders-*", "*"] }),
            doc("teams", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/teams": "a" } } }),
        ]);
    const sources = (restricting: string[]) => unrestrictedGrants(grants(), "iam:PutRolePolicy", restricting).map((found) => found.sources[0]);

    it("finds none for an action nothing grants", () => {
        assert.deepEqual(unrestrictedGrants(grants(), "iam:PassRole", []), []);
    });

    it("counts a grant with * among its resources, and a condition key that is not restricting does not hide it", () => {
        assert.deepEqual(sources(["iam:PermissionsBoundary"]), ["wide", "teams"]);
    });

    it("compares a restricting key whole unless it ends in *", () => {
        assert.deepEqual(sources(["aws:PrincipalTag/team"]), ["wide", "teams"]);
        assert.deepEqual(sources(["aws:PrincipalTag/*"]), ["wide"]);
        assert.deepEqual(sources(["AWS:PrincipalTag/Teams"]), ["wide"]);
    });
});
