import { expandActionPattern } from "../../iam/action-catalog";
import { conditionKeys, parsePolicyDocumentOrUndefined } from "../../iam/policy-document";
import { BOUNDARY_NAME_PATTERN_SCHEMA, IDENTITY_POLICY_TYPES, identityDocuments, isBoundaryPolicy, MeridianResourceRule, requireType } from "../../rule-kit";
import { isFullWildcardAction } from "../no-wildcard-grants";

export const scopedResources: MeridianResourceRule = {
    name: "scoped-resources",
    description:
        'An Allow on `Resource "*"` may only name actions that cannot be scoped to a resource (for example xray:PutTraceSegments, sts:GetCallerIdentity), unless a condition narrows it.',
    remediationSteps:
        "Replace `*` with the ARNs (or a name-prefix pattern such as `arn:aws:lambda:*:*:function:orders-*`) the actions apply to, or add a condition that narrows the statement.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: {
        properties: {
            boundaryPolicyNamePattern: BOUNDARY_NAME_PATTERN_SCHEMA,
            alsoAllowOnAnyResource: {
                type: "array",
                items: { type: "string" },
                default: ["cloudwatch:PutMetricData"],
                description:
                    "Actions accepted on `*` although the catalog lists a resource type for them: PutMetricData's only one is the optional, rarely used `dataset`; publishers scope it with cloudwatch:namespace if at all.",
            },
        },
    },
    validateResource: (args, report) => {
        requireType(args, IDENTITY_POLICY_TYPES);
        const { boundaryPolicyNamePattern, alsoAllowOnAnyResource } = args.getConfig<{ boundaryPolicyNamePattern: string; alsoAllowOnAnyResource: string[] }>();
        const accepted = new Set(alsoAllowOnAnyResource.map((action) => action.toLowerCase()));
        if (isBoundaryPolicy(args.type, args.props, boundaryPolicyNamePattern)) args.notApplicable("permissions boundaries are ceilings, not grants");
        for (const { where, raw } of identityDocuments(args.type, args.props)) {
            parsePolicyDocumentOrUndefined(raw)?.statements.forEach((statement, index) => {
                if (statement.effect !== "Allow" || !statement.actions || !(statement.resources ?? []).includes("*")) return;
                if (conditionKeys(statement).length > 0) return;
                const scopable = statement.actions
                    .filter((pattern) => !isFullWildcardAction(pattern))
                    .filter((pattern) => expandActionPattern(pattern).some((action) => !action.unscopable && !accepted.has(action.key)));
                if (scopable.length) {
                    report(`${where} Statement[${index}] allows ${scopable.join(", ")} on Resource "*"; these actions can be scoped to ARNs`);
                }
            });
        }
    },
};
