import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { boundaryPolicyName } from "../lib/contracts/naming";
import { permissionBoundaryDocument } from "./policy-documents/permission-boundary";
import { MANAGED_POLICY_MAX_CHARS, policyJson } from "./policy-documents/policy-document";

export interface PermissionBoundaryArgs {
    /** The subsystem (or account) that owns the `<prefix>-*` names the boundary allows. */
    owner: string;
    /** The account the boundary lives in; resource ARNs are scoped to it. */
    accountId: pulumi.Input<string>;
    partition?: string;
    tags?: Record<string, string>;
}

/**
 * The managed policy `<prefix>-boundary`: the most any workload role of the owner may do. The
 * deployment role can only create roles that carry it and can never change or remove it.
 */
export class PermissionBoundary extends pulumi.ComponentResource {
    readonly policyArn: pulumi.Output<string>;
    readonly policyName: string;

    constructor(name: string, args: PermissionBoundaryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meridian:iam:PermissionBoundary", name, {}, opts);
        this.policyName = boundaryPolicyName(args.owner);
        const policy = new aws.iam.Policy(
            `${name}-policy`,
            {
                name: this.policyName,
                description: `Permission boundary of ${args.owner}: its serverless run-time needs, on its own resources only.`,
                policy: pulumi
                    .output(args.accountId)
                    .apply((accountId) =>
                        policyJson(
                            permissionBoundaryDocument({ owner: args.owner, accountId, partition: args.partition ?? "aws" }),
                            MANAGED_POLICY_MAX_CHARS,
                            this.policyName,
                        ),
                    ),
                tags: args.tags ?? {},
            },
            { parent: this },
        );
        this.policyArn = policy.arn;
        this.registerOutputs({ policyArn: this.policyArn });
    }
}
