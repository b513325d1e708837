import { strict as assert } from "assert";
import { type AssumeRequest, identityAllows, trustAllows } from "../../../policies/iam/assume-role-decision";
import type { LabelledDocument } from "../../../policies/iam/permissions";
import { parsePolicyDocument } from "../../../policies/iam/policy-document";

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

describe("assume-role decisions: the trust policy", () => {
    const assume = (caller: string, action: AssumeRequest["action"] = "sts:AssumeRole"): AssumeRequest => ({ action, caller, role: ROLE, context: {} });

    it("refuses when the trust policy is missing or malformed", () => {
        for (const policy of [undefined, "{not json", { Statement: [{ Effect: "Allow" }] }]) {
            assert.deepEqual(trustAllows(policy, assume(CALLER)), { allowed: false, reason: `the trust policy of ${ROLE} is missing or malformed` });
        }
    });

    it("names a role caller by its ARN, its account's root ARN, its account id or anyone", () => {
        for (const named of [CALLER, "arn:aws:iam::222222222222:root", "222222222222", "*"]) {
            assert.deepEqual(trustAllows(trust({ Effect: "Allow", Principal: { AWS: named }, Action: "sts:AssumeRole" }), assume(CALLER)), {
                allowed: true,
                reason: "trusted by Statement[0]",
            });
        }
        for (const named of ["arn:aws:iam::333333333333:root", "333333333333", "arn:aws:iam::222222222222:role/other", "arn:aws-cn:iam::222222222222:root"]) {
            const decision = trustAllows(trust({ Effect: "Allow", Principal: { AWS: named }, Action: "sts:AssumeRole" }), assume(CALLER));
            assert.deepEqual(decision, { allowed: false, reason: `the trust policy of ${ROLE} does not trust ${CALLER} for sts:AssumeRole` }, named);
        }
    });

    it("reads the account and partition of a caller in another partition", () => {
        const govCaller = "arn:aws-us-gov:iam::222222222222:role/meridian-bootstrap";
        const trustsRoot = (root: string) => trust({ Effect: "Allow", Principal: { AWS: root }, Action: "sts:AssumeRole" });
        assert.equal(trustAllows(trustsRoot("arn:aws-us-gov:iam::222222222222:root"), assume(govCaller)).allowed, true);
        assert.equal(trustAllows(trustsRoot("222222222222"), assume(govCaller)).allowed, true);
        assert.equal(trustAllows(trustsRoot("arn:aws:iam::222222222222:root"), assume(govCaller)).allowed, false);
    });

    it("lets nobody in through a statement that names no principal", () => {
        const policy = trust({ Effect: "Allow", Action: "sts:AssumeRole" });
        assert.equal(trustAllows(policy, assume(CALLER)).allowed, false);
        assert.equal(trustAllows(policy, assume("events.amazonaws.com")).allowed, false);
    });

    it("lets in an OIDC caller only through its Federated provider, for AssumeRoleWithWebIdentity", () => {
        const provider = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
        const policy = trust({ Effect: "Allow", Principal: { Federated: provider }, Action: "sts:AssumeRoleWithWebIdentity" });
        assert.equal(trustAllows(policy, assume(provider, "sts:AssumeRoleWithWebIdentity")).allowed, true);
        assert.equal(trustAllows(policy, assume("arn:aws:iam::111111111111:oidc-provider/other", "sts:AssumeRoleWithWebIdentity")).allowed, false);
        assert.equal(trustAllows(policy, assume(provider)).allowed, false, "the statement is for web identity only");
    });

    it("matches the action by any of its patterns, or by NotAction", () => {
        const byList = trust({ Effect: "Allow", Principal: { AWS: CALLER }, Action: ["sts:TagSession", "sts:AssumeRole"] });
        assert.equal(trustAllows(byList, assume(CALLER)).allowed, true);
        const notWebIdentity = trust({ Effect: "Allow", Principal: { AWS: CALLER }, NotAction: ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"] });
        assert.equal(trustAllows(notWebIdentity, assume(CALLER)).allowed, true);
        const notAssume = trust({ Effect: "Allow", Principal: { AWS: CALLER }, NotAction: ["sts:TagSession", "sts:Assume*"] });
        assert.equal(trustAllows(notAssume, assume(CALLER)).allowed, false);
    });

    it("compares actions without regard to case", () => {
        assert.equal(trustAllows(trust({ Effect: "Allow", Principal: { AWS: CALLER }, Action: "STS:assumerole" }), assume(CALLER)).allowed, true);
        assert.equal(trustAllows(trust({ Effect: "Allow", Principal: { AWS: CALLER }, NotAction: "STS:ASSUMEROLE" }), assume(CALLER)).allowed, false);
    });

    it("trusts a caller that is not an IAM role ARN (an assumed-role session) when the trust names its ARN", () => {
        const session = "arn:aws:sts::222222222222:assumed-role/meridian-bootstrap/ci";
        const byArn = trust({ Effect: "Allow", Principal: { AWS: session }, Action: "sts:AssumeRole" });
        assert.equal(trustAllows(byArn, assume(session)).allowed, true);
    });

    it("lets a Deny in any position decide, and names the statement that decided", () => {
        const denyFirst = trust({ Effect: "Deny", Principal: { AWS: CALLER }, Action: "sts:AssumeRole" }, ALLOW_CALLER);
        assert.deepEqual(trustAllows(denyFirst, assume(CALLER)), { allowed: false, reason: `the trust policy of ${ROLE} denies it (Statement[0])` });
        const denyOther = trust({ Effect: "Deny", Principal: { AWS: "333333333333" }, Action: "sts:AssumeRole" }, ALLOW_CALLER);
        assert.deepEqual(trustAllows(denyOther, assume(CALLER)), { allowed: true, reason: "trusted by statement Caller" });
    });
});

describe("assume-role decisions: the caller's identity policies and boundary", () => {
    const assumeRole = (context: Record<string, string> = {}): AssumeRequest => ({ action: "sts:AssumeRole", caller: CALLER, role: ROLE, context });
    const policy = (label: string, ...statements: Array<Record<string, unknown>>): LabelledDocument => ({
        label,
        document: parsePolicyDocument(trust(...statements)),
    });
    const allowAssume = (resource: unknown) => ({ Effect: "Allow", Action: "sts:AssumeRole", Resource: resource });

    it("allows a call an identity policy allows on the role, naming that policy", () => {
        const other = policy("other", allowAssume("arn:aws:iam::111111111111:role/other"));
        assert.deepEqual(identityAllows([other, policy("deployer", allowAssume(["arn:aws:iam::111111111111:role/x", ROLE]))], undefined, assumeRole()), {
            allowed: true,
            reason: "allowed by deployer",
        });
        assert.equal(identityAllows([policy("any", allowAssume("arn:aws:iam::111111111111:role/orders-*"))], undefined, assumeRole()).allowed, true);
        assert.equal(identityAllows([policy("no resource", { Effect: "Allow", Action: "sts:AssumeRole" })], undefined, assumeRole()).allowed, true);
    });

    it("refuses when no identity policy allows the action on the role", () => {
        const refusal = { allowed: false, reason: `no policy of ${CALLER} allows sts:AssumeRole on ${ROLE}` };
        assert.deepEqual(identityAllows([], undefined, assumeRole()), refusal);
        assert.deepEqual(identityAllows([policy("other role", allowAssume("arn:aws:iam::111111111111:role/other"))], undefined, assumeRole()), refusal);
        assert.deepEqual(
            identityAllows([policy("other action", { Effect: "Allow", Action: "sts:TagSession", Resource: "*" })], undefined, assumeRole()),
            refusal,
        );
    });

    it("reads NotAction and NotResource as everything but what they list", () => {
        const notIam = policy("not iam", { Effect: "Allow", NotAction: ["iam:*", "s3:*"], Resource: "*" });
        assert.equal(identityAllows([notIam], undefined, assumeRole()).allowed, true);
        const notSts = policy("not sts", { Effect: "Allow", NotAction: ["iam:*", "sts:*"], Resource: "*" });
        assert.equal(identityAllows([notSts], undefined, assumeRole()).allowed, false);
        const elsewhere = policy("elsewhere", {
            Effect: "Allow",
            Action: "sts:AssumeRole",
            NotResource: ["arn:aws:iam::111111111111:role/admin", "arn:aws:iam::*:role/root-*"],
        });
        assert.equal(identityAllows([elsewhere], undefined, assumeRole()).allowed, true);
        const notHere = policy("not here", { Effect: "Allow", Action: "sts:AssumeRole", NotResource: ["arn:aws:iam::111111111111:role/admin", ROLE] });
        assert.equal(identityAllows([notHere], undefined, assumeRole()).allowed, false);
    });

    it("applies an identity statement only where its conditions hold", () => {
        const tagged = policy("tagged", { ...allowAssume(ROLE), Condition: { StringEquals: { "aws:ResourceTag/team": "orders" } } });
        assert.equal(identityAllows([tagged], undefined, assumeRole({ "aws:ResourceTag/team": "orders" })).allowed, true);
        assert.equal(identityAllows([tagged], undefined, assumeRole({ "aws:ResourceTag/team": "billing" })).allowed, false);
    });

    it("lets a Deny in an identity policy or in the boundary decide, naming where it is", () => {
        const allow = policy("deployer", allowAssume("*"));
        const deny = (label: string) => policy(label, { Effect: "Deny", Action: "sts:AssumeRole", Resource: ROLE });
        assert.deepEqual(identityAllows([allow, deny("guard")], undefined, assumeRole()), { allowed: false, reason: `guard denies sts:AssumeRole on ${ROLE}` });
        assert.deepEqual(identityAllows([allow], policy("boundary", allowAssume("*"), { Effect: "Deny", Action: "sts:*", Resource: "*" }), assumeRole()), {
            allowed: false,
            reason: `boundary denies sts:AssumeRole on ${ROLE}`,
        });
    });

    it("needs the boundary to allow the call as well", () => {
        const allow = policy("deployer", allowAssume("*"));
        assert.deepEqual(identityAllows([allow], policy("boundary", allowAssume("arn:aws:iam::111111111111:role/other")), assumeRole()), {
            allowed: false,
            reason: `the boundary of ${CALLER} (boundary) does not allow it`,
        });
        assert.deepEqual(identityAllows([allow], policy("boundary", allowAssume(ROLE)), assumeRole()), { allowed: true, reason: "allowed by deployer" });
    });
});
