import { strict as assert } from "assert";
import { catalogPlaceholderValues, PLACEHOLDERS, substitutePlaceholders, unknownPlaceholders } from "../../accounts/policy-placeholders";
import { loadCatalog } from "../../stacks/catalog";
import { REPO_ROOT } from "../helpers/example-catalog";

describe("organisation policy placeholders", () => {
    const values = () => catalogPlaceholderValues(loadCatalog(REPO_ROOT).organization, ["us-east-1", "eu-west-1"]);

    it("names the platform's roles and boundaries with the naming contracts, and every owner's role prefix", () => {
        const known = values();
        assert.deepEqual(known[PLACEHOLDERS.bootstrapRoles], ["arn:aws:iam::*:role/OrganizationAccountAccessRole"]);
        assert.deepEqual(known[PLACEHOLDERS.platformRoles], [
            "arn:aws:iam::*:role/OrganizationAccountAccessRole",
            "arn:aws:iam::*:role/*-pipeline",
            "arn:aws:iam::*:role/*-deployment",
            "arn:aws:iam::*:role/*-preview",
        ]);
        assert.deepEqual(known[PLACEHOLDERS.ownerRoles], [
            "arn:aws:iam::*:role/audit-*",
            "arn:aws:iam::*:role/log-archive-*",
            "arn:aws:iam::*:role/shared-services-*",
            "arn:aws:iam::*:role/orders-*",
            "arn:aws:iam::*:role/payments-*",
        ]);
        assert.equal(known[PLACEHOLDERS.organizationId], undefined, "only the organization stack knows the organisation's id");
    });

    it("replaces a placeholder string by its list, and splices a placeholder inside a list", () => {
        const document = {
            Action: ["iam:GetRole", PLACEHOLDERS.globalServices],
            Condition: { StringNotEquals: { "aws:RequestedRegion": PLACEHOLDERS.regions } },
        };
        const substituted = substitutePlaceholders(document, values());
        assert.equal(substituted.Action[0], "iam:GetRole");
        assert.ok(substituted.Action.includes("iam:*") && substituted.Action.includes("sts:*"));
        assert.deepEqual(substituted.Condition.StringNotEquals["aws:RequestedRegion"], ["us-east-1", "eu-west-1"]);
        assert.deepEqual(substitutePlaceholders({ id: PLACEHOLDERS.organizationId }, { [PLACEHOLDERS.organizationId]: "o-abc" }), { id: "o-abc" });
    });

    it("finds placeholders nothing fills in, wherever they are", () => {
        assert.deepEqual(unknownPlaceholders({ a: ["x", { b: "${meridian:nope}" }], c: PLACEHOLDERS.regions }, [PLACEHOLDERS.regions]), ["${meridian:nope}"]);
    });
});
