import { UNKNOWN_SENTINEL } from "../../unknown-values-proxy";
import { document, resource, RuleScenario } from "../scenario-kit";

const API_ID = "a1b2c3";

function api(name = "orders-health") {
    return resource("aws:apigateway/restApi:RestApi", name, { name }, { outputs: { name, arn: `arn:aws:apigateway:eu-west-1::/restapis/${API_ID}` } });
}

function apiPolicy(...statements: unknown[]) {
    return resource("aws:apigateway/restApiPolicy:RestApiPolicy", "policy", { restApiId: API_ID, policy: document(...statements) });
}

/** A second health API in the same stack, known by its `id` output only. */
function otherApi(props: Record<string, unknown> = {}) {
    const name = "payments-health";
    return resource("aws:apigateway/restApi:RestApi", name, { name, ...props }, { outputs: { name, id: "z9y8x7", ...props } });
}

/** A preview: the API's id is not known yet, so a policy or stage names it by the dependency the engine recorded. */
function previewApi() {
    return resource("aws:apigateway/restApi:RestApi", "orders-health", { name: "orders-health", id: UNKNOWN_SENTINEL, arn: UNKNOWN_SENTINEL });
}
const PREVIEW_API_URN = previewApi().urn;

const CHECKERS = ["15.177.0.0/18", "54.228.16.0/26"];
const checkersOnly = {
    Effect: "Allow",
    Principal: "*",
    Action: "execute-api:Invoke",
    Resource: "execute-api:/live/GET/check",
    Condition: { IpAddress: { "aws:SourceIp": CHECKERS } },
};
const everyoneElseDenied = { ...checkersOnly, Effect: "Deny", Condition: { NotIpAddress: { "aws:SourceIp": CHECKERS } } };
const denyDelete = { Effect: "Deny", Principal: "*", Action: "execute-api:ManageConnections", Resource: "execute-api:/*" };
const anyone = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" };

