import { ACCOUNT, attachment, resource, role, RuleScenario } from "../scenario-kit";

function exclusiveAttachments(kind: "role" | "user" | "group"): RuleScenario {
    const type = `aws:iam/${kind}PolicyAttachmentsExclusive:${kind[0].toUpperCase()}${kind.slice(1)}PolicyAttachmentsExclusive`;
    return {
        name: `fails an administrative policy in ${kind} exclusive attachments`,
        resources: [resource(type, "x", { [`${kind}Name`]: "n", policyArns: ["arn:aws:iam::aws:policy/IAMFullAccess"] })],
        expect: "violation",
        messages: ["policyArns attaches arn:aws:iam::aws:policy/IAMFullAccess, an administrative policy"],
    };
}

export const scenarios: RuleScenario[] = [
    {
        name: "passes a narrow AWS-managed policy",
        resources: [attachment("a", "r", "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess")],
        expect: "pass",
    },
    {
        name: "passes a customer-managed policy",
        resources: [attachment("a", "r", `arn:aws:iam::${ACCOUNT}:policy/orders-api`)],
        expect: "pass",
    },
    {
        name: "fails an administrative policy",
        resources: [attachment("a", "r", "arn:aws:iam::aws:policy/AdministratorAccess")],
        expect: "violation",
        messages: ["policyArn attaches arn:aws:iam::aws:policy/AdministratorAccess, an administrative policy"],
    },
    {
        name: "fails a broad AWS-managed policy in a role's managedPolicyArns",
        resources: [role("r", { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] })],
        expect: "violation",
        messages: ["managedPolicyArns attaches arn:aws:iam::aws:policy/AmazonS3FullAccess, a broad AWS-managed policy"],
    },
    exclusiveAttachments("role"),
    exclusiveAttachments("user"),
    exclusiveAttachments("group"),
    {
        name: "allows broad managed policies when the patterns are emptied",
        resources: [attachment("a", "r", "arn:aws:iam::aws:policy/AmazonS3FullAccess")],
        config: { "no-admin-policies": { deniedPolicyNamePatterns: [] } },
        expect: "pass",
    },
    {
        name: "never takes a customer-managed policy for an AWS-managed one, even under a pattern matching every name",
        resources: [attachment("a", "r", `arn:aws:iam::${ACCOUNT}:policy/orders-full-access`)],
        config: { "no-admin-policies": { deniedPolicyNamePatterns: ["*"] } },
        expect: "pass",
    },
    {
        name: "is not applicable to other types",
        resources: [resource("aws:s3/bucket:Bucket", "docs", { bucket: "docs" })],
        expect: "not-applicable",
    },
];
