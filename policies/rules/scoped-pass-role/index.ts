import { statementActions } from "../../iam/permissions";
import { confinesWith, parsePolicyDocumentOrUndefined } from "../../iam/policy-document";
import { BOUNDARY_NAME_PATTERN_SCHEMA, IDENTITY_POLICY_TYPES, identityDocuments, isBoundaryPolicy, MeridianResourceRule, requireType } from "../../rule-kit";

/**
 * A role ARN with a literal account and a literal name, or (when allowed) a literal name prefix
 * followed by `*`, such as `arn:aws:iam::123456789012:role/orders-*`.
 */
export function isSpecificRoleArn(arn: string, allowNamePrefix: boolean): boolean {
    const match = /^arn:aws[a-z-]*:iam::(\d{12}|\$\{[^}]+\}):role\/(.+)$/.exec(arn);
    if (!match) return false;
    const name = match[2];
    if (!/[*?]/.test(name)) return true;
    return allowNamePrefix && /^[^*?]*[A-Za-z0-9][^*?]*\*$/.test(name) && !name.startsWith("*");
}

export const scopedPassRole: MeridianResourceRule = {
    name: "scoped-pass-role",
    description: "`iam:PassRole` is allowed only on specific role ARNs and only with an `iam:PassedToService` condition.",
    remediationSteps:
        'Grant iam:PassRole on the exact role ARNs (or the subsystem\'s name prefix, e.g. `arn:aws:iam::<account>:role/orders-*`) and add `Condition: {StringEquals: {"iam:PassedToService": "lambda.amazonaws.com"}}`.',
    enforcementLevel: "mandatory",
    context: [],
    configSchema: {
        properties: {
            allowNamePrefixWildcards: { type: "boolean", default: true, description: "Accept `role/<prefix>*` as specific." },
            boundaryPolicyNamePattern: BOUNDARY_NAME_PATTERN_SCHEMA,
        },
    },
    validateResource: (args, report) => {
        requireType(args, IDENTITY_POLICY_TYPES);
        const config = args.getConfig<{ allowNamePrefixWildcards: boolean; boundaryPolicyNamePattern: string }>();
        if (isBoundaryPolicy(args.type, args.props, config.boundaryPolicyNamePattern)) args.notApplicable("permissions boundaries are ceilings, not grants");
        let passRoleGranted = false;
        for (const { where, raw } of identityDocuments(args.type, args.props)) {
            parsePolicyDocumentOrUndefined(raw)?.statements.forEach((statement, index) => {
                if (statement.effect !== "Allow" || !statementActions(statement).some((action) => action.key === "iam:passrole")) return;
                passRoleGranted = true;
                const at = `${where} Statement[${index}]`;
                const unscoped = statement.notResources
                    ? ["NotResource"]
                    : (statement.resources ?? []).filter((arn) => !isSpecificRoleArn(arn, config.allowNamePrefixWildcards));
                if (unscoped.length) report(`${at} allows iam:PassRole on ${unscoped.join(", ")}, not specific role ARNs`);
                if (!confinesWith(statement, ["iam:PassedToService"])) report(`${at} allows iam:PassRole without an iam:PassedToService condition`);
            });
        }
        if (!passRoleGranted) args.notApplicable("no statement allows iam:PassRole");
    },
};
