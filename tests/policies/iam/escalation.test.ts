import { strict as assert } from "assert";
import { canAssume, EscalationOptions, stackEscalations } from "../../../policies/iam/escalation";
import type { LabelledDocument } from "../../../policies/iam/permissions";
import { parsePolicyDocument } from "../../../policies/iam/policy-document";
import type { StackGroup, StackRole } from "../../../policies/iam/stack-roles";

/**
 * The escalation analysis on principals built by hand: which methods a principal reaches, on which
 * resources, with its conditions judged against what is known of the request (its own ARN, account,
 * tags and boundary, the service a role is passed to, the time), and through which assumed roles.
 */

const ACCOUNT = "111122223333";
const OTHER_ACCOUNT = "444455556666";
const NOW = new Date("2026-06-01T12:00:00Z");
const NOW_EPOCH = Math.floor(NOW.getTime() / 1000);
const arn = (kind: "role" | "user" | "group" | "policy", name: string, account = ACCOUNT) => `arn:aws:iam::${account}:${kind}/${name}`;

type Statement = Record<string, unknown>;

function policy(label: string, ...statements: Statement[]): LabelledDocument {
    return { label, document: parsePolicyDocument({ Version: "2012-10-17", Statement: statements }) };
}

const allow = (action: string | string[], resource: string | string[] = "*", condition?: Statement): Statement => ({
    Effect: "Allow",
    Action: action,
    Resource: resource,
    ...(condition ? { Condition: condition } : {}),
});

function principal(name: string, fields: Partial<StackRole> = {}): StackRole {
    const kind = fields.kind ?? "role";
    return {
        kind,
        urn: `urn:${kind}:${name}`,
        name,
        arn: arn(kind, name),
        identity: [],
        opaquePolicyArns: [],
        policyArns: [],
        tags: {},
        groups: [],
        ...fields,
    };
}

/** Options as the rule passes them by default, made afresh for each call. */
function options(fields: Partial<EscalationOptions> = {}): EscalationOptions {
    return { restrictingConditionKeys: ["iam:PermissionsBoundary", "aws:ResourceTag/*", "iam:ResourceTag/*"], accountId: ACCOUNT, now: NOW, ...fields };
}

interface Found {
    sources: string[];
    onItself: string[];
    through: string[];
}

/** Method id → what the analysis found, for the first principal (the others are roles it may assume). */
function methodsOf(principals: StackRole[], groups: StackGroup[] = [], opts: EscalationOptions = options()): Map<string, Found> {
    const [first] = stackEscalations({ principals, groups }, opts);
    return new Map(first.paths.map(({ method, sources, onItself, through }) => [method.id, { sources, onItself, through }]));
}

const ids = (found: Map<string, Found>) => [...found.keys()].sort();

/** Does a principal granted `iam:CreateAccessKey` on every user under this condition reach CreateAccessKey? */
function createsAccessKeys(condition: Statement, fields: Partial<StackRole> = {}, opts: EscalationOptions = options()): boolean {
    const who = principal("deployer", { ...fields, identity: [policy("grant", allow("iam:CreateAccessKey", "*", condition))] });
    return methodsOf([who], [], opts).has("CreateAccessKey");
}

/** A grant of `iam:PutRolePolicy` on every role under a condition: where, if anywhere, does it reach PutRolePolicy? */
function putRolePolicy(condition: Statement, fields: Partial<StackRole> = {}, opts: EscalationOptions = options()): Found | undefined {
    const who = principal("deployer", { ...fields, identity: [policy("grant", allow("iam:PutRolePolicy", "*", condition))] });
    return methodsOf([who], [], opts).get("PutRolePolicy");
}

