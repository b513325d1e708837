import { matchesIamGlob } from "../../../lib/iam-glob";
import { conditionValues, parsePolicyDocumentOrUndefined } from "../../iam/policy-document";
import type { NormalisedStack } from "../../normalised-stack";
import { FleetRule, resourcesOfType, stateOf } from "../fleet-kit";

/** One role's trust in one OIDC subject (or subject pattern). */
interface SubjectTrust {
    subject: string;
    account: string;
    stack: string;
    urn: string;
    role: string;
}

function accountOf(stack: NormalisedStack): string {
    return stack.context?.accountId ?? stack.facts?.account ?? stack.name;
}

function subjectTrusts(stacks: readonly NormalisedStack[], host: string): SubjectTrust[] {
    return stacks.flatMap((stack) =>
        resourcesOfType(stack, "aws:iam/role:Role").flatMap((role) => {
            const trust = parsePolicyDocumentOrUndefined(stateOf(role).assumeRolePolicy);
            return (trust?.statements ?? [])
                .filter((statement) => statement.effect === "Allow" && statement.principal?.federated.some((provider) => provider.toLowerCase().includes(host)))
                .flatMap((statement) => conditionValues(statement, `${host}:sub`))
                .map((subject) => ({ subject, account: accountOf(stack), stack: stack.name, urn: role.urn, role: String(stateOf(role).name ?? role.name) }));
        }),
    );
}

/** Can one token's `sub` satisfy both? Literal equality, or one pattern matching the other's text. */
function overlap(a: string, b: string): boolean {
    return a === b || matchesIamGlob(a, b) || matchesIamGlob(b, a);
}

export const fleetCiTrustUnique: FleetRule = {
    name: "fleet-ci-trust-unique",
    description:
        "No CI identity is shared between accounts: no GitHub OIDC subject (`sub`) that one account's roles trust can also assume a role in another account, counting patterns that overlap.",
    remediationSteps:
        "Pin each account's pipeline role to the account's own GitHub environment (`repo:<org/repo>:environment:<account>`); give pull requests one read-only entry role in one account (`repo:<org/repo>:pull_request`).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            githubOidcHost: { type: "string", default: "token.actions.githubusercontent.com", description: "The GitHub Actions OIDC provider host." },
        },
    },
    validateFleet: (stacks, config, report) => {
        const trusts = subjectTrusts(stacks, String(config.githubOidcHost).toLowerCase());
        if (trusts.length === 0) return { notApplicable: "no role in the fleet trusts GitHub OIDC" };
        trusts.forEach((trust, index) => {
            const others = trusts.slice(index + 1).filter((other) => other.account !== trust.account && overlap(trust.subject, other.subject));
            for (const other of others) {
                report(
                    `role ${trust.role} in account ${trust.account} trusts sub "${trust.subject}", which role ${other.role} in account ${other.account} (${other.stack}) also admits with "${other.subject}": one CI job reaches both accounts`,
                    trust.stack,
                    trust.urn,
                );
            }
        });
    },
};
