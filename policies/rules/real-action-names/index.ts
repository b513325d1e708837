import { expandActionPattern, serviceExists } from "../../iam/action-catalog";
import { hasWildcard } from "../../../lib/iam-glob";
import { parsePolicyDocument, PolicyDocumentError } from "../../iam/policy-document";
import {
    DocumentAt,
    IDENTITY_POLICY_TYPES,
    identityDocuments,
    MeridianResourceRule,
    requireType,
    RESOURCE_POLICY_TYPES,
    resourcePolicyDocuments,
    trustDocuments,
} from "../../rule-kit";

const SCP_TYPE = "aws:organizations/policy:Policy";
const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";

/** Why an action entry names nothing real, or undefined when it names at least one catalog action. */
export function actionProblem(pattern: string): string | undefined {
    if (pattern === "*") return undefined;
    const [service] = pattern.split(":", 1);
    if (!pattern.includes(":")) return `"${pattern}" is not of the form <service>:<action>`;
    if (!hasWildcard(service) && !serviceExists(service)) return `"${pattern}": there is no service "${service}" in the service authorization reference`;
    if (expandActionPattern(pattern).length > 0) return undefined;
    return hasWildcard(pattern) ? `"${pattern}" matches no action` : `"${pattern}" is not an action of ${service}`;
}

function documentsOf(type: string, props: Record<string, unknown>): DocumentAt[] {
    if (type === SCP_TYPE) return props.content ? [{ where: "content", raw: props.content }] : [];
    return [...identityDocuments(type, props), ...trustDocuments(type, props), ...resourcePolicyDocuments(type, props)];
}

export const realActionNames: MeridianResourceRule = {
    name: "real-action-names",
    description: "Every action a policy names exists in the AWS service authorization reference, and every wildcard matches at least one action.",
    remediationSteps: "Fix the spelling (e.g. `s3:GetObject`, not `s3:GetObjects`); check the action list in the AWS Service Authorization Reference.",
    enforcementLevel: "mandatory",
    context: [],
    configSchema: { properties: {} },
    validateResource: (args, report) => {
        requireType(args, [...new Set([...IDENTITY_POLICY_TYPES, ...RESOURCE_POLICY_TYPES, SCP_TYPE, LAMBDA_PERMISSION])]);
        if (args.type === LAMBDA_PERMISSION) {
            const problem = actionProblem(String(args.props.action));
            if (problem) report(`action: ${problem}`);
            return;
        }
        for (const { where, raw } of documentsOf(args.type, args.props)) {
            let document;
            try {
                document = parsePolicyDocument(raw);
            } catch (error) {
                if (!(error instanceof PolicyDocumentError)) throw error;
                report(`${where} is not a valid policy document: ${error.message}`);
                continue;
            }
            document.statements.forEach((statement, index) => {
                for (const pattern of [...(statement.actions ?? []), ...(statement.notActions ?? [])]) {
                    const problem = actionProblem(pattern);
                    if (problem) report(`${where} Statement[${index}]: ${problem}`);
                }
            });
        }
    },
};
