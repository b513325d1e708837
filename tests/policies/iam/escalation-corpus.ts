import { ESCALATION_METHODS, EscalationMethod } from "../../../policies/iam/escalation-methods";
import { resourceArnTemplates } from "../../../policies/iam/resource-types";
import type { NormalisedResource } from "../../../policies/normalised-stack";
import { ACCOUNT, document, managedPolicy, resource, role, roleArn, rolePolicy, RuleScenario } from "../../../policies/rules/scenario-kit";

/**
 * The escalation corpus: for each capability of the analysis, a stack it must catch and a clean
 * look-alike it must pass, plus every published method granted on unrestricted resources (caught)
 * and on the subsystem's own resources (clean). Both runners judge it: the in-process evaluator
 * (escalation-corpus.test.ts) and the real CrossGuard server (crossguard-parity.test.ts).
 */

export interface CorpusCase extends RuleScenario {
    /** The rule that judges the stack. */
    rule: string;
    /** Each must match one of the rule's messages. */
    finds?: RegExp[];
    /** None may match any of the rule's messages. */
    misses?: RegExp[];
}

const ESCALATION = "no-privilege-escalation";
const OWN = { accountId: ACCOUNT };

function trustOf(...aws: string[]): string {
    return document({ Effect: "Allow", Principal: { AWS: aws }, Action: "sts:AssumeRole" });
}

