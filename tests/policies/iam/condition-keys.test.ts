import { strict as assert } from "assert";
import { conditionKeySource } from "../../../policies/iam/condition-keys";

describe("where a condition key's value comes from", () => {
    it("looks keys up case-insensitively", () => {
        assert.equal(conditionKeySource("aws:PrincipalArn"), "principal");
        assert.equal(conditionKeySource("AWS:PRINCIPALARN"), "principal");
        assert.equal(conditionKeySource("aws:currenttime"), "environment");
        assert.equal(conditionKeySource("iam:PassedToService"), "request");
    });
    it("a tag key belongs to its family, whatever the tag", () => {
        assert.equal(conditionKeySource("aws:PrincipalTag/team"), "principal");
        assert.equal(conditionKeySource("aws:RequestTag/cost-centre"), "request");
        assert.equal(conditionKeySource("iam:ResourceTag/a/b"), "resource");
    });
    it("a service's own key counts as a resource key", () => {
        assert.equal(conditionKeySource("s3:prefix"), "resource");
        assert.equal(conditionKeySource("ec2:ResourceTag/team"), "resource");
    });
});
