import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyArn, previewBoundaryPolicyName, previewRoleName } from "../lib/contracts/naming";
import {
    MANAGED_POLICY_MAX_CHARS,
    type PolicyDocument,
    ROLE_INLINE_POLICIES_MAX_CHARS,
    type ResourcePolicyDocument,
    policyJson,
} from "./policy-documents/policy-document";
import { previewEntryPolicyDocument, previewRolePolicyDocument } from "./policy-documents/preview";
import type { StateStore } from "./policy-documents/state";
import { githubOidcProviderArn, githubOidcTrustDocument, githubPullRequestSubject, organizationRoleTrustDocument } from "./policy-documents/trust";

interface ReadOnlyRoleArgs {
    owner: string;
    accountId: pulumi.Input<string>;
    partition: string;
    description: string;
    trust: pulumi.Output<ResourcePolicyDocument>;
    document: pulumi.Output<PolicyDocument>;
    tags: Record<string, string>;
}

/**
 * `<owner>-preview` with its grants as both inline policy and permissions boundary
 * (`<owner>-preview-boundary`): the ceiling is exactly the reads, so a grant added later changes nothing.
 */
function readOnlyRole(name: string, args: ReadOnlyRoleArgs, parent: pulumi.Resource): aws.iam.Role {
    const roleName = previewRoleName(args.owner);
    const boundaryName = previewBoundaryPolicyName(args.owner);
    const boundary = new aws.iam.Policy(
        `${name}-boundary`,
        {
            name: boundaryName,
            description: `Ceiling on ${roleName}: reads only.`,
            policy: args.document.apply((document) => policyJson(document, MANAGED_POLICY_MAX_CHARS, boundaryName)),
            tags: args.tags,
        },
        { parent },
    );
    const role = new aws.iam.Role(
        name,
        {
            name: roleName,
            description: args.description,
            assumeRolePolicy: args.trust.apply((trust) => JSON.stringify(trust)),
            // The boundary's ARN from its name, so the role is checkable at the first preview; dependsOn keeps IAM's order.
            permissionsBoundary: pulumi.output(args.accountId).apply((accountId) => policyArn(accountId, boundaryName, args.partition)),
            maxSessionDuration: 3600,
            tags: args.tags,
        },
        { parent, dependsOn: [boundary] },
    );
    new aws.iam.RolePolicy(
        `${name}-policy`,
        { role: role.name, name: "preview", policy: args.document.apply((document) => policyJson(document, ROLE_INLINE_POLICIES_MAX_CHARS, roleName)) },
        { parent },
    );
    return role;
}

export interface PreviewRoleArgs {
    owner: string;
    accountId: pulumi.Input<string>;
    partition?: string;
    /** The management account's preview entry role, the only principal that may assume this one. */
    entryRoleArn: pulumi.Input<string>;
    organizationId: pulumi.Input<string>;
    tags?: Record<string, string>;
}

/**
 * A member account's read-only preview role: what pull-request previews describe the account
 * with. It reads what the account's deployment role manages, under the same scoping, and changes nothing.
 */
export class PreviewRole extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: PreviewRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:iam:PreviewRole", name, {}, opts);
        const partition = args.partition ?? "aws";
        const role = readOnlyRole(
            `${name}-role`,
            {
                owner: args.owner,
                accountId: args.accountId,
                partition,
                description: `Pull-request previews of ${args.owner} stacks: reads only; assumed by the preview entry role.`,
                trust: pulumi
                    .all([args.entryRoleArn, args.organizationId])
                    .apply(([entry, organizationId]) => organizationRoleTrustDocument(entry, organizationId)),
                document: pulumi.output(args.accountId).apply((accountId) => previewRolePolicyDocument({ owner: args.owner, accountId, partition })),
                tags: args.tags ?? {},
            },
            this,
        );
        this.roleArn = role.arn;
        this.registerOutputs({ roleArn: this.roleArn });
    }
}

export interface PreviewEntryRoleArgs {
    /** The management account's owner name (its account name); the role is `<owner>-preview`. */
    owner: string;
    managementAccountId: string;
    partition?: string;
    /** `org/repo` whose pull-request jobs may assume the role. */
    githubRepository: string;
    organizationId: pulumi.Input<string>;
    state: StateStore;
    tags?: Record<string, string>;
}

/**
 * The one role pull-request jobs assume (GitHub OIDC, `sub` = `repo:<org/repo>:pull_request`, a
 * value no other role trusts). It uses the GitHub OIDC provider the management pipeline's bootstrap
 * made. It reads state, never writes it, and reaches member accounts only through their preview roles.
 */
export class PreviewEntryRole extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: PreviewEntryRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:iam:PreviewEntryRole", name, {}, opts);
        const partition = args.partition ?? "aws";
        const providerArn = githubOidcProviderArn(args.managementAccountId, partition);
        const role = readOnlyRole(
            `${name}-role`,
            {
                owner: args.owner,
                accountId: args.managementAccountId,
                partition,
                description: `Pull-request previews (${args.githubRepository}): reads state, assumes member preview roles; changes nothing.`,
                trust: pulumi.output(githubOidcTrustDocument(providerArn, githubPullRequestSubject(args.githubRepository))),
                document: pulumi
                    .output(args.organizationId)
                    .apply((organizationId) => previewEntryPolicyDocument({ partition, organizationId, state: args.state })),
                tags: args.tags ?? {},
            },
            this,
        );
        this.roleArn = role.arn;
        this.registerOutputs({ roleArn: this.roleArn });
    }
}