describe("escalation paths: what a principal's own grants reach", () => {
    it("a grant on every resource is a path on unrestricted resources; one on its own role only, a path on itself; one on another role, none", () => {
        const anywhere = principal("a", { identity: [policy("a-policy", allow("iam:PutRolePolicy"))] });
        assert.deepEqual(methodsOf([anywhere]).get("PutRolePolicy"), { sources: ["a-policy"], onItself: [], through: [] });
        const own = principal("b", { identity: [policy("b-policy", allow("iam:PutRolePolicy", arn("role", "b")))] });
        assert.deepEqual(methodsOf([own]).get("PutRolePolicy"), { sources: ["b-policy"], onItself: ["iam:PutRolePolicy"], through: [] });
        const other = principal("c", { identity: [policy("c-policy", allow("iam:PutRolePolicy", arn("role", "someone-else")))] });
        assert.equal(methodsOf([other]).has("PutRolePolicy"), false);
    });

    it("a method needs every one of its actions; its sources are every policy that grants one, each named once", () => {
        const both = principal("a", {
            identity: [
                policy("put", allow("iam:PutRolePolicy", arn("role", "a"))),
                policy("assume", allow("sts:AssumeRole")),
                policy("again", allow("sts:AssumeRole")),
            ],
        });
        assert.deepEqual(methodsOf([both]).get("PutRolePolicyThenAssumeRole"), {
            sources: ["again", "assume", "put"],
            onItself: ["iam:PutRolePolicy"],
            through: [],
        });
        const half = principal("b", { identity: [policy("put", allow("iam:PutRolePolicy"))] });
        assert.equal(methodsOf([half]).has("PutRolePolicyThenAssumeRole"), false);
    });

    it("an action that does not act on the principal itself is judged on unrestricted resources only", () => {
        // CreateAccessKey on users tagged team=orders is confined, whatever the principal's own tags.
        assert.equal(createsAccessKeys({ StringEquals: { "aws:ResourceTag/team": "orders" } }, { tags: { team: "orders" } }), false);
        assert.equal(createsAccessKeys({}), true);
    });

    it("a NotAction allow can grant any action, beside Action allows or alone", () => {
        const notAction = { Effect: "Allow", NotAction: ["s3:*"], Resource: "*" };
        const alone = principal("a", { identity: [policy("broad", notAction)] });
        assert.ok(methodsOf([alone]).has("PutRolePolicy"));
        const beside = principal("b", { identity: [policy("mixed", allow("s3:GetObject"), notAction)] });
        assert.ok(methodsOf([beside]).has("PutRolePolicy"));
        const excluded = principal("c", { identity: [policy("broad", { Effect: "Allow", NotAction: ["iam:*"], Resource: "*" })] });
        assert.equal(methodsOf([excluded]).has("PutRolePolicy"), false);
    });
});

