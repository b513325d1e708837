import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyJson, PolicyDocument, ROLE_INLINE_POLICIES_MAX_CHARS } from "./policy-documents/policy-document";
import type { ServiceAssumption } from "./policy-documents/service-source-keys";
import { serviceTrustDocument } from "./policy-documents/trust";

/**
 * A role an AWS service assumes on the subsystem's behalf (a function's execution role, an
 * EventBridge target or endpoint role), always with the permission boundary and one inline policy
 * held to IAM's size limit. Every such role in the platform is made here, so none can miss the
 * boundary.
 */
export interface BoundedServiceRoleArgs {
    /** Logical names of the role and its inline policy in the calling component. */
    roleResourceName: string;
    policyResourceName: string;
    roleName: string;
    description: string;
    /** Which service assumes the role, and for what: a row of SERVICE_ASSUMPTIONS. */
    assumedBy: ServiceAssumption;
    /** The role's account: the trust admits only calls made for it (`aws:SourceAccount`). */
    accountId: pulumi.Input<string>;
    boundaryArn: pulumi.Input<string>;
    tags: Record<string, string>;
    policyName: string;
    /** The inline policy, built from known values (ARNs from names) so it is known at the first preview. */
    policy: () => pulumi.Output<PolicyDocument>;
}

export interface BoundedServiceRole {
    role: aws.iam.Role;
    rolePolicy: aws.iam.RolePolicy;
}

export function boundedServiceRole(args: BoundedServiceRoleArgs, opts: pulumi.CustomResourceOptions): BoundedServiceRole {
    const trust = pulumi.output(args.accountId).apply((accountId) => JSON.stringify(serviceTrustDocument(args.assumedBy, accountId)));
    const role = new aws.iam.Role(
        args.roleResourceName,
        {
            name: args.roleName,
            description: args.description,
            assumeRolePolicy: trust,
            permissionsBoundary: args.boundaryArn,
            tags: args.tags,
        },
        opts,
    );
    const rolePolicy = new aws.iam.RolePolicy(
        args.policyResourceName,
        {
            role: role.name,
            name: args.policyName,
            policy: args.policy().apply((document) => policyJson(document, ROLE_INLINE_POLICIES_MAX_CHARS, args.roleName)),
        },
        opts,
    );
    return { role, rolePolicy };
}
