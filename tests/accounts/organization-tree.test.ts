import { strict as assert } from "assert";
import { organizationPath } from "../../accounts/organization-tree";

describe("organizationPath", () => {
    const ids = { organizationId: "o-a1b2c3", rootId: "r-ab12", organizationalUnitIds: { Workloads: "ou-ab12-1111", "Workloads/Prod": "ou-ab12-2222" } };
    it("walks an OU path from the root, as aws:PrincipalOrgPaths spells it", () => {
        assert.equal(organizationPath(ids, "Workloads/Prod"), "o-a1b2c3/r-ab12/ou-ab12-1111/ou-ab12-2222/");
        assert.equal(organizationPath(ids, "Root"), "o-a1b2c3/r-ab12/");
    });
    it("refuses an OU the organization stack has no id for", () => {
        assert.throws(() => organizationPath(ids, "Workloads/Staging"), /no id for OU Workloads\/Staging/);
    });
});
