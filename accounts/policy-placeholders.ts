import {
    accountOwner,
    boundaryPolicyName,
    deploymentBoundaryPolicyName,
    deploymentRoleName,
    iamPrefix,
    pipelineBoundaryPolicyName,
    pipelineRoleName,
    previewBoundaryPolicyName,
    previewRoleName,
} from "../lib/contracts/naming";
import { globalServiceActions } from "./global-services";
import type { OrganizationCatalog } from "./organization-schema";

/**
 * Placeholders an organisation policy file (SCP or RCP) may use instead of repeating what the
 * catalog knows. A string that is exactly a placeholder becomes the listed values. Names are built
 * with the naming contracts and `*` for the owner, so the policies can never drift from the names
 * the stacks create.
 */
export const PLACEHOLDERS = {
    /** Every region in rotation. */
    regions: "${meridian:regions}",
    /** `<service>:*` of every truly global service (accounts/global-services.ts). */
    globalServices: "${meridian:globalServices}",
    /** The bootstrap role `<account>.global` stacks run as in every member account: the catalog's access role. */
    bootstrapRoles: "${meridian:bootstrapRoles}",
    /** The roles only the bootstrap may change: the access role itself, every pipeline, deployment and preview role. */
    platformRoles: "${meridian:platformRoles}",
    /** Every permissions boundary and platform ceiling (`*-boundary`). */
    boundaryPolicies: "${meridian:boundaryPolicies}",
    /** The platform roles' ceilings, which no workload role may carry. */
    platformBoundaries: "${meridian:platformBoundaries}",
    /** `<prefix>-*` roles of every owner: the names deployment roles create, always with the boundary. */
    ownerRoles: "${meridian:ownerRoles}",
    /** Every deployment role (the only principals besides the bootstrap that write resource policies). */
    deploymentRoles: "${meridian:deploymentRoles}",
    /** The organisation's id: known only to the organization stack, which substitutes it. */
    organizationId: "${meridian:organizationId}",
} as const;

const ANY_ACCOUNT_ROLE = "arn:aws:iam::*:role/";
const ANY_ACCOUNT_POLICY = "arn:aws:iam::*:policy/";
const ALL = "*";

/** The values of every placeholder the catalog can answer; the organisation id is left for the organization stack. */
export function catalogPlaceholderValues(catalog: OrganizationCatalog, approvedRegions: readonly string[]): Record<string, string[]> {
    const bootstrap = [`${ANY_ACCOUNT_ROLE}${catalog.accessRoleName}`];
    const owners = [...new Set(catalog.accounts.map(accountOwner))];
    return {
        [PLACEHOLDERS.regions]: [...approvedRegions],
        [PLACEHOLDERS.globalServices]: globalServiceActions(),
        [PLACEHOLDERS.bootstrapRoles]: bootstrap,
        [PLACEHOLDERS.platformRoles]: [
            ...bootstrap,
            ...[pipelineRoleName, deploymentRoleName, previewRoleName].map((name) => `${ANY_ACCOUNT_ROLE}${name(ALL)}`),
        ],
        [PLACEHOLDERS.boundaryPolicies]: [`${ANY_ACCOUNT_POLICY}${boundaryPolicyName(ALL)}`],
        [PLACEHOLDERS.platformBoundaries]: [deploymentBoundaryPolicyName, pipelineBoundaryPolicyName, previewBoundaryPolicyName].map(
            (name) => `${ANY_ACCOUNT_POLICY}${name(ALL)}`,
        ),
        [PLACEHOLDERS.ownerRoles]: owners.map((owner) => `${ANY_ACCOUNT_ROLE}${iamPrefix(owner)}-*`),
        [PLACEHOLDERS.deploymentRoles]: [`${ANY_ACCOUNT_ROLE}${deploymentRoleName(ALL)}`],
    };
}

/** Replaces every string that is exactly a placeholder with its values (a list) or its value (a string). */
export function substitutePlaceholders<T>(value: T, values: Readonly<Record<string, string | string[]>>): T {
    if (typeof value === "string" && value in values) {
        const replacement = values[value];
        return (Array.isArray(replacement) ? [...replacement] : replacement) as T;
    }
    if (Array.isArray(value))
        return value.flatMap((item) => (typeof item === "string" && Array.isArray(values[item]) ? values[item] : [substitutePlaceholders(item, values)])) as T;
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitutePlaceholders(item, values)])) as T;
    }
    return value;
}

/** Placeholders (`${meridian:...}`) left in a document that nothing will substitute. */
export function unknownPlaceholders(value: unknown, known: readonly string[]): string[] {
    const found = new Set<string>();
    const visit = (item: unknown): void => {
        if (typeof item === "string") {
            for (const match of item.match(/\$\{meridian:[^}]*\}/g) ?? []) if (!known.includes(match)) found.add(match);
        } else if (Array.isArray(item)) {
            item.forEach(visit);
        } else if (typeof item === "object" && item !== null) {
            Object.values(item).forEach(visit);
        }
    };
    visit(value);
    return [...found];
}
