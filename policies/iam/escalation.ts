import { ESCALATION_METHODS, EscalationMethod } from "./escalation-methods";
import { PermissionSet, unrestrictedGrants } from "./permissions";

export interface EscalationPath {
    method: EscalationMethod;
    /** The policies whose grants combine into the path. */
    sources: string[];
}

/** Every method whose actions are all reachable on unrestricted resources in the effective permissions. */
export function findEscalationPaths(set: PermissionSet, restrictingConditionKeys: readonly string[]): EscalationPath[] {
    const paths: EscalationPath[] = [];
    for (const method of ESCALATION_METHODS) {
        const sources = new Set<string>();
        const reachable = method.actions.every((action) => {
            const grants = unrestrictedGrants(set, action, restrictingConditionKeys);
            for (const grant of grants) for (const source of grant.sources) sources.add(source);
            return grants.length > 0;
        });
        if (reachable) paths.push({ method, sources: [...sources].sort() });
    }
    return paths;
}