describe("escalation paths: the principal's own resources", () => {
    it("its groups are its own: AttachGroupPolicy on a group it belongs to is a path on itself, on another group none", () => {
        const groups: StackGroup[] = [
            { urn: "urn:group:mine", name: "mine", arn: arn("group", "mine"), identity: [], opaquePolicyArns: [], policyArns: [], members: ["alice"] },
            { urn: "urn:group:theirs", name: "theirs", arn: arn("group", "theirs"), identity: [], opaquePolicyArns: [], policyArns: [], members: [] },
        ];
        const onMine = principal("alice", { kind: "user", groups: ["mine"], identity: [policy("p", allow("iam:AttachGroupPolicy", arn("group", "mine")))] });
        assert.deepEqual(methodsOf([onMine], groups).get("AttachGroupPolicy"), { sources: ["p"], onItself: ["iam:AttachGroupPolicy"], through: [] });
        const onTheirs = principal("alice", {
            kind: "user",
            groups: ["mine"],
            identity: [policy("p", allow("iam:AttachGroupPolicy", arn("group", "theirs")))],
        });
        assert.equal(methodsOf([onTheirs], groups).has("AttachGroupPolicy"), false);
    });

    it("its policies and its customer-managed boundary are its own; an AWS-managed boundary is not", () => {
        const versionOf = (resource: string, fields: Partial<StackRole>) =>
            methodsOf([principal("a", { ...fields, identity: [policy("p", allow("iam:CreatePolicyVersion", resource))] })]).get("CreateNewPolicyVersion");
        assert.deepEqual(versionOf(arn("policy", "mine"), { policyArns: [arn("policy", "mine")] })?.onItself, ["iam:CreatePolicyVersion"]);
        assert.deepEqual(versionOf(arn("policy", "boundary"), { boundaryArn: arn("policy", "boundary") })?.onItself, ["iam:CreatePolicyVersion"]);
        const managed = "arn:aws:iam::aws:policy/PowerUserAccess";
        assert.equal(versionOf(managed, { boundaryArn: managed }), undefined);
        assert.equal(versionOf(arn("policy", "not-mine"), { policyArns: [arn("policy", "mine")] }), undefined);
    });

    it("a principal with no ARN, or with no policy of its own, has nothing of its own to act on", () => {
        // The grant is confined to the own account's resources: only an own resource could make it certain.
        const opts = options({ restrictingConditionKeys: ["aws:ResourceAccount"] });
        const condition = { StringEquals: { "aws:ResourceAccount": ACCOUNT } };
        assert.equal(putRolePolicy(condition, { arn: undefined }, opts), undefined);
        assert.deepEqual(putRolePolicy(condition, {}, opts)?.onItself, ["iam:PutRolePolicy"]);
        const versions = principal("a", { identity: [policy("p", allow("iam:CreatePolicyVersion", "*", condition))] });
        assert.equal(methodsOf([versions], [], opts).has("CreateNewPolicyVersion"), false);
    });
});

