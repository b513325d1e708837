import { conditionsCertain, KeyLookup } from "./conditions";
import { expandActionPattern } from "./action-catalog";
import { iamGlobToRegExp, matchesIamGlob } from "../../lib/iam-glob";
import { resourcesLeftByDeny } from "./permissions";
import type { PolicyDocument, PolicyStatement } from "./policy-document";

/**
 * What the Deny statements of the documents one resource defines take away from its Allow
 * statements, so that rules judging a resource's grants judge what is left of them rather than a
 * statement the same resource cancels. A Deny counts where its condition certainly holds: for every
 * request, or for the request `lookup` describes.
 */

/** Every condition key unknown, none confining: a Deny applies only when its condition holds for every request. */
const ANY_REQUEST: KeyLookup = () => ({ kind: "unknown", confining: false });

function covers(statement: PolicyStatement, action: string): boolean {
    const matches = (patterns: readonly string[]) => patterns.some((pattern) => iamGlobToRegExp(pattern, true).test(action));
    return statement.actions ? matches(statement.actions) : !matches(statement.notActions ?? []);
}

export function certainDenies(documents: readonly PolicyDocument[], lookup: KeyLookup = ANY_REQUEST): PolicyStatement[] {
    return documents
        .flatMap((document) => document.statements)
        .filter((statement) => statement.effect === "Deny" && conditionsCertain(statement.conditions, lookup));
}

/** Does some Deny cancel every action the pattern grants, on every resource? */
export function actionPatternDenied(pattern: string, denies: readonly PolicyStatement[]): boolean {
    const everywhere = denies.filter((deny) => !deny.notResources && (deny.resources ?? ["*"]).includes("*"));
    if (!everywhere.length) return false;
    // A Deny's pattern that matches the granted pattern's text spans it, unless a `?` of the Deny
    // stands there for a `*` of the grant: `s3:Get?` matches the text `s3:Get*` but no s3:Get action.
    if (everywhere.some((deny) => deny.actions?.some((denied) => !denied.includes("?") && matchesIamGlob(denied, pattern, true)))) return true;
    return expandActionPattern(pattern).every((action) => everywhere.some((deny) => covers(deny, action.key)));
}

/** The resource patterns of an Allow for `action` that the Denies leave standing. */
export function resourcesLeft(resources: readonly string[], action: string, denies: readonly PolicyStatement[]): string[] {
    return denies.filter((deny) => covers(deny, action)).reduce<string[]>((left, deny) => resourcesLeftByDeny(left, deny), [...resources]);
}
