import { document, resource, RuleScenario } from "../scenario-kit";

const API_ID = "a1b2c3";

function api(name = "orders-health") {
    return resource("aws:apigateway/restApi:RestApi", name, { name }, { outputs: { name, arn: `arn:aws:apigateway:eu-west-1::/restapis/${API_ID}` } });
}

function apiPolicy(...statements: unknown[]) {
    return resource("aws:apigateway/restApiPolicy:RestApiPolicy", "policy", { restApiId: API_ID, policy: document(...statements) });
}

const CHECKERS = ["15.177.0.0/18", "54.228.16.0/26"];
const checkersOnly = {
    Effect: "Allow",
    Principal: "*",
    Action: "execute-api:Invoke",
    Resource: "execute-api:/live/GET/check",
    Condition: { IpAddress: { "aws:SourceIp": CHECKERS } },
};
const everyoneElseDenied = { ...checkersOnly, Effect: "Deny", Condition: { NotIpAddress: { "aws:SourceIp": CHECKERS } } };
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
        name: "is not applicable to a stack without a health API",
        resources: [api("orders-public")],
        expect: "not-applicable",
    },
];
