import { strict as assert } from "assert";
import type { PlanDocument, PlannedResource, PlannedStack } from "../../lib/contracts/plan-document";
import { parsePolicyDocument, type PolicyStatement } from "../../policies/iam/policy-document";
import { matchesIamGlob } from "../../lib/iam-glob";
import { exampleFleetPlan, REPO_ROOT } from "../helpers/example-catalog";
import { identityAllows, trustAllows } from "../../policies/iam/assume-role-decision";
import { loadCatalog } from "../../stacks/catalog";
import { previewCredentials } from "../../stacks/ci-identity";
import { listStacks } from "../../stacks/stack-list";
import { allowedBy } from "../helpers/policy-requests";
import { evaluatePlannedStacks } from "../../policies/evaluator";

/**
 * The trust model's promises, read off the example fleet's plan: what one account's CI identity
 * can reach, and what nobody outside it can.
 */

const GITHUB_SUB = "token.actions.githubusercontent.com:sub";
const STATE_BUCKET = "meridian-pulumi-state";

interface PlannedRole {
    stack: PlannedStack;
    name: string;
    resource: PlannedResource;
    /** Its inline policies' statements. */
    statements: PolicyStatement[];
}

function rolesOf(plan: PlanDocument): PlannedRole[] {
    return plan.stacks.flatMap((stack) =>
        stack.resources
            .filter((resource) => resource.type === "aws:iam/role:Role")
            .map((resource) => {
                const name = String(resource.inputs.name);
                const statements = stack.resources
                    .filter((candidate) => candidate.type === "aws:iam/rolePolicy:RolePolicy" && candidate.inputs.role === name)
                    .flatMap((policy) => parsePolicyDocument(policy.inputs.policy).statements);
                return { stack, name, resource, statements };
            }),
    );
}

function trustedSubjects(role: PlannedRole): string[] {
    return parsePolicyDocument(role.resource.inputs.assumeRolePolicy).statements.flatMap((statement) =>
        Object.values(statement.conditions).flatMap((block) => block[GITHUB_SUB.toLowerCase()] ?? []),
    );
}

function accountIdOf(stack: PlannedStack): string {
    return String(stack.accountId ?? stack.policyContext.accountId);
}

const WRITES = ["s3:PutObject", "s3:DeleteObject"];

function grantsWrite(statement: PolicyStatement, objectArn: string): boolean {
    return (
        statement.effect === "Allow" &&
        (statement.actions ?? []).some((pattern) => WRITES.some((action) => matchesIamGlob(pattern, action, true))) &&
        (statement.resources ?? []).some((pattern) => matchesIamGlob(pattern, objectArn))
    );
}

