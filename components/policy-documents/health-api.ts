import type { ConditionBlock } from "./policy-document";

/**
 * Resource policies of the REST APIs whose paths Route 53 health checkers call. A health path
 * answers the checkers' address ranges only, so nobody else can call it to exhaust the stage's
 * throttle (and make the region look down) or run up its cost.
 */

export interface ApiPolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal: "*";
    Action: ["execute-api:Invoke"];
    Resource: string[];
    Condition?: ConditionBlock;
}

export interface ApiPolicyDocument {
    Version: "2012-10-17";
    Statement: ApiPolicyStatement[];
}

/** `execute-api:/<stage>/<METHOD>/<path>`: API Gateway expands it to the API's own ARN, so the document is known before the API exists. */
export function executeApiResource(stage: string, method: string, path: string): string {
    return `execute-api:/${stage}/${method}/${path}`;
}

function fromCheckersOnly(resources: string[], checkerPrefixes: readonly string[]): ApiPolicyStatement[] {
    return [
        {
            Sid: "HealthCheckersMayCall",
            Effect: "Allow",
            Principal: "*",
            Action: ["execute-api:Invoke"],
            Resource: resources,
            Condition: { IpAddress: { "aws:SourceIp": [...checkerPrefixes] } },
        },
        {
            Sid: "NobodyElseMayCall",
            Effect: "Deny",
            Principal: "*",
            Action: ["execute-api:Invoke"],
            Resource: resources,
            Condition: { NotIpAddress: { "aws:SourceIp": [...checkerPrefixes] } },
        },
    ];
}

/** The health API serves GET /check and nothing else, to the checkers only. */
export function healthApiPolicyDocument(stage: string, checkerPrefixes: readonly string[]): ApiPolicyDocument {
    return { Version: "2012-10-17", Statement: fromCheckersOnly([executeApiResource(stage, "GET", "check")], checkerPrefixes) };
}

/** The public API is open, except its health path GET /ping, which answers the checkers only. */
export function publicApiPolicyDocument(stage: string, healthPath: string, checkerPrefixes: readonly string[]): ApiPolicyDocument {
    const [checkersOnly, nobodyElse] = fromCheckersOnly([executeApiResource(stage, "GET", healthPath)], checkerPrefixes);
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "AnyoneMayCall", Effect: "Allow", Principal: "*", Action: ["execute-api:Invoke"], Resource: [executeApiResource(stage, "*", "*")] },
            checkersOnly,
            nobodyElse,
        ],
    };
}
