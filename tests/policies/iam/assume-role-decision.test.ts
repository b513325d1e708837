import { strict as assert } from "assert";
import { type AssumeRequest, trustAllows } from "../../../policies/iam/assume-role-decision";

const ROLE = "arn:aws:iam::111111111111:role/orders-deployment";
const CALLER = "arn:aws:iam::222222222222:role/meridian-bootstrap";

function request(context: Record<string, string>): AssumeRequest {
    return { action: "sts:AssumeRole", caller: CALLER, role: ROLE, context };
}

function trust(...statements: Array<Record<string, unknown>>) {
    return { Version: "2012-10-17", Statement: statements };
}

const ALLOW_CALLER = { Sid: "Caller", Effect: "Allow", Principal: { AWS: CALLER }, Action: "sts:AssumeRole" };

/** Trust policies are judged with the pack's condition evaluator, every operator as IAM defines it. */
describe("assume-role decisions: conditions", () => {
    it("applies a Deny whose negated operator holds: a caller from outside the organisation is refused", () => {
        const policy = trust(ALLOW_CALLER, {
            Sid: "OrganisationOnly",
            Effect: "Deny",
            Principal: "*",
            Action: "sts:AssumeRole",
            Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-meridian" } },
        });
        assert.deepEqual(trustAllows(policy, request({ "aws:PrincipalOrgID": "o-other" })), {
            allowed: false,
            reason: `the trust policy of ${ROLE} denies it (statement OrganisationOnly)`,
        });
        assert.equal(trustAllows(policy, request({ "aws:PrincipalOrgID": "o-meridian" })).allowed, true);
    });

    it("matches condition keys in any case, and reads a StringLike pattern as an IAM glob", () => {
        const policy = trust({ ...ALLOW_CALLER, Condition: { StringLike: { "aws:PrincipalTag/Team": "platform-*" } } });
        assert.equal(trustAllows(policy, request({ "aws:principaltag/team": "platform-core" })).allowed, true);
        assert.equal(trustAllows(policy, request({ "aws:PrincipalTag/Team": "orders" })).allowed, false);
    });

    it("lets no statement apply by guesswork: an operator IAM does not have allows nothing", () => {
        const policy = trust({ ...ALLOW_CALLER, Condition: { StringRoughly: { "aws:PrincipalOrgID": "o-meridian" } } });
        assert.equal(trustAllows(policy, request({ "aws:PrincipalOrgID": "o-meridian" })).allowed, false);
    });
});

describe("assume-role decisions: a service caller", () => {
    const endpointRole = "arn:aws:iam::111111111111:role/orders-endpoint-us-east-1";
    const trustsEvents = trust({ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sts:AssumeRole" });

    it("lets in the service principal the trust names", () => {
        assert.equal(trustAllows(trustsEvents, { action: "sts:AssumeRole", caller: "events.amazonaws.com", role: endpointRole, context: {} }).allowed, true);
    });

    it("refuses another service, and a role of the account, where only a service is trusted", () => {
        for (const caller of ["scheduler.amazonaws.com", "arn:aws:iam::111111111111:role/admin"]) {
            const decision = trustAllows(trustsEvents, { action: "sts:AssumeRole", caller, role: endpointRole, context: {} });
            assert.equal(decision.allowed, false, caller);
            assert.match(decision.reason, /does not trust/);
        }
    });
});
