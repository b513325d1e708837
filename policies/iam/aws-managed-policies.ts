import { PolicyDocument } from "./policy-document";

/**
 * The AWS-managed policies whose grants the analysis must see even though their documents live
 * outside any stack. Only the statements that matter for escalation and wildcard checks are
 * modelled: AdministratorAccess grants everything, IAMFullAccess all of IAM, and PowerUserAccess
 * everything except IAM, Organizations and Account management.
 */
export const ADMIN_POLICY_NAMES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"] as const;

const KNOWN_DOCUMENTS: Record<string, PolicyDocument> = {
    AdministratorAccess: { statements: [{ effect: "Allow", actions: ["*"], resources: ["*"], conditions: {} }] },
    IAMFullAccess: { statements: [{ effect: "Allow", actions: ["iam:*"], resources: ["*"], conditions: {} }] },
    PowerUserAccess: {
        statements: [{ effect: "Allow", notActions: ["iam:*", "organizations:*", "account:*"], resources: ["*"], conditions: {} }],
    },
};

/** `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` → `ViewOnlyAccess`; undefined for customer-managed ARNs. */
export function awsManagedPolicyName(arn: string): string | undefined {
    const match = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
    return match?.[1];
}

export function knownAwsManagedDocument(arn: string): PolicyDocument | undefined {
    const name = awsManagedPolicyName(arn);
    return name ? KNOWN_DOCUMENTS[name] : undefined;
}
