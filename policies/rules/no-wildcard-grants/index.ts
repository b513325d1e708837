import { actionPatternDenied, certainDenies } from "../../iam/document-denies";
import { parsePolicyDocumentOrUndefined, PolicyDocument } from "../../iam/policy-document";
import { hasWildcard } from "../../../lib/iam-glob";
import { BOUNDARY_NAME_PATTERN_SCHEMA, IDENTITY_POLICY_TYPES, identityDocuments, isBoundaryPolicy, MeridianResourceRule, requireType } from "../../rule-kit";

/** `*`, `*:*` or `<service>:*`: every action of everything, or of a whole service. */
export function isFullWildcardAction(action: string): boolean {
    if (action === "*") return true;
    const [service, name] = action.split(":");
    return name === "*" && (service === "*" || !hasWildcard(service));
}

export const noWildcardGrants: MeridianResourceRule = {
    name: "no-wildcard-grants",
    description: 'Identity policies must not Allow `*` or `<service>:*` on `Resource "*"`, unless a Deny of the same resource cancels the whole wildcard.',
    remediationSteps: "Name the actions the workload calls and the ARNs it calls them on; use the boundary, not a grant, to express a ceiling.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: { properties: { boundaryPolicyNamePattern: BOUNDARY_NAME_PATTERN_SCHEMA } },
    validateResource: (args, report) => {
        requireType(args, IDENTITY_POLICY_TYPES);
        const { boundaryPolicyNamePattern } = args.getConfig<{ boundaryPolicyNamePattern: string }>();
        if (isBoundaryPolicy(args.type, args.props, boundaryPolicyNamePattern)) args.notApplicable("permissions boundaries are ceilings, not grants");
        const documents = identityDocuments(args.type, args.props).map(({ where, raw }) => ({ where, document: parsePolicyDocumentOrUndefined(raw) }));
        const denies = certainDenies(documents.map(({ document }) => document).filter((document): document is PolicyDocument => document !== undefined));
        for (const { where, document } of documents) {
            document?.statements.forEach((statement, index) => {
                if (statement.effect !== "Allow" || !(statement.resources ?? []).includes("*")) return;
                const wildcards = (statement.actions ?? []).filter((action) => isFullWildcardAction(action) && !actionPatternDenied(action, denies));
                if (wildcards.length) report(`${where} Statement[${index}] allows ${wildcards.map((a) => `"${a}"`).join(", ")} on Resource "*"`);
            });
        }
    },
};
