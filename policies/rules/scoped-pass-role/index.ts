import { certainDenies, resourcesLeft } from "../../iam/document-denies";
import type { KeyLookup } from "../../iam/conditions";
import { statementActions } from "../../iam/permissions";
import { confinesWith, parsePolicyDocumentOrUndefined, PolicyDocument } from "../../iam/policy-document";
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

/** A request passing a role to a service no policy names: a Deny that certainly applies to it confines the services. */
const TO_ANOTHER_SERVICE: KeyLookup = (key) =>
    key === "iam:passedtoservice" ? { kind: "known", values: ["a-service-no-policy-names.amazonaws.com"] } : { kind: "unknown", confining: false };

export const scopedPassRole: MeridianResourceRule = {
    name: "scoped-pass-role",
    description:
        "`iam:PassRole` is allowed only on specific role ARNs and only to named services (an `iam:PassedToService` condition), judged after the Denies of the same resource.",
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
        const documents = identityDocuments(args.type, args.props).map(({ where, raw }) => ({ where, document: parsePolicyDocumentOrUndefined(raw) }));
        const parsed = documents.map(({ document }) => document).filter((document): document is PolicyDocument => document !== undefined);
        const denies = certainDenies(parsed);
        const servicesDenied = certainDenies(parsed, TO_ANOTHER_SERVICE);
        let passRoleGranted = false;
        for (const { where, document } of documents) {
            document?.statements.forEach((statement, index) => {
                if (statement.effect !== "Allow" || !statementActions(statement).some((action) => action.key === "iam:passrole")) return;
                const resources = statement.notResources ? ["*"] : (statement.resources ?? []);
                const left = resourcesLeft(resources, "iam:PassRole", denies);
                if (!left.length) return;
                passRoleGranted = true;
                const at = `${where} Statement[${index}]`;
                const unscoped = statement.notResources ? ["NotResource"] : left.filter((arn) => !isSpecificRoleArn(arn, config.allowNamePrefixWildcards));
                if (unscoped.length) report(`${at} allows iam:PassRole on ${unscoped.join(", ")}, not specific role ARNs`);
                const toNamedServices = confinesWith(statement, ["iam:PassedToService"]) || !resourcesLeft(left, "iam:PassRole", servicesDenied).length;
                if (!toNamedServices) report(`${at} allows iam:PassRole without an iam:PassedToService condition`);
            });
        }
        if (!passRoleGranted) args.notApplicable("no statement allows iam:PassRole");
    },
};