describe("escalation paths: conditions judged against what is known of the request", () => {
    it("aws:PrincipalArn is the principal's own ARN; unknown until it has one, and confining only when listed as restricting", () => {
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalArn": arn("role", "deployer") } }), true);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalArn": arn("role", "other") } }), false);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalArn": arn("role", "other") } }, { arn: undefined }), true);
        const restricting = options({ restrictingConditionKeys: ["aws:PrincipalArn"] });
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalArn": arn("role", "other") } }, { arn: undefined }, restricting), false);
    });

    it("aws:PrincipalAccount is the stack's account when it is known", () => {
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalAccount": ACCOUNT } }), true);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalAccount": OTHER_ACCOUNT } }), false);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalAccount": OTHER_ACCOUNT } }, {}, options({ accountId: undefined })), true);
    });

    it("aws:PrincipalTag/<key> is the principal's tag, its key compared case-insensitively; a tag it lacks is absent", () => {
        const tags = { Team: "orders", Env: "prod" };
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalTag/team": "orders" } }, { tags }), true);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalTag/env": "prod" } }, { tags }), true);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalTag/team": "payments" } }, { tags }), false);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalTag/owner": "orders" } }, { tags }), false);
        assert.equal(createsAccessKeys({ Null: { "aws:PrincipalTag/owner": "true" } }, { tags }), true);
    });

    it("aws:username is a user's name, and absent for a role; aws:PrincipalType is User or AssumedRole", () => {
        const user = { kind: "user" as const };
        assert.equal(createsAccessKeys({ StringEquals: { "aws:username": "deployer" } }, user), true);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:username": "someone" } }, user), false);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:username": "deployer" } }), false);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalType": "User" } }, user), true);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalType": "AssumedRole" } }, user), false);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalType": "AssumedRole" } }), true);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalType": "User" } }), false);
    });

    it("a stack's principal is never an AWS service; other principal keys are unknown and do not confine", () => {
        assert.equal(createsAccessKeys({ Bool: { "aws:PrincipalIsAWSService": "false" } }), true);
        assert.equal(createsAccessKeys({ Bool: { "aws:PrincipalIsAWSService": "true" } }), false);
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } }), true);
        const restricting = options({ restrictingConditionKeys: ["aws:PrincipalOrgID"] });
        assert.equal(createsAccessKeys({ StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } }, {}, restricting), true);
    });

    it("on its own role, the resource's tags and boundary are the principal's own; elsewhere they are unknown and confine", () => {
        const tags = { Team: "orders" };
        for (const key of ["aws:ResourceTag/team", "iam:ResourceTag/team"]) {
            assert.deepEqual(putRolePolicy({ StringEquals: { [key]: "orders" } }, { tags })?.onItself, ["iam:PutRolePolicy"], key);
            assert.equal(putRolePolicy({ StringEquals: { [key]: "payments" } }, { tags }), undefined, key);
        }
        const boundary = arn("policy", "boundary");
        assert.deepEqual(putRolePolicy({ StringEquals: { "iam:PermissionsBoundary": boundary } }, { boundaryArn: boundary })?.onItself, ["iam:PutRolePolicy"]);
        assert.equal(putRolePolicy({ StringEquals: { "iam:PermissionsBoundary": arn("policy", "other") } }, { boundaryArn: boundary }), undefined);
        assert.equal(putRolePolicy({ StringEquals: { "iam:PermissionsBoundary": boundary } }), undefined);
    });

    it("on its own role, aws:ResourceAccount is the stack's account; other resource keys stay unknown", () => {
        const opts = (accountId?: string) => options({ restrictingConditionKeys: ["aws:ResourceAccount", "aws:ResourceTag/*"], accountId });
        assert.deepEqual(putRolePolicy({ StringEquals: { "aws:ResourceAccount": ACCOUNT } }, {}, opts(ACCOUNT))?.onItself, ["iam:PutRolePolicy"]);
        assert.equal(putRolePolicy({ StringEquals: { "aws:ResourceAccount": OTHER_ACCOUNT } }, {}, opts(ACCOUNT)), undefined);
        assert.equal(putRolePolicy({ StringEquals: { "aws:ResourceAccount": ACCOUNT } }, {}, opts(undefined)), undefined);
        const orgAndTag = { StringEquals: { "aws:ResourceTag/team": "orders" }, StringLike: { "aws:ResourceOrgID": "o-*" } };
        assert.deepEqual(putRolePolicy(orgAndTag, { tags: { team: "orders" } }, opts(ACCOUNT))?.onItself, ["iam:PutRolePolicy"]);
    });

    it("keys the caller sets in the request never confine; iam:PassedToService is the service of the method's role", () => {
        const restricting = options({ restrictingConditionKeys: ["aws:RequestTag/*", "aws:RequestedRegion"] });
        assert.equal(createsAccessKeys({ StringEquals: { "aws:RequestTag/team": "orders" } }, {}, restricting), true);
        const passes = (condition: Statement) =>
            ids(
                methodsOf([
                    principal("a", {
                        identity: [
                            policy("pass", allow("iam:PassRole", "*", condition)),
                            policy("run", allow(["ec2:RunInstances", "lambda:CreateFunction", "lambda:InvokeFunction"])),
                        ],
                    }),
                ]),
            );
        assert.deepEqual(passes({ StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } }), ["PassExistingRoleToNewLambdaThenInvoke"]);
        assert.deepEqual(passes({ StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } }), ["CreateEC2WithExistingIP"]);
        assert.deepEqual(passes({ StringEquals: { "aws:RequestedRegion": "eu-west-1" } }), [
            "CreateEC2WithExistingIP",
            "PassExistingRoleToNewLambdaThenInvoke",
        ]);
    });

    it("a request key the caller must set to the principal's own name (ABAC) does not stop the grant", () => {
        const alice = { kind: "user" as const, name: "alice", arn: arn("user", "alice") };
        assert.equal(createsAccessKeys({ StringEquals: { "aws:RequestTag/owner": "${aws:username}" } }, alice), true);
        assert.equal(
            createsAccessKeys({ StringEquals: { "aws:RequestTag/owner": "team-${aws:PrincipalTag/team}" } }, { ...alice, tags: { team: "orders" } }),
            true,
        );
    });

    it("aws:CurrentTime and aws:EpochTime are the time of the analysis", () => {
        const later = new Date(NOW.getTime() + 3600_000).toISOString();
        const earlier = new Date(NOW.getTime() - 3600_000).toISOString();
        assert.equal(createsAccessKeys({ DateLessThan: { "aws:CurrentTime": later } }), true);
        assert.equal(createsAccessKeys({ DateLessThan: { "aws:CurrentTime": earlier } }), false);
        assert.equal(createsAccessKeys({ NumericLessThan: { "aws:EpochTime": String(NOW_EPOCH + 60) } }), true);
        assert.equal(createsAccessKeys({ NumericGreaterThanEquals: { "aws:EpochTime": String(NOW_EPOCH) } }), true);
        assert.equal(createsAccessKeys({ NumericLessThan: { "aws:EpochTime": String(NOW_EPOCH - 60) } }), false);
        // Other environment keys are unknown: confining only when listed.
        assert.equal(createsAccessKeys({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }), true);
        assert.equal(createsAccessKeys({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, {}, options({ restrictingConditionKeys: ["aws:SourceIp"] })), false);
    });
});

