import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    STATE_PREFIX_TAG,
    deploymentBoundaryPolicyName,
    deploymentRoleName,
    pipelineBoundaryPolicyName,
    pipelineRoleName,
    policyArn,
    roleArn,
    stateStackPrefix,
} from "../lib/contracts/naming";
import {
    CHAINED_SESSION_SECONDS,
    type DeploymentScope,
    PIPELINE_SESSION_SECONDS,
    deploymentBoundaryDocument,
    deploymentRolePolicyDocument,
    pipelineBoundaryDocument,
    pipelineRolePolicyDocument,
} from "./policy-documents/deployment";
import { MANAGED_POLICY_MAX_CHARS, ROLE_INLINE_POLICIES_MAX_CHARS, policyJson } from "./policy-documents/policy-document";
import type { StateAccess } from "./policy-documents/state";
import {
    GITHUB_OIDC_AUDIENCE,
    GITHUB_OIDC_HOST,
    deploymentRoleTrustDocument,
    githubOidcProviderArn,
    githubOidcTrustDocument,
    githubSubject,
} from "./policy-documents/trust";

/**
 * How the account gets its GitHub OIDC provider. An account may hold only one provider per URL, so
 * where one exists already it is either adopted (`import`: this stack manages it from then on, and
 * never deletes it) or looked up and used as it is (`reuse`: whoever made it keeps managing it).
 */
export type GithubOidcProviderMode = "create" | "import" | "reuse";

export interface DeploymentRolesArgs {
    owner: string;
    accountId: pulumi.Input<string>;
    partition?: string;
    /** `org/repo` whose GitHub Actions jobs may assume the pipeline role. */
    githubRepository: string;
    /** The account's own GitHub environment (`sub` = `repo:<org/repo>:environment:<env>`), trusted in no other account. */
    githubEnvironment: string;
    /** The pipeline's share of the Pulumi state: its own stacks, and the stacks they reference. */
    state: StateAccess;
    /** The management account's bootstrap role, which the deployment role trusts beside the pipeline role. */
    bootstrapRoleArn: string;
    /** The organisation the bootstrap role must belong to (`aws:PrincipalOrgID`). */
    organizationId: pulumi.Input<string>;
    /** Create the GitHub OIDC provider (default), adopt an existing one, or reuse one managed elsewhere. */
    githubOidcProvider?: GithubOidcProviderMode;
    /** Resources (normally the PermissionBoundary) that must exist before roles may require the boundary. */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
    tags?: Record<string, string>;
}

/**
 * CI's way in: the GitHub Actions OIDC provider, the pipeline role (OIDC trust pinned to one
 * repository and the account's own environment; it may only assume the deployment role and use its
 * own stacks' state), and the deployment role that creates roles only under the owner's prefix and
 * only with the permission boundary. Each carries its own ceiling: `<prefix>-pipeline-boundary` and
 * `<prefix>-deployment-boundary`. The deployment role trusts the pipeline role and the management
 * account's bootstrap role, so a workstation deploys wave 2 as this role too.
 */
export class DeploymentRoles extends pulumi.ComponentResource {
    readonly oidcProviderArn: pulumi.Output<string>;
    readonly pipelineRoleArn: pulumi.Output<string>;
    readonly deploymentRoleArn: pulumi.Output<string>;
    readonly deploymentBoundaryArn: pulumi.Output<string>;

