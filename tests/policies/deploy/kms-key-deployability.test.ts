import { strict as assert } from "assert";
import { busKeyPolicyDocument } from "../../../components/policy-documents/bus";
import { deploymentBoundaryDocument, deploymentRolePolicyDocument, OWNER_TAG } from "../../../components/policy-documents/deployment";
import { callRequests, type CallSetting } from "../../../policies/deploy/call-requests";
import { decide, type PrincipalPolicies } from "../../../policies/deploy/principal-decision";
import { providerCallsOf } from "../../../policies/deploy/provider-call-table";
import type { ResourceView } from "../../../policies/deploy/resource-fields";
import { parsePolicyDocument } from "../../../policies/iam/policy-document";

const ACCOUNT = "555555555555";
const REGION = "eu-west-1";
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/orders-deployment`;
const KEY_ID = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;
const SCOPE = { owner: "orders", accountId: ACCOUNT, partition: "aws", stateBucketName: "state", stateKeyArn: `arn:aws:kms:us-east-1:444444444444:key/state` };

/** The bus key as the GlobalBus component plans it: owner-tagged, rotating, with its key policy. */
function busKey(): ResourceView {
    const inputs = {
        enableKeyRotation: true,
        policy: JSON.stringify(busKeyPolicyDocument({ accountId: ACCOUNT, partition: "aws" })),
        tags: { [OWNER_TAG]: "orders", "meridian:subsystem": "orders" },
    };
    return {
        urn: "urn:pulumi:orders-prod.eu-west-1::meridian::aws:kms/key:Key::orders-bus-key",
        type: "aws:kms/key:Key",
        name: "orders-bus-key",
        inputs,
        outputs: { ...inputs, keyId: KEY_ID, arn: KEY_ARN },
    };
}

function setting(key: ResourceView): CallSetting {
    return {
        location: { partition: "aws", region: REGION, account: ACCOUNT },
        defaultTags: { "meridian:stack": "orders-prod.eu-west-1", "meridian:managed-by": "pulumi" },
        principalContext: new Map([
            ["aws:principalarn", [DEPLOYER]],
            ["aws:principalaccount", [ACCOUNT]],
        ]),
        stackResources: [key],
        phases: new Set(["create", "read", "update", "delete"]),
    };
}

function deployer(identity: unknown, boundary?: unknown): PrincipalPolicies {
    return {
        arn: DEPLOYER,
        accountId: ACCOUNT,
        identity: [{ label: "inline policy deployment of orders-deployment", document: parsePolicyDocument(identity) }],
        boundary: boundary ? { label: "boundary orders-deployment-boundary", document: parsePolicyDocument(boundary) } : undefined,
        scps: "exempt",
        rcps: "exempt",
    };
}

/** Every call of the key's lifecycle the principal would be refused, as `phase action resource`. */
function refused(principal: PrincipalPolicies): string[] {
    const key = busKey();
    const keyPolicy = { label: "key policy of orders-bus-key", document: parsePolicyDocument(key.inputs.policy) };
    const { requests, unresolved } = callRequests(key, providerCallsOf(key.type)!, setting(key));
    assert.deepEqual(unresolved, []);
    return requests
        .filter((request) => !decide(principal, request, request.resourceType === "key" && !request.call.creates ? keyPolicy : undefined).allowed)
        .map((request) => `${request.phase} ${request.action} ${request.resource}`);
}

/** The grants of the deployment role before the fix: TagResource only on keys that already carry the owner tag. */
const TODAYS_KMS_GRANTS = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "OwnKeys",
            Effect: "Allow",
            Action: [
                "kms:DescribeKey",
                "kms:GetKeyPolicy",
                "kms:PutKeyPolicy",
                "kms:GetKeyRotationStatus",
                "kms:EnableKeyRotation",
                "kms:ScheduleKeyDeletion",
                "kms:TagResource",
                "kms:UntagResource",
                "kms:ListResourceTags",
            ],
            Resource: [`arn:aws:kms:*:${ACCOUNT}:key/*`],
            Condition: { StringEquals: { [`aws:ResourceTag/${OWNER_TAG}`]: "orders" } },
        },
        {
            Sid: "CreateOwnedKeys",
            Effect: "Allow",
            Action: ["kms:CreateKey"],
            Resource: ["*"],
            Condition: { StringEquals: { [`aws:RequestTag/${OWNER_TAG}`]: "orders" } },
        },
    ],
};

describe("deployability of a KMS key created with tags", () => {
    it("denies today's grant: kms:TagResource is allowed only on keys already tagged, so the tag-on-create authorisation fails", () => {
        assert.deepEqual(refused(deployer(TODAYS_KMS_GRANTS)), [`create kms:TagResource arn:aws:kms:${REGION}:${ACCOUNT}:key/*`]);
    });

    it("allows kms:CreateKey only with the owner request tag", () => {
        const untagged = {
            ...TODAYS_KMS_GRANTS,
            Statement: [{ ...TODAYS_KMS_GRANTS.Statement[1], Condition: { StringEquals: { [`aws:RequestTag/${OWNER_TAG}`]: "payments" } } }],
        };
        assert.ok(refused(deployer(untagged)).includes("create kms:CreateKey *"));
    });

    it("the deployment role and its boundary (components/policy-documents/deployment.ts) allow every call of the key's lifecycle", () => {
        assert.deepEqual(refused(deployer(deploymentRolePolicyDocument(SCOPE), deploymentBoundaryDocument(SCOPE))), []);
    });

    it("a key policy that does not delegate to the account refuses calls on the existing key, even to an administrator", () => {
        const key = busKey();
        const administrator = deployer({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } });
        const closed = {
            label: "key policy of orders-bus-key",
            document: parsePolicyDocument({
                Statement: { Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:*", Resource: "*" },
            }),
        };
        const { requests } = callRequests(key, providerCallsOf(key.type)!, setting(key));
        const describe = requests.find((request) => request.action === "kms:DescribeKey")!;
        const decision = decide(administrator, describe, closed);
        assert.equal(decision.allowed, false);
        assert.match(decision.allowed ? "" : decision.reason, /key policy of orders-bus-key neither allows it/);
        const create = requests.find((request) => request.action === "kms:CreateKey")!;
        assert.equal(decide(administrator, create).allowed, true, "CreateKey is authorised before any key policy exists");
    });
});