/** A role that can escalate on its own: iam:PutRolePolicy on every role. */
function privileged(name: string, trustedBy: string[]): NormalisedResource[] {
    return [
        role(name, { assumeRolePolicy: trustOf(...trustedBy) }),
        rolePolicy(`${name}-policy`, name, { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" }),
    ];
}

function assumer(name: string, target: string): NormalisedResource[] {
    return [role(name), rolePolicy(`${name}-policy`, name, { Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn(target) })];
}

const user = (name: string, props: Record<string, unknown> = {}) =>
    resource("aws:iam/user:User", name, { name, permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/test-boundary`, ...props });
const group = (name: string) => resource("aws:iam/group:Group", name, { name });
const groupPolicy = (name: string, groupName: string, ...statements: unknown[]) =>
    resource("aws:iam/groupPolicy:GroupPolicy", name, { name, group: groupName, policy: document(...statements) });
const membership = (name: string, groupName: string, users: string[]) =>
    resource("aws:iam/groupMembership:GroupMembership", name, { name, group: groupName, users });

function putRolePolicyWhen(condition: unknown): NormalisedResource[] {
    return [role("deployer"), rolePolicy("p", "deployer", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*", Condition: condition })];
}

const CAPABILITIES: CorpusCase[] = [
    {
        rule: ESCALATION,
        name: "assume-role chain: a role that may assume a privileged role has its escalations",
        resources: [...assumer("starter", "admin"), ...privileged("admin", [roleArn("starter")])],
        context: OWN,
        expect: "violation",
        finds: [
            /^role starter can escalate privileges through admin \(sts:AssumeRole\) via PutRolePolicy /,
            /^role admin can escalate privileges via PutRolePolicy /,
        ],
    },
    {
        rule: ESCALATION,
        name: "assume-role chain over two hops, the trust naming the account and the identity policy allowing the call",
        resources: [...assumer("starter", "middle"), ...assumer("middle", "admin"), ...privileged("admin", [ACCOUNT])].map((r) =>
            r.name === "middle" ? role("middle", { assumeRolePolicy: trustOf(roleArn("starter")) }) : r,
        ),
        context: OWN,
        expect: "violation",
        finds: [/^role starter can escalate privileges through middle then admin \(sts:AssumeRole\) via PutRolePolicy /],
    },
    {
        rule: ESCALATION,
        name: "clean look-alike: the privileged role trusts another principal, so the chain is broken",
        resources: [...assumer("starter", "admin"), ...privileged("admin", [roleArn("someone-else")])],
        context: OWN,
        expect: "violation",
        finds: [/^role admin can escalate/],
        misses: [/^role starter/],
    },
    {
        rule: ESCALATION,
        name: "clean look-alike: a trust of the account alone admits only principals whose identity policy allows the call",
        resources: [role("starter"), ...privileged("admin", [ACCOUNT])],
        context: OWN,
        expect: "violation",
        misses: [/^role starter/],
    },
    {
        rule: ESCALATION,
        name: "user through a group: a group's policy escalates its members",
        resources: [
            user("alice"),
            group("ops"),
            groupPolicy("ops-policy", "ops", { Effect: "Allow", Action: "iam:AttachUserPolicy", Resource: "*" }),
            membership("ops-members", "ops", ["alice"]),
        ],
        context: OWN,
        expect: "violation",
        finds: [/^user alice can escalate privileges via AttachUserPolicy \(.*\), granted on unrestricted resources by group policy ops-policy of group ops$/],
    },
    {
        rule: ESCALATION,
        name: "clean look-alike: the same group policy on a group the user is not in",
        resources: [
            user("alice"),
            group("ops"),
            groupPolicy("ops-policy", "ops", { Effect: "Allow", Action: "iam:AttachUserPolicy", Resource: "*" }),
            membership("ops-members", "ops", []),
        ],
        context: OWN,
        expect: "pass",
    },
    {
        rule: ESCALATION,
        name: "a condition that holds today leaves the grant: DateLessThan a date to come",
        resources: putRolePolicyWhen({ DateLessThan: { "aws:CurrentTime": "2999-01-01T00:00:00Z" } }),
        expect: "violation",
        finds: [/^role deployer can escalate privileges via PutRolePolicy /],
    },
    {
        rule: ESCALATION,
        name: "clean look-alike: an impossible condition removes the grant (DateLessThan a date long past)",
        resources: putRolePolicyWhen({ DateLessThan: { "aws:CurrentTime": "2019-01-01T00:00:00Z" } }),
        expect: "pass",
    },
    {
        rule: ESCALATION,
        name: "clean look-alike: an impossible condition removes the grant (another account's principals only)",
        resources: putRolePolicyWhen({ StringEquals: { "aws:PrincipalAccount": "999999999999" } }),
        context: OWN,
        expect: "pass",
    },
    {
        rule: ESCALATION,
        name: "clean look-alike: an impossible condition removes the grant (two different values for one key)",
        resources: putRolePolicyWhen({ StringEquals: { "aws:ResourceTag/team": "orders" }, StringLike: { "aws:ResourceTag/team": "payments-*" } }),
        expect: "pass",
    },
    {
        rule: ESCALATION,
        name: "a condition the principal satisfies itself does not confine: a request tag it sends",
        resources: putRolePolicyWhen({ StringEquals: { "aws:RequestTag/team": "orders" } }),
        expect: "violation",
        finds: [/^role deployer can escalate privileges via PutRolePolicy /],
    },
    {
        rule: ESCALATION,
        name: "self-matching resource pattern: a role's own name matches the prefix it may write",
        resources: [
            role("orders-deployer"),
            rolePolicy("p", "orders-deployer", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: `arn:aws:iam::${ACCOUNT}:role/orders-*` }),
        ],
        context: OWN,
        expect: "violation",
        finds: [/^role orders-deployer can escalate privileges via PutRolePolicy \(.*\), granted on itself by role policy p$/],
    },
    {
        rule: ESCALATION,
        name: "self-matching resource pattern: a policy prefix that matches the role's own managed policy",
        resources: [
            role("deployer", { managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/orders-deployer-policy`] }),
            managedPolicy("orders-deployer-policy", {
                Effect: "Allow",
                Action: "iam:CreatePolicyVersion",
                Resource: `arn:aws:iam::${ACCOUNT}:policy/orders-*`,
            }),
        ],
        context: OWN,
        expect: "violation",
        finds: [/^role deployer can escalate privileges via CreateNewPolicyVersion \(.*\), granted on itself by policy orders-deployer-policy$/],
    },
    {
        rule: ESCALATION,
        name: "clean look-alike: the same prefix on a role outside it",
        resources: [
            role("platform-deployer"),
            rolePolicy("p", "platform-deployer", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: `arn:aws:iam::${ACCOUNT}:role/orders-*` }),
        ],
        context: OWN,
        expect: "pass",
    },
    {
        rule: ESCALATION,
        name: "clean look-alike: the role's own ARN is denied, and the boundary condition excludes its own boundary",
        resources: [
            role("orders-deployer", { permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/orders-deployment-boundary` }),
            rolePolicy(
                "p",
                "orders-deployer",
                {
                    Effect: "Allow",
                    Action: ["iam:PutRolePolicy", "iam:AttachRolePolicy"],
                    Resource: `arn:aws:iam::${ACCOUNT}:role/orders-*`,
                    Condition: { StringEquals: { "iam:PermissionsBoundary": `arn:aws:iam::${ACCOUNT}:policy/orders-boundary` } },
                },
                { Effect: "Allow", Action: "iam:UpdateAssumeRolePolicy", Resource: `arn:aws:iam::${ACCOUNT}:role/orders-*` },
                { Effect: "Deny", Action: "iam:UpdateAssumeRolePolicy", Resource: roleArn("orders-deployer") },
            ),
        ],
        context: OWN,
        expect: "pass",
    },
    {
        rule: ESCALATION,
        name: "a Deny that only sometimes applies leaves the wildcard's escalations",
        resources: [
            role("admin"),
            rolePolicy(
                "p",
                "admin",
                { Effect: "Allow", Action: "iam:*", Resource: "*" },
                { Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } },
            ),
        ],
        expect: "violation",
        finds: [/via PutRolePolicy /, /via AttachRolePolicy /],
    },
    {
        rule: ESCALATION,
        name: "clean look-alike: a Deny that always applies cancels the wildcard",
        resources: [
            role("admin"),
            rolePolicy("p", "admin", { Effect: "Allow", Action: "iam:*", Resource: "*" }, { Effect: "Deny", Action: "iam:*", Resource: "*" }),
        ],
        expect: "pass",
    },
    {
        rule: "no-wildcard-grants",
        name: "Deny-cancelled wildcard look-alike: the wildcard a conditional Deny leaves",
        resources: [
            rolePolicy(
                "p",
                "r",
                { Effect: "Allow", Action: "iam:*", Resource: "*" },
                { Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } },
            ),
        ],
        expect: "violation",
    },
    {
        rule: "no-wildcard-grants",
        name: "Deny-cancelled wildcard: a Deny of the whole wildcard in the same policy",
        resources: [rolePolicy("p", "r", { Effect: "Allow", Action: "iam:*", Resource: "*" }, { Effect: "Deny", Action: "iam:*", Resource: "*" })],
        expect: "pass",
    },
    {
        rule: "boundary-blocks-escalation",
        name: "an Allow * boundary without denies permits every escalation method",
        resources: [managedPolicy("orders-boundary", { Effect: "Allow", Action: "*", Resource: "*" })],
        context: OWN,
        expect: "violation",
        finds: [
            new RegExp(`^boundary orders-boundary permits ${ESCALATION_METHODS.length} escalation method\\(s\\) on unrestricted resources: `),
            /lets the principals it bounds rewrite it/,
        ],
    },
    {
        rule: "boundary-blocks-escalation",
        name: "clean look-alike: an Allow * boundary with the denies a boundary needs",
        resources: [
            managedPolicy(
                "orders-boundary",
                { Effect: "Allow", Action: "*", Resource: "*" },
                { Effect: "Deny", Action: [...new Set(ESCALATION_METHODS.flatMap((method) => method.actions))], Resource: "*" },
            ),
        ],
        context: OWN,
        expect: "pass",
    },
    {
        rule: ESCALATION,
        name: "an Allow * boundary does not cut a role's escalations",
        resources: [
            managedPolicy("test-boundary", { Effect: "Allow", Action: "*", Resource: "*" }),
            role("admin"),
            rolePolicy("p", "admin", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" }),
        ],
        expect: "violation",
        finds: [/^role admin can escalate privileges via PutRolePolicy /],
    },
];

/** ARNs of the subsystem's own resources of every type the action acts on: `arn:aws:lambda:*:123456789012:function:orders-*`. */
export function ownResourcesOf(action: string): string[] {
    return resourceArnTemplates(action).map((template) =>
        template
            .replace("${Partition}", "aws")
            .replace("${Region}", "*")
            .replace("${Account}", ACCOUNT)
            .replace(/\$\{[^}]+\}$/, "orders-*")
            .replace(/\$\{[^}]+\}/g, "orders"),
    );
}

function granted(method: EscalationMethod, on: (action: string) => string[]): NormalisedResource[] {
    return [role("victim"), rolePolicy("grant", "victim", ...method.actions.map((action) => ({ Effect: "Allow", Action: action, Resource: on(action) })))];
}

const METHODS: CorpusCase[] = ESCALATION_METHODS.flatMap((method): CorpusCase[] => [
    {
        rule: ESCALATION,
        name: `${method.id} (${method.kind}): caught on unrestricted resources`,
        resources: granted(method, () => ["*"]),
        expect: "violation",
        finds: [new RegExp(`^role victim can escalate privileges via ${method.id} `)],
    },
    {
        rule: ESCALATION,
        name: `${method.id} (${method.kind}): clean on the subsystem's own resources`,
        // Read when the case runs: the ARN formats come from the IAM reference, which the root hook loads after the specs are imported.
        get resources() {
            return granted(method, (action) => [...ownResourcesOf(action), `arn:aws:iam::${ACCOUNT}:role/orders-*`]);
        },
        expect: "pass",
    },
]);

export const ESCALATION_CORPUS: readonly CorpusCase[] = [...CAPABILITIES, ...METHODS];
