/**
 * What a customer key's administrators may do, through IAM, on a key whose policy delegates to
 * the account: its lifecycle and, for an incident, containment. Disabling a key stops every use at
 * once and enabling it restores them; revoking a grant cuts off one grantee without touching the
 * key policy; a description marks a contained key for whoever finds it next. No `kms:*`, so a key
 * administrator gains no use of the key beyond what the policy lists.
 * Source: AWS KMS Developer Guide, "Key policies: allows key administrators to administer the KMS key"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-administrators)
 * and "Retiring and revoking grants" (https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html).
 */
export const KEY_ADMINISTRATION_ACTIONS = [
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:PutKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:EnableKeyRotation",
    "kms:DisableKeyRotation",
    "kms:ListResourceTags",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateKeyDescription",
    "kms:DisableKey",
    "kms:EnableKey",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:UpdateAlias",
    "kms:ListGrants",
    "kms:RevokeGrant",
    "kms:RetireGrant",
    "kms:CreateGrant",
] as const;
