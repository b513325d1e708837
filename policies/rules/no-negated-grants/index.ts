import { parsePolicyDocumentOrUndefined } from "../../iam/policy-document";
import {
    IDENTITY_POLICY_TYPES,
    identityDocuments,
    MeridianResourceRule,
    requireType,
    RESOURCE_POLICY_TYPES,
    resourcePolicyDocuments,
    trustDocuments,
} from "../../rule-kit";

export const noNegatedGrants: MeridianResourceRule = {
    name: "no-negated-grants",
    description: "No Allow with NotAction or NotResource, and no NotPrincipal, in identity, trust or resource policies.",
    remediationSteps:
        "List what is allowed (Action, Resource, Principal) instead of what is not: a negation grants every action, resource or principal AWS adds later.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: { properties: {} },
    validateResource: (args, report) => {
        requireType(args, [...new Set([...IDENTITY_POLICY_TYPES, ...RESOURCE_POLICY_TYPES])]);
        const documents = [
            ...identityDocuments(args.type, args.props),
            ...trustDocuments(args.type, args.props),
            ...resourcePolicyDocuments(args.type, args.props),
        ];
        for (const { where, raw } of documents) {
            parsePolicyDocumentOrUndefined(raw)?.statements.forEach((statement, index) => {
                const at = `${where} Statement[${index}]`;
                if (statement.effect === "Allow" && statement.notActions)
                    report(`${at} allows NotAction ${JSON.stringify(statement.notActions)}: every other action, including future ones`);
                if (statement.effect === "Allow" && statement.notResources)
                    report(`${at} allows on NotResource ${JSON.stringify(statement.notResources)}: every other resource`);
                if (statement.notPrincipal) report(`${at} uses NotPrincipal: it applies to every principal but the ones listed`);
            });
        }
    },
};
