import { reach } from "../../iam/authorization";
import type { KeyLookup } from "../../iam/conditions";
import { ESCALATION_METHODS, EscalationMethod } from "../../iam/escalation-methods";
import { iamGlobToRegExp } from "../../../lib/iam-glob";
import { parsePolicyDocumentOrUndefined } from "../../iam/policy-document";
import { readIfKnown } from "../../iam/unknown-values";
import { BOUNDARY_NAME_PATTERN_SCHEMA, isBoundaryPolicy, MeridianResourceRule, requireType } from "../../rule-kit";
import { RESTRICTING_CONDITION_KEYS_SCHEMA } from "../no-privilege-escalation";

/** Actions that rewrite a managed policy's document: a principal that may use them on its own boundary lifts it. */
const POLICY_REWRITES = ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"];

interface BoundaryConfig {
    boundaryPolicyNamePattern: string;
    restrictingConditionKeys: string[];
    accountId: string;
}

/** What a boundary is judged against: any principal it bounds, any resource; only the confining keys confine. */
function anyRequest(restrictingKeys: readonly string[], passedToService?: string): KeyLookup {
    const confining = restrictingKeys.map((key) => iamGlobToRegExp(key, true));
    return (key) => {
        if (key === "iam:passedtoservice" && passedToService) return { kind: "known", values: [passedToService] };
        return { kind: "unknown", confining: confining.some((pattern) => pattern.test(key)) };
    };
}

export const boundaryBlocksEscalation: MeridianResourceRule = {
    name: "boundary-blocks-escalation",
    description:
        "A permissions boundary is a ceiling that stops escalation: it permits no published escalation method on unrestricted resources, and does not let the principals it bounds rewrite the boundary itself.",
    remediationSteps:
        "Scope the boundary's IAM, PassRole and compute grants to the subsystem's own ARNs, require `iam:PermissionsBoundary` on role writes, and deny iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion and iam:Delete*PermissionsBoundary on the boundary itself; a boundary that allows `*` needs those denies.",
    enforcementLevel: "mandatory",
    context: ["accountId"],
    configSchema: {
        properties: {
            boundaryPolicyNamePattern: BOUNDARY_NAME_PATTERN_SCHEMA,
            restrictingConditionKeys: RESTRICTING_CONDITION_KEYS_SCHEMA,
            accountId: { type: "string", default: "", description: "The stack's own account (stack context): the boundary's ARN before it exists." },
        },
    },
    validateResource: (args, report) => {
        requireType(args, ["aws:iam/policy:Policy"]);
        const config = args.getConfig<BoundaryConfig>();
        if (!isBoundaryPolicy(args.type, args.props, config.boundaryPolicyNamePattern)) args.notApplicable("not a permissions boundary");
        const document = parsePolicyDocumentOrUndefined(args.props.policy);
        if (!document) return args.notApplicable("the boundary's document is not a valid policy document (real-action-names reports it)");
        const boundary = [{ label: `boundary ${args.name}`, document }];
        const permits = (method: EscalationMethod) =>
            method.actions.every(
                (action) => reach(boundary, action, "any", anyRequest(config.restrictingConditionKeys, method.passedToService)).grant === "certain",
            );
        const permitted = ESCALATION_METHODS.filter(permits).map((method) => method.id);
        if (permitted.length)
            report(`boundary ${args.name} permits ${permitted.length} escalation method(s) on unrestricted resources: ${permitted.join(", ")}`);
        const known = readIfKnown(() => args.props.arn);
        const path = readIfKnown(() => args.props.path);
        const arn =
            typeof known === "string"
                ? known
                : config.accountId
                  ? `arn:aws:iam::${config.accountId}:policy${typeof path === "string" ? path : "/"}${String(args.props.name)}`
                  : undefined;
        if (!arn) return;
        const rewrites = POLICY_REWRITES.filter((action) => reach(boundary, action, { arn }, anyRequest(config.restrictingConditionKeys)).grant === "certain");
        if (rewrites.length) report(`boundary ${args.name} lets the principals it bounds rewrite it: ${rewrites.join(", ")} on its own ARN ${arn}`);
    },
};
