import { awsManagedPolicyName } from "../../iam/aws-managed-policies";
import { matchesIamGlob } from "../../../lib/iam-glob";
import { MeridianResourceRule, requireType } from "../../rule-kit";

/** Where each attaching resource type keeps the policy ARNs it attaches. */
const ATTACHMENT_FIELDS: Record<string, string> = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "policyArn",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": "policyArn",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "policyArn",
    "aws:iam/policyAttachment:PolicyAttachment": "policyArn",
    "aws:iam/role:Role": "managedPolicyArns",
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "policyArns",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": "policyArns",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": "policyArns",
};

export const noAdminPolicies: MeridianResourceRule = {
    name: "no-admin-policies",
    description:
        "No attachment of AdministratorAccess, PowerUserAccess or IAMFullAccess, nor of AWS-managed policies matching the broad-access patterns (by default *FullAccess* and *PowerUser*).",
    remediationSteps: "Replace the AWS-managed policy with a customer policy that names the actions and ARNs the workload needs.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: {
        properties: {
            deniedPolicyNames: { type: "array", items: { type: "string" }, default: ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"] },
            deniedPolicyNamePatterns: {
                type: "array",
                items: { type: "string" },
                default: ["*FullAccess*", "*PowerUser*"],
                description: "IAM-style globs over AWS-managed policy names; empty to allow every other managed policy.",
            },
        },
    },
    validateResource: (args, report) => {
        requireType(args, Object.keys(ATTACHMENT_FIELDS));
        const config = args.getConfig<{ deniedPolicyNames: string[]; deniedPolicyNamePatterns: string[] }>();
        const field = ATTACHMENT_FIELDS[args.type];
        const value = args.props[field];
        const arns = (Array.isArray(value) ? value : [value]).filter((arn): arn is string => typeof arn === "string");
        for (const arn of arns) {
            const name = awsManagedPolicyName(arn);
            if (!name) continue;
            if (config.deniedPolicyNames.includes(name)) report(`${field} attaches ${arn}, an administrative policy`);
            else if (config.deniedPolicyNamePatterns.some((pattern) => matchesIamGlob(pattern, name)))
                report(`${field} attaches ${arn}, a broad AWS-managed policy`);
        }
    },
};
