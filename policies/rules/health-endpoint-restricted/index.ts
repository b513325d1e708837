import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { matchesIamGlob } from "../../../lib/iam-glob";
import { readIfKnown } from "../../iam/unknown-values";
import { MeridianStackRule } from "../../rule-kit";

const REST_API = "aws:apigateway/restApi:RestApi";
const API_POLICY = "aws:apigateway/restApiPolicy:RestApiPolicy";
const STAGE = "aws:apigateway/stage:Stage";
const WAF_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
/** Condition keys that confine a caller to a network: addresses, or a VPC or its endpoint. */
const SOURCE_KEYS = ["aws:sourceip", "aws:sourcevpc", "aws:sourcevpce"];

interface Statement {
    Effect?: string;
    Condition?: Record<string, Record<string, unknown>>;
}

function statementsOf(policy: unknown): Statement[] {
    const document: unknown = typeof policy === "string" ? JSON.parse(policy) : policy;
    const statements = (document as { Statement?: unknown } | undefined)?.Statement;
    return (Array.isArray(statements) ? statements : statements ? [statements] : []) as Statement[];
}

function confinesSource(statement: Statement): boolean {
    return Object.values(statement.Condition ?? {}).some((keys) => Object.keys(keys).some((key) => SOURCE_KEYS.includes(key.toLowerCase())));
}

/** Every allow is confined to a source, or a deny shuts out every other source. */
export function restrictsSource(policy: unknown): boolean {
    const statements = statementsOf(policy);
    const allows = statements.filter((s) => s.Effect === "Allow");
    return statements.some((s) => s.Effect === "Deny" && confinesSource(s)) || (allows.length > 0 && allows.every(confinesSource));
}

/** A REST API's id: its `id` output, or the tail of its `arn:aws:apigateway:<region>::/restapis/<id>`. */
function apiIdOf(api: PolicyResource): string | undefined {
    const id = readIfKnown(() => api.props.id);
    if (typeof id === "string") return id;
    const arn = readIfKnown(() => api.props.arn);
    return typeof arn === "string" ? /\/restapis\/([^/]+)$/.exec(arn)?.[1] : undefined;
}

/** `resource.props[field]` names `target`: by value, or (while the value is unknown) by the dependency the engine recorded. */
function refersTo(resource: PolicyResource, field: string, target: PolicyResource, targetId: string | undefined): boolean {
    const value = readIfKnown(() => resource.props[field]);
    if (typeof value === "string" && targetId !== undefined && (value === targetId || value.includes(`/restapis/${targetId}/`))) return true;
    return (resource.propertyDependencies?.[field] ?? []).some((dependency) => dependency.urn === target.urn);
}

export const healthEndpointRestricted: MeridianStackRule = {
    name: "health-endpoint-restricted",
    description:
        "A REST API that serves Route 53 health checks answers only the checkers: a resource policy confined to source addresses, or a WAF web ACL on its stage.",
    remediationSteps:
        "Attach a resource policy that allows the health path only from Route 53's ROUTE53_HEALTHCHECKS ranges (and denies every other source), or associate a WAF web ACL with the API's stage; RegionalHealthCheck does both.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: {
        properties: {
            healthApiNamePattern: {
                type: "string",
                default: "*-health",
                description: "REST APIs whose name matches this glob serve health checks.",
            },
        },
    },
    validateStack: (args: StackValidationArgs, report) => {
        const { healthApiNamePattern } = args.getConfig<{ healthApiNamePattern: string }>();
        const apis = args.resources.filter((r) => {
            const name = readIfKnown(() => r.props.name);
            return r.type === REST_API && typeof name === "string" && matchesIamGlob(healthApiNamePattern, name);
        });
        if (apis.length === 0) args.notApplicable("the stack serves no health API");
        for (const api of apis) {
            const id = apiIdOf(api);
            const policies = [
                readIfKnown(() => api.props.policy),
                ...args.resources.filter((r) => r.type === API_POLICY && refersTo(r, "restApiId", api, id)).map((r) => readIfKnown(() => r.props.policy)),
            ].filter((policy) => policy !== undefined && policy !== "");
            const stages = args.resources.filter((r) => r.type === STAGE && refersTo(r, "restApi", api, id));
            const firewalled = args.resources.some(
                (r) =>
                    r.type === WAF_ASSOCIATION && (refersTo(r, "resourceArn", api, id) || stages.some((stage) => refersTo(r, "resourceArn", stage, undefined))),
            );
            if (firewalled || policies.some(restrictsSource)) continue;
            report(
                `health API ${String(api.props.name)} answers anyone: no resource policy confines it to source addresses and no WAF web ACL is on its stage, so a flood from anywhere can exhaust its throttle and fail the region's health check`,
                api.urn,
            );
        }
    },
};