describe("escalation paths through roles a principal can assume", () => {
    const trust = (...statements: Statement[]) => parsePolicyDocument({ Version: "2012-10-17", Statement: statements });
    const trusting = (principalEntry: unknown, extra: Statement = {}): Statement => ({
        Effect: "Allow",
        Principal: { AWS: principalEntry },
        Action: "sts:AssumeRole",
        ...extra,
    });
    const assumer = (fields: Partial<StackRole> = {}) => principal("caller", { identity: [policy("assume", allow("sts:AssumeRole"))], ...fields });
    const target = (statements: Statement[], fields: Partial<StackRole> = {}) => principal("admin", { trust: trust(...statements), ...fields });
    const can = (caller: StackRole, role: StackRole, opts: EscalationOptions = options()) => canAssume(caller, role, opts);

    it("a trust that names the caller's ARN suffices; one that names its account also needs the caller's sts:AssumeRole", () => {
        const noGrant = principal("caller");
        assert.equal(can(noGrant, target([trusting(arn("role", "caller"))])), true);
        for (const entry of [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`]) {
            assert.equal(can(noGrant, target([trusting(entry)])), false, entry);
            assert.equal(can(assumer(), target([trusting(entry)])), true, entry);
            assert.equal(can(assumer(), target([trusting(entry)]), options({ accountId: undefined })), false, entry);
        }
        assert.equal(can(assumer(), target([trusting(OTHER_ACCOUNT)])), false);
        assert.equal(can(assumer(), target([{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }])), true);
    });

    it("any one admitting statement or principal entry is enough", () => {
        const caller = principal("caller");
        assert.equal(can(caller, target([trusting(arn("role", "someone")), trusting(arn("role", "caller"))])), true);
        assert.equal(can(caller, target([trusting([arn("role", "someone"), arn("role", "caller")])])), true);
        assert.equal(can(assumer(), target([trusting(arn("role", "someone")), trusting(ACCOUNT)])), true);
        assert.equal(can(assumer(), target([trusting([OTHER_ACCOUNT, ACCOUNT])])), true);
        assert.equal(
            can(
                caller,
                target([{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }, trusting(arn("role", "caller"))]),
            ),
            true,
        );
    });

    it("only Allow statements that cover sts:AssumeRole and whose condition can hold admit", () => {
        const caller = principal("caller", { tags: { team: "orders" } });
        const callerArn = arn("role", "caller");
        assert.equal(can(caller, target([{ ...trusting(callerArn), Effect: "Deny" }, trusting(arn("role", "someone"))])), false);
        assert.equal(can(caller, target([trusting(callerArn, { Action: "sts:TagSession" })])), false);
        assert.equal(can(caller, target([trusting(callerArn, { Action: ["sts:TagSession", "sts:AssumeRole"] })])), true);
        assert.equal(can(caller, target([{ ...trusting(callerArn), Action: undefined, NotAction: "sts:AssumeRoleWithSAML" }])), true);
        assert.equal(can(caller, target([{ ...trusting(callerArn), Action: undefined, NotAction: "sts:*" }])), false);
        assert.equal(can(caller, target([trusting(callerArn, { Condition: { StringEquals: { "aws:PrincipalTag/team": "payments" } } })])), false);
        assert.equal(can(caller, target([trusting(callerArn, { Condition: { StringEquals: { "aws:PrincipalTag/team": "orders" } } })])), true);
        // The role being assumed is the resource of the request: its tags are known.
        const tagged = (team: string) =>
            target([trusting(callerArn, { Condition: { StringEquals: { "aws:ResourceTag/team": "orders" } } })], { tags: { team } });
        assert.equal(can(caller, tagged("orders")), true);
        assert.equal(can(caller, tagged("payments")), false);
    });

    it("no one assumes a role without a trust policy or an ARN, a role that trusts only services, or itself", () => {
        const caller = assumer();
        assert.equal(can(caller, principal("admin")), false);
        assert.equal(can(caller, target([trusting(ACCOUNT)], { arn: undefined })), false);
        assert.equal(can(caller, target([{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }])), false);
        const self = target([trusting(ACCOUNT)], { urn: caller.urn });
        assert.equal(can(caller, self), false);
        // An empty principal entry names no caller, not even one whose ARN is not known yet.
        assert.equal(can(principal("caller", { arn: undefined }), target([trusting("")])), false);
        // A statement without a principal (not a valid trust statement) admits no one.
        assert.equal(can(principal("caller"), target([{ Effect: "Allow", Action: "sts:AssumeRole" }, trusting(arn("role", "someone"))])), false);
    });

    it("a principal has the paths of the roles it can assume, through the shortest chain, each method once", () => {
        const grant = (action: string) => [policy(`${action}-policy`, allow(action))];
        const admin = principal("admin", { identity: grant("iam:PutRolePolicy"), trust: trust(trusting(arn("role", "middle"))) });
        const middle = principal("middle", { identity: grant("iam:AttachRolePolicy"), trust: trust(trusting(arn("role", "caller"))) });
        const caller = principal("caller", { identity: grant("iam:CreateAccessKey") });
        const found = methodsOf([caller, middle, admin]);
        assert.deepEqual(found.get("CreateAccessKey")?.through, []);
        assert.deepEqual(found.get("AttachRolePolicy")?.through, ["middle"]);
        assert.deepEqual(found.get("PutRolePolicy")?.through, ["middle", "admin"]);
        assert.deepEqual(ids(found), ["AttachRolePolicy", "CreateAccessKey", "PutRolePolicy"]);
        // A method the principal reaches itself, or through a nearer role, is reported once, there.
        const both = principal("caller", { identity: grant("iam:PutRolePolicy") });
        const middleToo = principal("middle", {
            identity: [...grant("iam:AttachRolePolicy"), ...grant("iam:PutRolePolicy")],
            trust: trust(trusting(arn("role", "caller"))),
        });
        const adminToo = principal("admin", { identity: grant("iam:AttachRolePolicy"), trust: trust(trusting(arn("role", "middle"))) });
        const [{ paths }] = stackEscalations({ principals: [both, middleToo, adminToo], groups: [] }, options());
        assert.equal(paths.length, 2);
        const again = methodsOf([both, middleToo, adminToo]);
        assert.deepEqual(ids(again), ["AttachRolePolicy", "PutRolePolicy"]);
        assert.deepEqual(again.get("PutRolePolicy")?.through, []);
        assert.deepEqual(again.get("AttachRolePolicy")?.through, ["middle"]);
    });
});
