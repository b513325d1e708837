import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const KEY = tfProvider("internal/service/kms/key.go");
const KEY_SCHEMA = cfnSchema("aws-kms-key.json");
const ALIAS = tfProvider("internal/service/kms/alias.go");
const KEY_POLICY = tfProvider("internal/service/kms/key_policy.go");
/** "To add tags while creating a KMS key, the principal must have permission in an IAM policy that isn't restricted to particular KMS keys." */
const TAG_ON_CREATE = "https://docs.aws.amazon.com/kms/latest/developerguide/tag-permissions.html";
/** The key policy must let the creator make a later PutKeyPolicy request, unless the lockout check is bypassed. */
const LOCKOUT_CHECK = "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html";

export const KMS_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:kms/key:Key",
        arnVariables: { KeyId: "generated.keyId" },
        // The key's properties, as CreateKey sends them (the provider's defaults where the program sets none).
        requestKeys: {
            "kms:KeySpec": "inputs.customerMasterKeySpec|default:SYMMETRIC_DEFAULT",
            "kms:KeyUsage": "inputs.keyUsage|default:ENCRYPT_DECRYPT",
            "kms:MultiRegion": "inputs.multiRegion|default:false",
        },
        tags: "inputs.tags",
        sources: [KEY, KEY_SCHEMA],
        calls: [
            { action: "kms:CreateKey", phases: ["create"], creates: true, sendsTags: true, source: KEY },
            { action: "kms:TagResource", phases: ["create"], creates: true, sendsTags: true, source: TAG_ON_CREATE },
            { action: "kms:PutKeyPolicy", phases: ["create"], when: { input: "policy" }, source: LOCKOUT_CHECK },
            { action: "kms:EnableKeyRotation", phases: ["create", "update"], when: { input: "enableKeyRotation", equals: true }, source: KEY },
            { action: "kms:DisableKeyRotation", phases: ["update"], when: { input: "enableKeyRotation", equals: false }, source: KEY },
            { action: "kms:DisableKey", phases: ["create", "update"], when: { input: "isEnabled", equals: false }, source: KEY },
            { action: "kms:EnableKey", phases: ["update"], when: { input: "isEnabled", equals: true }, source: KEY },
            { action: "kms:UpdateKeyDescription", phases: ["update"], when: { input: "description" }, source: KEY },
            { action: "kms:PutKeyPolicy", phases: ["update"], when: { input: "policy" }, source: KEY },
            { action: "kms:TagResource", phases: ["update"], sendsTags: true, source: KEY_SCHEMA },
            { action: "kms:UntagResource", phases: ["update"], source: KEY_SCHEMA },
            { action: "kms:DescribeKey", phases: ["read"], source: KEY },
            { action: "kms:GetKeyPolicy", phases: ["read"], source: KEY },
            { action: "kms:GetKeyRotationStatus", phases: ["read"], source: KEY },
            { action: "kms:ListResourceTags", phases: ["read"], source: KEY },
            { action: "kms:ScheduleKeyDeletion", phases: ["delete"], source: KEY },
        ],
    },
    {
        // A key's policy managed apart from the key; deleting it puts back the default key policy.
        type: "aws:kms/keyPolicy:KeyPolicy",
        arnVariables: { KeyId: "inputs.keyId|last" },
        sources: [KEY_POLICY],
        calls: [
            { action: "kms:PutKeyPolicy", phases: ["create", "update", "delete"], source: KEY_POLICY },
            { action: "kms:GetKeyPolicy", phases: ["read"], source: KEY_POLICY },
            { action: "kms:DescribeKey", phases: ["read"], source: KEY_POLICY },
        ],
    },
    {
        type: "aws:kms/alias:Alias",
        // CreateAlias, UpdateAlias and DeleteAlias are authorised on both the alias and its key.
        arnVariables: { Alias: "inputs.name|last", KeyId: "inputs.targetKeyId|last" },
        sources: [ALIAS, cfnSchema("aws-kms-alias.json")],
        calls: [
            { action: "kms:CreateAlias", phases: ["create"], source: ALIAS },
            { action: "kms:UpdateAlias", phases: ["update"], source: ALIAS },
            { action: "kms:ListAliases", phases: ["read"], source: ALIAS },
            { action: "kms:DeleteAlias", phases: ["delete"], source: ALIAS },
        ],
    },
];
