import { strict as assert } from "assert";
import { callRequests, type CallRequest, type CallSetting } from "../../../policies/deploy/call-requests";
import { decide } from "../../../policies/deploy/principal-decision";
import { providerCallsOf } from "../../../policies/deploy/provider-call-table";
import type { ResourceView } from "../../../policies/deploy/resource-fields";
import { parsePolicyDocument } from "../../../policies/iam/policy-document";

const ACCOUNT = "555555555555";
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/orders-boundary`;

function view(type: string, name: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}): ResourceView {
    return { urn: `urn:pulumi:s::meridian::${type}::${name}`, type, name, inputs, outputs: { ...inputs, name: inputs.name ?? name, ...outputs } };
}

function requestsOf(resource: ResourceView, stackResources: ResourceView[] = [resource]): CallRequest[] {
    const setting: CallSetting = {
        location: { partition: "aws", region: "eu-west-1", account: ACCOUNT },
        defaultTags: { "meridian:stack": "orders-prod.eu-west-1" },
        principalContext: new Map([["aws:principalarn", [`arn:aws:iam::${ACCOUNT}:role/orders-deployment`]]]),
        stackResources,
        phases: new Set(["create", "read", "update", "delete"]),
    };
    return callRequests(resource, providerCallsOf(resource.type)!, setting).requests;
}

function find(requests: CallRequest[], phase: string, action: string): CallRequest {
    const request = requests.find((candidate) => candidate.phase === phase && candidate.action === action);
    assert.ok(request, `no ${phase} ${action}`);
    return request;
}

describe("the request context of a provider call", () => {
    const queue = view(
        "aws:sqs/queue:Queue",
        "orders-dlq",
        { name: "orders-dlq", tags: { owner: "orders" } },
        { arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-dlq` },
    );

    it("carries the tags it sends, the provider's default tags included, on the actions that support request tags", () => {
        const create = find(requestsOf(queue), "create", "sqs:CreateQueue");
        assert.deepEqual(create.context.get("aws:requesttag/owner"), ["orders"]);
        assert.deepEqual(create.context.get("aws:requesttag/meridian:stack"), ["orders-prod.eu-west-1"]);
        assert.deepEqual(create.context.get("aws:tagkeys"), ["meridian:stack", "owner"]);
        assert.equal(create.context.get("aws:resourcetag/owner"), undefined, "nothing is tagged before it exists");
    });

    it("carries the resource's tags on calls to the existing resource, and no request tags on calls that send none", () => {
        const read = find(requestsOf(queue), "read", "sqs:GetQueueAttributes");
        assert.deepEqual(read.context.get("aws:resourcetag/owner"), ["orders"]);
        assert.equal(read.context.get("aws:requesttag/owner"), undefined);
        assert.equal(read.resource, `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-dlq`);
    });

    it("gives a role policy's writes the boundary of the role it is put on", () => {
        const role = view("aws:iam/role:Role", "orders-health", { name: "orders-health", permissionsBoundary: BOUNDARY });
        const policy = view("aws:iam/rolePolicy:RolePolicy", "orders-health-policy", { role: "orders-health", name: "p", policy: "{}" });
        const put = find(requestsOf(policy, [role, policy]), "create", "iam:PutRolePolicy");
        assert.deepEqual(put.context.get("iam:permissionsboundary"), [BOUNDARY]);
        assert.equal(put.resource, `arn:aws:iam::${ACCOUNT}:role/orders-health`);
        assert.deepEqual(put.context.get("aws:requestedregion"), ["us-east-1"], "IAM is called in us-east-1 whatever the provider's region");
    });

    it("names the service a role is passed to, on the role's ARN", () => {
        const fn = view("aws:lambda/function:Function", "orders-health-check", {
            name: "orders-health-check",
            role: `arn:aws:iam::${ACCOUNT}:role/orders-health`,
        });
        const pass = find(requestsOf(fn), "create", "iam:PassRole");
        assert.equal(pass.resource, `arn:aws:iam::${ACCOUNT}:role/orders-health`);
        assert.deepEqual(pass.context.get("iam:passedtoservice"), ["lambda.amazonaws.com"]);
    });

    it("carries a service's own condition keys from the resource's inputs, so an SCP on them is judged", () => {
        const scp = {
            arn: `arn:aws:iam::${ACCOUNT}:role/orders-deployment`,
            accountId: ACCOUNT,
            identity: [{ label: "admin", document: parsePolicyDocument({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } }) }],
            scps: [
                {
                    target: "Root",
                    policies: [
                        { label: "FullAWSAccess", document: parsePolicyDocument({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } }) },
                        {
                            label: "SCP services-only",
                            document: parsePolicyDocument({
                                Statement: {
                                    Effect: "Deny",
                                    Action: "lambda:AddPermission",
                                    Resource: "*",
                                    Condition: { StringNotLike: { "lambda:Principal": "*.amazonaws.com" } },
                                },
                            }),
                        },
                    ],
                },
            ],
            rcps: "exempt" as const,
        };
        const permission = (principal: string) =>
            find(
                requestsOf(view("aws:lambda/permission:Permission", "p", { function: "orders-health-check", principal, action: "lambda:InvokeFunction" })),
                "create",
                "lambda:AddPermission",
            );
        assert.equal(decide(scp, permission("apigateway.amazonaws.com")).allowed, true);
        const refused = decide(scp, permission("123456789012"));
        assert.equal(refused.allowed, false);
        assert.equal(refused.allowed ? "" : refused.deniedBy, "SCP services-only");
    });
});
