import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    STATE_PREFIX_TAG,
    deploymentBoundaryPolicyName,
    deploymentRoleName,
    pipelineBoundaryPolicyName,
    pipelineRoleName,
    stateStackPrefix,
} from "../lib/contracts/naming";
import {
    type DeploymentScope,
    deploymentBoundaryDocument,
    deploymentRolePolicyDocument,
    pipelineBoundaryDocument,
    pipelineRolePolicyDocument,
} from "./policy-documents/deployment";
import { MANAGED_POLICY_MAX_CHARS, ROLE_INLINE_POLICIES_MAX_CHARS, policyJson } from "./policy-documents/policy-document";
import type { StateAccess } from "./policy-documents/state";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, githubOidcTrustDocument, githubSubject, roleTrustDocument } from "./policy-documents/trust";

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
    /** Resources (normally the PermissionBoundary) that must exist before roles may require the boundary. */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
    tags?: Record<string, string>;
}

/**
 * CI's way in: the GitHub Actions OIDC provider, the pipeline role (OIDC trust pinned to one
 * repository and the account's own environment; it may only assume the deployment role and use its
 * own stacks' state), and the
 * deployment role (trusted by the pipeline role only) that creates roles only under the owner's
 * prefix and only with the permission boundary. Each carries its own ceiling:
 * `<prefix>-pipeline-boundary` and `<prefix>-deployment-boundary`.
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

        const provider = new aws.iam.OpenIdConnectProvider(
            `${name}-github-oidc`,
            { url: `https://${GITHUB_OIDC_HOST}`, clientIdLists: [GITHUB_OIDC_AUDIENCE], tags },
            parent,
        );

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
                assumeRolePolicy: provider.arn.apply((arn) =>
                    JSON.stringify(githubOidcTrustDocument(arn, githubSubject(args.githubRepository, args.githubEnvironment))),
                ),
                permissionsBoundary: pipelineBoundary.arn,
                maxSessionDuration: 3600,
                // The state bucket's and key's policies confine each pipeline to its account's stacks by this tag.
                tags: { ...tags, [STATE_PREFIX_TAG]: stateStackPrefix(args.state.account) },
            },
            parent,
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
                description: `Deploys ${args.owner} stacks; assumed by the pipeline role only.`,
                assumeRolePolicy: pipeline.arn.apply((arn) => JSON.stringify(roleTrustDocument(arn))),
                permissionsBoundary: boundary.arn,
                maxSessionDuration: 3600,
                tags,
            },
            { ...parent, dependsOn: args.dependsOn ?? [] },
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

        this.oidcProviderArn = provider.arn;
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