describe("the trust model on the example fleet's plan", function () {
    let plan: PlanDocument;
    let roles: PlannedRole[];
    let management: string;

    before(async () => {
        plan = await exampleFleetPlan();
        roles = rolesOf(plan);
        management = plan.stacks.find((stack) => stack.kind === "organization")!.account;
    });

    it("trusts no GitHub OIDC subject in two accounts", () => {
        const accountsBySubject = new Map<string, Set<string>>();
        for (const role of roles) {
            for (const subject of trustedSubjects(role)) {
                const accounts = accountsBySubject.get(subject) ?? new Set<string>();
                accounts.add(role.stack.account);
                accountsBySubject.set(subject, accounts);
            }
        }
        assert.ok(accountsBySubject.size > 0);
        const shared = [...accountsBySubject]
            .filter(([, accounts]) => accounts.size > 1)
            .map(([subject, accounts]) => `${subject}: ${[...accounts].join(", ")}`);
        assert.deepEqual(shared, []);
    });

    it("gives accounts without a subsystem no pipeline or deployment role", () => {
        const platformAccounts = ["audit", "log-archive", "shared-services"];
        const found = roles
            .filter((role) => platformAccounts.includes(role.stack.account) && /-(pipeline|deployment)$/.test(role.name))
            .map((role) => role.name);
        assert.deepEqual(found, []);
    });

    it("lets no role outside the management account write another account's state objects", () => {
        const violations: string[] = [];
        for (const role of roles.filter((candidate) => candidate.stack.account !== management)) {
            for (const target of plan.stacks.filter((stack) => stack.account !== role.stack.account)) {
                const objectArn = `arn:aws:s3:::${STATE_BUCKET}/.pulumi/stacks/meridian/${target.name}.json`;
                if (role.statements.some((statement) => grantsWrite(statement, objectArn)))
                    violations.push(`${role.name} (${role.stack.account}) → ${target.name}`);
            }
        }
        assert.deepEqual(violations.slice(0, 5), []);
    });

    it("admits to each bus only principals under its own account's OU, so staging cannot publish to prod", () => {
        const organization = plan.stacks.find((stack) => stack.kind === "organization")!.outputs;
        const ouIds = organization.organizationalUnitIds as Record<string, string>;
        const ouPathOf = { prod: "Workloads/Prod", staging: "Workloads/Staging" } as Record<string, string>;
        for (const stack of plan.stacks.filter((candidate) => candidate.kind === "subsystem")) {
            const ou = ouPathOf[stack.environment!];
            const expected = `${organization.organizationId}/${organization.rootId}/${ouIds.Workloads}/${ouIds[ou]}/*`;
            const policy = stack.resources.find((resource) => resource.type === "aws:cloudwatch/eventBusPolicy:EventBusPolicy");
            assert.ok(policy, `${stack.name} has no bus policy`);
            for (const statement of parsePolicyDocument(policy.inputs.policy).statements) {
                assert.deepEqual(
                    statement.conditions["ForAnyValue:StringLike"]?.["aws:principalorgpaths"],
                    [expected],
                    `${stack.name}: ${JSON.stringify(statement.conditions)}`,
                );
            }
        }
    });

    it("trusts the pull-request subject in the management account only, on the preview entry role, which writes no state but its locks", () => {
        const trusting = roles.filter((role) => trustedSubjects(role).some((subject) => subject.endsWith(":pull_request")));
        assert.deepEqual(
            trusting.map((role) => [role.stack.account, role.name]),
            [[management, "management-preview"]],
        );
        const writable = plan.stacks.filter((target) =>
            trusting[0].statements.some((statement) => grantsWrite(statement, `arn:aws:s3:::${STATE_BUCKET}/.pulumi/stacks/meridian/${target.name}.json`)),
        );
        assert.deepEqual(writable, []);
        const actions = trusting[0].statements.flatMap((statement) => statement.actions ?? []);
        for (const action of actions)
            assert.match(
                action,
                /^(s3:(GetObject|ListBucket|PutObject|DeleteObject)|kms:(Decrypt|Encrypt)|sts:AssumeRole|organizations:(Describe|List)\w+)$/,
                action,
            );
    });

    it("pins each pipeline role to its own account's GitHub environment", () => {
        for (const role of roles.filter((candidate) => candidate.name.endsWith("-pipeline"))) {
            assert.deepEqual(trustedSubjects(role), [`repo:meridian-example/platform:environment:${role.stack.account}`], role.name);
        }
    });

    it("gives every member account a preview role that only the preview entry role may assume", () => {
        for (const stack of plan.stacks.filter((candidate) => candidate.kind === "account")) {
            const preview = roles.find((role) => role.stack === stack && role.name.endsWith("-preview"));
            assert.ok(preview, `${stack.name} has no preview role`);
            const principals = parsePolicyDocument(preview.resource.inputs.assumeRolePolicy).statements.flatMap((statement) => statement.principal?.aws ?? []);
            assert.deepEqual(principals, [`arn:aws:iam::${accountIdOf(plan.stacks[0])}:role/management-preview`]);
        }
    });

    it("lets each pipeline write exactly the state of the stacks it deploys: its account's regional stacks", () => {
        for (const role of roles.filter((candidate) => candidate.name.endsWith("-pipeline"))) {
            const writable = plan.stacks
                .filter((target) =>
                    role.statements.some((statement) => grantsWrite(statement, `arn:aws:s3:::${STATE_BUCKET}/.pulumi/stacks/meridian/${target.name}.json`)),
                )
                .map((target) => target.name);
            const deployed = plan.stacks.filter((stack) => stack.account === role.stack.account && stack.kind === "subsystem").map((stack) => stack.name);
            assert.deepEqual(writable, deployed, role.name);
        }
    });

    it("backs the pipelines' own policies with a bucket policy that holds each pipeline to its account and keeps the organization and .global stacks to the management account", () => {
        const organization = plan.stacks.find((stack) => stack.kind === "organization")!;
        const policy: unknown = organization.resources.find(
            (resource) => resource.type === "aws:s3/bucketPolicy:BucketPolicy" && resource.name === "state-bucket-policy",
        )?.inputs.policy;
        assert.ok(policy);
        for (const role of roles.filter((candidate) => candidate.name.endsWith("-pipeline"))) {
            const context = {
                "aws:principalorgid": organization.outputs.organizationId as string,
                "aws:principalaccount": accountIdOf(role.stack),
                "aws:principalarn": `arn:aws:iam::${accountIdOf(role.stack)}:role/${role.name}`,
                "aws:principaltag/meridian:state-prefix": (role.resource.inputs.tags as Record<string, string>)["meridian:state-prefix"],
                "aws:securetransport": "true",
            };
            const writable: string[] = plan.stacks
                .filter((target) =>
                    allowedBy(policy, {
                        action: "s3:PutObject",
                        resource: `arn:aws:s3:::${STATE_BUCKET}/.pulumi/stacks/meridian/${target.name}.json`,
                        context,
                    }),
                )
                .map((target) => target.name);
            const deployed = plan.stacks.filter((stack) => stack.account === role.stack.account && stack.kind === "subsystem").map((stack) => stack.name);
            assert.deepEqual(writable, deployed, role.name);
        }
    });

    it("plans accounts at known ids", () => {
        for (const stack of plan.stacks) assert.match(accountIdOf(stack), /^\d{12}$/);
    });
});

