import { parsePolicyDocumentOrUndefined } from "../../iam/policy-document";
import { hasWildcard } from "../../iam/glob";
import { BOUNDARY_NAME_PATTERN_SCHEMA, IDENTITY_POLICY_TYPES, identityDocuments, isBoundaryPolicy, MeridianResourceRule, requireType } from "../../rule-kit";

/** `*`, `*:*` or `<service>:*`: every action of everything, or of a whole service. */
export function isFullWildcardAction(action: string): boolean {
    if (action === "*") return true;
    const [service, name] = action.split(":");
    return name === "*" && (service === "*" || !hasWildcard(service));
}

export const noWildcardGrants: MeridianResourceRule = {
    name: "no-wildcard-grants",
    description: 'Identity policies must not Allow `*` or `<service>:*` on `Resource "*"`.',
    remediationSteps: "Name the actions the workload calls and the ARNs it calls them on; use the boundary, not a grant, to express a ceiling.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: { properties: { boundaryPolicyNamePattern: BOUNDARY_NAME_PATTERN_SCHEMA } },
    validateResource: (args, report) => {
        requireType(args, IDENTITY_POLICY_TYPES);
        const { boundaryPolicyNamePattern } = args.getConfig<{ boundaryPolicyNamePattern: string }>();
        if (isBoundaryPolicy(args.type, args.props, boundaryPolicyNamePattern)) args.notApplicable("permissions boundaries are ceilings, not grants");
        for (const { where, raw } of identityDocuments(args.type, args.props)) {
            const document = parsePolicyDocumentOrUndefined(raw);
            document?.statements.forEach((statement, index) => {
                if (statement.effect !== "Allow" || !(statement.resources ?? []).includes("*")) return;
                const wildcards = (statement.actions ?? []).filter(isFullWildcardAction);
                if (wildcards.length) report(`${where} Statement[${index}] allows ${wildcards.map((a) => `"${a}"`).join(", ")} on Resource "*"`);
            });
        }
    },
};