export const scenarios: RuleScenario[] = [
    {
        name: "passes a health API whose resource policy admits Route 53's checker ranges only",
        resources: [api(), apiPolicy(checkersOnly, everyoneElseDenied)],
        expect: "pass",
    },
    {
        name: "passes a health API behind a WAF web ACL on its stage",
        resources: [
            api(),
            resource("aws:apigateway/stage:Stage", "stage", { restApi: API_ID, stageName: "live" }),
            resource("aws:wafv2/webAclAssociation:WebAclAssociation", "waf", {
                resourceArn: `arn:aws:apigateway:eu-west-1::/restapis/${API_ID}/stages/live`,
                webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders-health/1",
            }),
        ],
        expect: "pass",
    },
    {
        name: "fails a health API with neither a resource policy nor a WAF web ACL",
        resources: [api()],
        expect: "violation",
        messages: [
            "health API orders-health answers anyone: no resource policy confines it to source addresses and no WAF web ACL is on its stage, so a flood from anywhere can exhaust its throttle and fail the region's health check",
        ],
    },
    {
        name: "fails a health API whose resource policy lets anyone in",
        resources: [api(), apiPolicy(anyone, checkersOnly)],
        expect: "violation",
        messages: [/^health API orders-health answers anyone/],
    },
    {
        name: "judges each health API by the policies that name it: a policy for one API does not restrict another",
        resources: [api(), apiPolicy(checkersOnly, everyoneElseDenied), otherApi()],
        expect: "violation",
        messages: [/^health API payments-health answers anyone/],
    },
    {
        name: "passes a health API known by its id whose policy names that id",
        resources: [
            api(),
            apiPolicy(checkersOnly),
            otherApi(),
            resource("aws:apigateway/restApiPolicy:RestApiPolicy", "payments-policy", { restApiId: "z9y8x7", policy: document(checkersOnly) }),
        ],
        expect: "pass",
    },
    {
        name: "reads an inline policy given as an object with a single statement",
        resources: [otherApi({ policy: { Version: "2012-10-17", Statement: checkersOnly } })],
        expect: "pass",
    },
    {
        name: "passes when a deny shuts out every source but the checkers, whatever the allows say",
        resources: [api(), apiPolicy(anyone, everyoneElseDenied)],
        expect: "pass",
    },
    {
        name: "passes a deny-only policy confined to the checkers",
        resources: [api(), apiPolicy(everyoneElseDenied)],
        expect: "pass",
    },
    {
        name: "passes when every allow is confined, even beside a deny that confines nothing",
        resources: [api(), apiPolicy(checkersOnly, denyDelete)],
        expect: "pass",
    },
    {
        name: "fails a policy that allows nothing and confines nothing",
        resources: [api(), apiPolicy(denyDelete)],
        expect: "violation",
    },
    {
        name: "fails a policy with no statements",
        resources: [api(), apiPolicy()],
        expect: "violation",
    },
    {
        name: "passes an allow confined to a VPC alongside other condition keys in the same block",
        resources: [api(), apiPolicy({ ...anyone, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123", "aws:SourceVpc": "vpc-0a1b2c3d" } } })],
        expect: "pass",
    },
    {
        name: "fails when the only WAF web ACL is on another API's stage",
        resources: [
            api(),
            otherApi(),
            resource("aws:apigateway/stage:Stage", "payments-stage", { restApi: "z9y8x7", stageName: "live" }),
            resource("aws:wafv2/webAclAssociation:WebAclAssociation", "waf", {
                resourceArn: "arn:aws:apigateway:eu-west-1::/restapis/z9y8x7/stages/live",
                webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/payments-health/1",
            }),
        ],
        expect: "violation",
        messages: [/^health API orders-health answers anyone/],
    },
    {
        name: "in a preview, passes a policy that names the API by dependency while its id is unknown",
        resources: [
            previewApi(),
            resource(
                "aws:apigateway/restApiPolicy:RestApiPolicy",
                "policy",
                { restApiId: UNKNOWN_SENTINEL, policy: document(checkersOnly) },
                { propertyDependencies: { restApiId: [PREVIEW_API_URN] } },
            ),
        ],
        expect: "pass",
    },
    {
        name: "in a preview, passes a WAF web ACL on a stage that names the API by dependency",
        resources: [
            previewApi(),
            resource(
                "aws:apigateway/stage:Stage",
                "stage",
                { restApi: UNKNOWN_SENTINEL, stageName: "live" },
                { propertyDependencies: { restApi: [PREVIEW_API_URN] }, outputs: { arn: UNKNOWN_SENTINEL } },
            ),
            resource(
                "aws:wafv2/webAclAssociation:WebAclAssociation",
                "waf",
                { resourceArn: UNKNOWN_SENTINEL, webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders-health/1" },
                { propertyDependencies: { resourceArn: ["urn:pulumi:test::meridian::aws:apigateway/stage:Stage::stage"] } },
            ),
        ],
        expect: "pass",
    },
    {
        name: "in a preview, fails a policy whose dependency is on another resource",
        resources: [
            previewApi(),
            resource(
                "aws:apigateway/restApiPolicy:RestApiPolicy",
                "policy",
                { restApiId: UNKNOWN_SENTINEL, policy: document(checkersOnly) },
                { propertyDependencies: { restApiId: ["urn:pulumi:test::meridian::aws:apigateway/restApi:RestApi::elsewhere"] } },
            ),
        ],
        expect: "violation",
    },
    {
        name: "in a preview, passes a policy whose API id is unknown but names a deployed API by dependency",
        resources: [
            api(),
            resource(
                "aws:apigateway/restApiPolicy:RestApiPolicy",
                "policy",
                { restApiId: UNKNOWN_SENTINEL, policy: document(checkersOnly) },
                { propertyDependencies: { restApiId: [api().urn] } },
            ),
        ],
        expect: "pass",
    },
    {
        name: "in a preview, fails an API whose only policy names another health API by dependency",
        resources: [
            previewApi(),
            otherApi(),
            resource(
                "aws:apigateway/restApiPolicy:RestApiPolicy",
                "payments-policy",
                { restApiId: UNKNOWN_SENTINEL, policy: document(checkersOnly) },
                { propertyDependencies: { restApiId: [otherApi().urn] } },
            ),
        ],
        expect: "violation",
        messages: [/^health API orders-health answers anyone/],
    },
    {
        name: "in a preview, fails an API whose only WAF web ACL is on another API's stage, named by dependency",
        resources: [
            previewApi(),
            otherApi(),
            resource("aws:apigateway/stage:Stage", "payments-stage", { restApi: "z9y8x7", stageName: "live" }, { outputs: { arn: UNKNOWN_SENTINEL } }),
            resource(
                "aws:wafv2/webAclAssociation:WebAclAssociation",
                "waf",
                { resourceArn: UNKNOWN_SENTINEL, webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/payments-health/1" },
                { propertyDependencies: { resourceArn: ["urn:pulumi:test::meridian::aws:apigateway/stage:Stage::payments-stage"] } },
            ),
        ],
        expect: "violation",
        messages: [/^health API orders-health answers anyone/],
    },
    {
        name: "in a preview, counts a WAF web ACL only on a stage: one that depends on the API's deployment is on no stage of it",
        resources: [
            previewApi(),
            resource(
                "aws:apigateway/deployment:Deployment",
                "deployment",
                { restApi: UNKNOWN_SENTINEL },
                { propertyDependencies: { restApi: [PREVIEW_API_URN] }, outputs: { executionArn: UNKNOWN_SENTINEL } },
            ),
            resource(
                "aws:wafv2/webAclAssociation:WebAclAssociation",
                "waf",
                { resourceArn: UNKNOWN_SENTINEL, webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders-health/1" },
                { propertyDependencies: { resourceArn: ["urn:pulumi:test::meridian::aws:apigateway/deployment:Deployment::deployment"] } },
            ),
        ],
        expect: "violation",
        messages: [/^health API orders-health answers anyone/],
    },
    {
        name: "fails a health API whose stage has a Shield protection but no WAF web ACL: Shield does not confine sources",
        resources: [
            api(),
            resource("aws:apigateway/stage:Stage", "stage", { restApi: API_ID, stageName: "live" }),
            resource("aws:shield/protection:Protection", "shield", {
                name: "orders-health",
                resourceArn: `arn:aws:apigateway:eu-west-1::/restapis/${API_ID}/stages/live`,
            }),
        ],
        expect: "violation",
        messages: [/^health API orders-health answers anyone/],
    },
    {
        name: "passes an API whose own policy output is empty, judged by its RestApiPolicy",
        resources: [
            resource(
                "aws:apigateway/restApi:RestApi",
                "orders-health",
                { name: "orders-health" },
                { outputs: { name: "orders-health", arn: `arn:aws:apigateway:eu-west-1::/restapis/${API_ID}`, policy: "" } },
            ),
            apiPolicy(checkersOnly),
        ],
        expect: "pass",
    },
    {
        name: "fails a health API whose policy the stack records as null",
        resources: [otherApi({ policy: null })],
        expect: "violation",
        messages: [/^health API payments-health answers anyone/],
    },
    {
        name: "selects no API whose name is unknown, even under a pattern that matches every name",
        resources: [resource("aws:apigateway/restApi:RestApi", "orders-health", { name: UNKNOWN_SENTINEL, id: UNKNOWN_SENTINEL, arn: UNKNOWN_SENTINEL })],
        config: { "health-endpoint-restricted": { healthApiNamePattern: "*" } },
        expect: "not-applicable",
    },
    {
        name: "is not applicable to a stack without a health API",
        resources: [api("orders-public")],
        expect: "not-applicable",
    },
];