describe("the pack on the example fleet's plan, when a change reintroduces a hole", function () {
    let plan: PlanDocument;
    before(async () => {
        plan = await exampleFleetPlan();
    });

    /** A copy of the plan with one resource's inputs edited, and the pack's findings of one rule on it. */
    function findingsAfter(rule: string, stackName: string, resourceName: string, edit: (inputs: Record<string, unknown>) => void): string[] {
        const stacks = structuredClone(plan.stacks);
        const target = stacks.find((stack) => stack.name === stackName)?.resources.find((resource) => resource.name === resourceName);
        assert.ok(target, `${stackName} has no ${resourceName}`);
        edit(target.inputs);
        target.outputs = { ...target.outputs, ...target.inputs };
        return evaluatePlannedStacks(stacks)
            .findings.filter((finding) => finding.policy === rule)
            .map((finding) => finding.message);
    }

    function editDocument(field: string, change: (document: { Statement: Array<Record<string, unknown>> }) => void) {
        return (inputs: Record<string, unknown>) => {
            const document = JSON.parse(String(inputs[field])) as { Statement: Array<Record<string, unknown>> };
            change(document);
            inputs[field] = JSON.stringify(document);
        };
    }

    it("finds nothing on the plan as it is", () => {
        assert.equal(plan.policy.mandatory, 0, JSON.stringify(plan.policy.findings.slice(0, 3)));
    });

    it("flags a role write granted without the boundary condition", () => {
        const messages = findingsAfter(
            "role-write-needs-boundary",
            "orders-prod.global",
            "orders-deployment-deployment-policy",
            editDocument("policy", (document) =>
                document.Statement.push({
                    Sid: "Reintroduced",
                    Effect: "Allow",
                    Action: ["iam:UpdateAssumeRolePolicy", "iam:DeleteRole", "iam:UpdateRole"],
                    Resource: "*",
                }),
            ),
        );
        assert.equal(messages.length, 1);
        assert.match(
            messages[0],
            /^policy Statement\[\d+\] allows iam:UpdateAssumeRolePolicy, iam:DeleteRole, iam:UpdateRole without an iam:PermissionsBoundary condition$/,
        );
    });

    it("flags an OIDC subject trusted in two accounts", () => {
        const messages = findingsAfter(
            "fleet-ci-trust-unique",
            "orders-staging.global",
            "orders-deployment-pipeline",
            editDocument("assumeRolePolicy", (document) => {
                const condition = document.Statement[0].Condition as Record<string, Record<string, string>>;
                condition.StringEquals["token.actions.githubusercontent.com:sub"] = "repo:meridian-example/platform:environment:orders-prod";
            }),
        );
        assert.equal(messages.length, 1);
        assert.match(messages[0], /trusts sub "repo:meridian-example\/platform:environment:orders-prod", which role orders-pipeline in account 55555555555\d/);
    });

    it("flags state access beyond the role's own stacks", () => {
        const messages = findingsAfter(
            "fleet-state-access-own-stacks",
            "payments-prod.global",
            "payments-deployment-pipeline-policy",
            editDocument("policy", (document) =>
                document.Statement.push({ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::meridian-pulumi-state/*" }),
            ),
        );
        assert.equal(messages.length, 1);
        assert.match(
            messages[0],
            /^role payments-pipeline \(account payments-prod\) may s3:PutObject the state of organization, audit\.global, .*orders-prod\.us-east-1/,
        );
    });

    it("flags a trust or resource policy admitting a principal outside the organisation", () => {
        const trust = findingsAfter(
            "trust-inside-organization",
            "orders-prod.global",
            "orders-deployment-deployment",
            editDocument("assumeRolePolicy", (document) =>
                document.Statement.push({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" }),
            ),
        );
        assert.equal(trust.length, 1);
        assert.match(trust[0], /^assumeRolePolicy Statement\[\d\] admits arn:aws:iam::999999999999:root \(account 999999999999\), outside the organisation$/);
        const bus = findingsAfter(
            "trust-inside-organization",
            "orders-prod.eu-west-1",
            "orders-bus-policy",
            editDocument("policy", (document) => {
                document.Statement[0].Condition = { StringEquals: { "aws:PrincipalOrgID": "o-elsewhere" } };
            }),
        );
        assert.deepEqual(bus, ['policy Statement[0] admits any principal ("*"), outside the organisation']);
    });
});

describe("pull-request previews on the example fleet's plan", function () {
    let plan: PlanDocument;
    before(async () => {
        plan = await exampleFleetPlan();
    });

    /** A planned role's trust, its inline policies and its boundary document. */
    function plannedRole(arn: string) {
        for (const stack of plan.stacks) {
            const role = stack.resources.find((resource) => resource.type === "aws:iam/role:Role" && resource.outputs.arn === arn);
            if (!role) continue;
            const inline = stack.resources
                .filter((resource) => resource.type === "aws:iam/rolePolicy:RolePolicy" && resource.inputs.role === role.inputs.name)
                .map((resource) => ({ label: resource.name, document: parsePolicyDocument(resource.inputs.policy) }));
            const boundary = stack.resources.find(
                (resource) => resource.type === "aws:iam/policy:Policy" && resource.outputs.arn === role.inputs.permissionsBoundary,
            );
            return {
                trust: role.inputs.assumeRolePolicy,
                inline,
                boundary: boundary && { label: boundary.name, document: parsePolicyDocument(boundary.inputs.policy) },
            };
        }
        return undefined;
    }

    it("reach every stack's account through the preview entry role and that account's preview role, as the planned policies allow", () => {
        const catalog = loadCatalog(REPO_ROOT);
        const organizationId = String(plan.stacks.find((stack) => stack.kind === "organization")!.outputs.organizationId);
        const management = catalog.organization.managementAccount.id;
        for (const spec of listStacks(catalog).filter((candidate) => candidate.accountId)) {
            const { entryRoleArn, providerRoleArn } = previewCredentials(catalog, spec);
            const entry = plannedRole(entryRoleArn);
            assert.ok(entry, `no planned ${entryRoleArn}`);
            const oidc = trustAllows(entry.trust, {
                action: "sts:AssumeRoleWithWebIdentity",
                caller: `arn:aws:iam::${management}:oidc-provider/token.actions.githubusercontent.com`,
                role: entryRoleArn,
                context: {
                    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                    "token.actions.githubusercontent.com:sub": "repo:meridian-example/platform:pull_request",
                },
            });
            assert.ok(oidc.allowed, `${spec.name}: ${oidc.reason}`);
            if (!providerRoleArn) continue;
            const member = plannedRole(providerRoleArn);
            assert.ok(member, `${spec.name}: no planned ${providerRoleArn}`);
            const request = {
                action: "sts:AssumeRole" as const,
                caller: entryRoleArn,
                role: providerRoleArn,
                context: { "aws:PrincipalOrgID": organizationId, "aws:ResourceOrgID": organizationId, "aws:PrincipalArn": entryRoleArn },
            };
            const trusted = trustAllows(member.trust, request);
            const permitted = identityAllows(entry.inline, entry.boundary, request);
            assert.ok(trusted.allowed && permitted.allowed, `${spec.name}: ${trusted.reason}; ${permitted.reason}`);
        }
    });

    it("cannot be entered with a deploying environment's subject", () => {
        const catalog = loadCatalog(REPO_ROOT);
        const management = catalog.organization.managementAccount.id;
        const { entryRoleArn } = previewCredentials(catalog, listStacks(catalog)[0]);
        const decision = trustAllows(plannedRole(entryRoleArn)!.trust, {
            action: "sts:AssumeRoleWithWebIdentity",
            caller: `arn:aws:iam::${management}:oidc-provider/token.actions.githubusercontent.com`,
            role: entryRoleArn,
            context: {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": "repo:meridian-example/platform:environment:management",
            },
        });
        assert.equal(decision.allowed, false);
    });
});
