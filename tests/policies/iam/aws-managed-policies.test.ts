import { strict as assert } from "assert";
import { awsManagedPolicyName, knownAwsManagedDocument } from "../../../policies/iam/aws-managed-policies";

describe("AWS-managed policies", () => {
    it("names an AWS-managed policy from its ARN, path and partition included", () => {
        assert.equal(awsManagedPolicyName("arn:aws:iam::aws:policy/AdministratorAccess"), "AdministratorAccess");
        assert.equal(awsManagedPolicyName("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"), "ViewOnlyAccess");
        assert.equal(awsManagedPolicyName("arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaRole"), "AWSLambdaRole");
    });
    it("anything else is not one: customer-managed ARNs, other text around the ARN, a trailing slash", () => {
        for (const arn of [
            "arn:aws:iam::111122223333:policy/AdministratorAccess",
            "xarn:aws:iam::aws:policy/AdministratorAccess",
            "arn:aws:iam::aws:policy/AdministratorAccess/",
            "arn:aws9:iam::aws:policy/AdministratorAccess",
        ])
            assert.equal(awsManagedPolicyName(arn), undefined, arn);
    });
    it("knows the documents of the administrative policies, and only of those", () => {
        assert.deepEqual(knownAwsManagedDocument("arn:aws:iam::aws:policy/AdministratorAccess")?.statements[0].actions, ["*"]);
        assert.deepEqual(knownAwsManagedDocument("arn:aws:iam::aws:policy/PowerUserAccess")?.statements[0].notActions, [
            "iam:*",
            "organizations:*",
            "account:*",
        ]);
        assert.equal(knownAwsManagedDocument("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"), undefined);
        assert.equal(knownAwsManagedDocument("arn:aws:iam::111122223333:policy/AdministratorAccess"), undefined);
    });
});
