import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { deploymentBoundaryPolicyName, deploymentRoleName, pipelineRoleName } from "../lib/contracts/naming";
import {
    CHAINED_SESSION_SECONDS,
    type DeploymentScope,
    PIPELINE_SESSION_SECONDS,
    deploymentBoundaryDocument,
    deploymentRolePolicyDocument,
    pipelineRolePolicyDocument,
} from "./policy-documents/deployment";
import { MANAGED_POLICY_MAX_CHARS, ROLE_INLINE_POLICIES_MAX_CHARS, policyJson } from "./policy-documents/policy-document";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, deploymentRoleTrustDocument, githubOidcProviderArn, githubOidcTrustDocument } from "./policy-documents/trust";

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
    /** The GitHub environment those jobs must run in (`sub` = `repo:<org/repo>:environment:<env>`). */
    githubEnvironment: string;
    /** Bucket holding Pulumi state and artefacts, and the key that encrypts it. */
    stateBucketName: string;
    stateKeyArn: pulumi.Input<string>;
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
 * repository and environment; it may only assume the deployment role and use the state), and the
 * deployment role that creates roles only under the owner's prefix and only with the permission
 * boundary. Both carry `<prefix>-deployment-boundary`. The deployment role trusts the pipeline role
 * and the management account's bootstrap role, so a workstation deploys wave 2 as this role too.
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
        const scope: pulumi.Output<DeploymentScope> = pulumi.all([args.accountId, args.stateKeyArn]).apply(([accountId, stateKeyArn]) => ({
            owner: args.owner,
            accountId,
            partition: args.partition ?? "aws",
            stateBucketName: args.stateBucketName,
            stateKeyArn,
        }));

        const providerArn = githubOidcProvider(name, args, tags, this);

        const boundaryName = deploymentBoundaryPolicyName(args.owner);
        const boundary = new aws.iam.Policy(
            `${name}-deployment-boundary`,
            {
                name: boundaryName,
                description: `Ceiling on the ${args.owner} pipeline and deployment roles.`,
                policy: scope.apply((s) => policyJson(deploymentBoundaryDocument(s), MANAGED_POLICY_MAX_CHARS, boundaryName)),
                tags,
            },
            { ...parent, dependsOn: args.dependsOn ?? [] },
        );

        const pipeline = new aws.iam.Role(
            `${name}-pipeline`,
            {
                name: pipelineRoleName(args.owner),
                description: `Assumed by GitHub Actions (${args.githubRepository}, environment ${args.githubEnvironment}).`,
                assumeRolePolicy: providerArn.apply((arn) => JSON.stringify(githubOidcTrustDocument(arn, args.githubRepository, args.githubEnvironment))),
                permissionsBoundary: boundary.arn,
                maxSessionDuration: PIPELINE_SESSION_SECONDS,
                tags,
            },
            parent,
        );
        new aws.iam.RolePolicy(
            `${name}-pipeline-policy`,
            {
                role: pipeline.name,
                name: "pipeline",
                policy: scope.apply((s) => policyJson(pipelineRolePolicyDocument(s), ROLE_INLINE_POLICIES_MAX_CHARS, pipelineRoleName(args.owner))),
            },
            parent,
        );

        const deployment = new aws.iam.Role(
            `${name}-deployment`,
            {
                name: deploymentRoleName(args.owner),
                description: `Deploys ${args.owner} stacks; assumed by the pipeline role and the bootstrap role only.`,
                assumeRolePolicy: pulumi
                    .all([pipeline.arn, args.organizationId])
                    .apply(([arn, organizationId]) => JSON.stringify(deploymentRoleTrustDocument(arn, args.bootstrapRoleArn, organizationId))),
                permissionsBoundary: boundary.arn,
                // Always reached by role chaining, which STS caps at one hour whatever this says.
                maxSessionDuration: CHAINED_SESSION_SECONDS,
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

function githubOidcProvider(name: string, args: DeploymentRolesArgs, tags: Record<string, string>, parent: pulumi.Resource): pulumi.Output<string> {
    const url = `https://${GITHUB_OIDC_HOST}`;
    const mode = args.githubOidcProvider ?? "create";
    if (mode === "reuse") {
        // A lookup rather than a computed ARN: a provider that is not there fails the preview, not the first CI login.
        return aws.iam.getOpenIdConnectProviderOutput({ url }, { parent }).arn;
    }
    if (mode === "import" && typeof args.accountId !== "string") {
        throw new Error(`${name}: importing the GitHub OIDC provider needs the account's id (an account still to be created has no provider)`);
    }
    const adopted: pulumi.CustomResourceOptions =
        mode === "import"
            ? // It existed before this stack and other roles may trust it: removing the stack must never delete it.
              { import: githubOidcProviderArn(args.accountId as string, args.partition), retainOnDelete: true }
            : {};
    return new aws.iam.OpenIdConnectProvider(`${name}-github-oidc`, { url, clientIdLists: [GITHUB_OIDC_AUDIENCE], tags }, { parent, ...adopted }).arn;
}
