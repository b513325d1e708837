import { strict as assert } from "node:assert";
import { trustAllows } from "../../../policies/iam/assume-role-decision";

const ROLE = "arn:aws:iam::111111111111:role/orders-endpoint-us-east-1";
const TRUST = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

describe("trustAllows with a service caller", () => {
    it("lets in the service principal the trust names", () => {
        assert.equal(trustAllows(TRUST, { action: "sts:AssumeRole", caller: "events.amazonaws.com", role: ROLE, context: {} }).allowed, true);
    });

    it("refuses another service, and a role of the account, where only a service is trusted", () => {
        for (const caller of ["scheduler.amazonaws.com", "arn:aws:iam::111111111111:role/admin"]) {
            const decision = trustAllows(TRUST, { action: "sts:AssumeRole", caller, role: ROLE, context: {} });
            assert.equal(decision.allowed, false, caller);
            assert.match(decision.reason, /does not trust/);
        }
    });
});