    constructor(name: string, args: DeploymentRolesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:iam:DeploymentRoles", name, {}, opts);
        const parent = { parent: this };
        const tags = args.tags ?? {};
        const scope: pulumi.Output<DeploymentScope> = pulumi.output(args.accountId).apply((accountId) => ({
            owner: args.owner,
            accountId,
            partition: args.partition ?? "aws",
        }));

        const provider = githubOidcProvider(name, args, tags, this);
        const providerArn = provider.arn;
        // Trust and boundary ARNs from names, not from the resources' outputs, so both roles' documents
        // are known at the first preview; dependsOn keeps the order IAM needs (a role trusts and is
        // bounded by what exists).
        const known = scope.apply((s) => ({
            providerArn: githubOidcProviderArn(s.accountId, s.partition),
            boundaryArn: policyArn(s.accountId, deploymentBoundaryPolicyName(args.owner), s.partition),
            pipelineBoundaryArn: policyArn(s.accountId, pipelineBoundaryPolicyName(args.owner), s.partition),
            pipelineArn: roleArn(s.accountId, pipelineRoleName(args.owner), s.partition),
        }));

        const boundaryName = deploymentBoundaryPolicyName(args.owner);
        const boundary = new aws.iam.Policy(
            `${name}-deployment-boundary`,
            {
                name: boundaryName,
                description: `Ceiling on the ${args.owner} deployment role.`,
                policy: scope.apply((s) => policyJson(deploymentBoundaryDocument(s), MANAGED_POLICY_MAX_CHARS, boundaryName)),
                tags,
            },
            { ...parent, dependsOn: args.dependsOn ?? [] },
        );
        const pipelineBoundaryName = pipelineBoundaryPolicyName(args.owner);
        const pipelineBoundary = new aws.iam.Policy(
            `${name}-pipeline-boundary`,
            {
                name: pipelineBoundaryName,
                description: `Ceiling on the ${args.owner} pipeline role.`,
                policy: scope.apply((s) => policyJson(pipelineBoundaryDocument(s, args.state), MANAGED_POLICY_MAX_CHARS, pipelineBoundaryName)),
                tags,
            },
            { ...parent, dependsOn: args.dependsOn ?? [] },
        );

        const pipeline = new aws.iam.Role(
            `${name}-pipeline`,
            {
                name: pipelineRoleName(args.owner),
                description: `Assumed by GitHub Actions (${args.githubRepository}, environment ${args.githubEnvironment}).`,
                assumeRolePolicy: (args.githubOidcProvider === "reuse" ? providerArn : known.providerArn).apply((arn) =>
                    JSON.stringify(githubOidcTrustDocument(arn, githubSubject(args.githubRepository, args.githubEnvironment))),
                ),
                permissionsBoundary: known.pipelineBoundaryArn,
                maxSessionDuration: PIPELINE_SESSION_SECONDS,
                // The state bucket's and key's policies confine each pipeline to its account's stacks by this tag.
                tags: { ...tags, [STATE_PREFIX_TAG]: stateStackPrefix(args.state.account) },
            },
            { ...parent, dependsOn: [pipelineBoundary, ...(provider.resource ? [provider.resource] : [])] },
        );
        new aws.iam.RolePolicy(
            `${name}-pipeline-policy`,
            {
                role: pipeline.name,
                name: "pipeline",
                policy: scope.apply((s) => policyJson(pipelineRolePolicyDocument(s, args.state), ROLE_INLINE_POLICIES_MAX_CHARS, pipelineRoleName(args.owner))),
            },
            parent,
        );

        const deployment = new aws.iam.Role(
            `${name}-deployment`,
            {
                name: deploymentRoleName(args.owner),
                description: `Deploys ${args.owner} stacks; assumed by the pipeline role and the bootstrap role only.`,
                assumeRolePolicy: pulumi
                    .all([known.pipelineArn, args.organizationId])
                    .apply(([arn, organizationId]) => JSON.stringify(deploymentRoleTrustDocument(arn, args.bootstrapRoleArn, organizationId))),
                permissionsBoundary: known.boundaryArn,
                // Always reached by role chaining, which STS caps at one hour whatever this says.
                maxSessionDuration: CHAINED_SESSION_SECONDS,
                tags,
            },
            { ...parent, dependsOn: [...(args.dependsOn ?? []), boundary, pipeline] },
        );
        new aws.iam.RolePolicy(
            `${name}-deployment-policy`,
            {
                role: deployment.name,
                name: "deployment",
                policy: scope.apply((s) => policyJson(deploymentRolePolicyDocument(s), ROLE_INLINE_POLICIES_MAX_CHARS, deploymentRoleName(args.owner))),
            },
            parent,
        );

        this.oidcProviderArn = providerArn;
        this.pipelineRoleArn = pipeline.arn;
        this.deploymentRoleArn = deployment.arn;
        this.deploymentBoundaryArn = boundary.arn;
        this.registerOutputs({
            oidcProviderArn: this.oidcProviderArn,
            pipelineRoleArn: this.pipelineRoleArn,
            deploymentRoleArn: this.deploymentRoleArn,
            deploymentBoundaryArn: this.deploymentBoundaryArn,
        });
    }
}

/** The provider's ARN, and the provider resource when this stack manages it. */
function githubOidcProvider(
    name: string,
    args: DeploymentRolesArgs,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): { arn: pulumi.Output<string>; resource?: aws.iam.OpenIdConnectProvider } {
    const url = `https://${GITHUB_OIDC_HOST}`;
    const mode = args.githubOidcProvider ?? "create";
    if (mode === "reuse") {
        // A lookup rather than a computed ARN: a provider that is not there fails the preview, not the first CI login.
        return { arn: aws.iam.getOpenIdConnectProviderOutput({ url }, { parent }).arn };
    }
    if (mode === "import" && typeof args.accountId !== "string") {
        throw new Error(`${name}: importing the GitHub OIDC provider needs the account's id (an account still to be created has no provider)`);
    }
    const adopted: pulumi.CustomResourceOptions =
        mode === "import"
            ? // It existed before this stack and other roles may trust it: removing the stack must never delete it.
              { import: githubOidcProviderArn(args.accountId as string, args.partition), retainOnDelete: true }
            : {};
    const resource = new aws.iam.OpenIdConnectProvider(`${name}-github-oidc`, { url, clientIdLists: [GITHUB_OIDC_AUDIENCE], tags }, { parent, ...adopted });
    return { arn: resource.arn, resource };
}
