import { actionRecord, resourceTypeRecord } from "../iam/action-catalog";

/** Where a call is made: the provider's partition, region and account. */
export interface CallLocation {
    partition: string;
    region: string;
    account: string;
}

/**
 * The reference resource types an action is authorised against when the table names none: every
 * type the service authorization reference marks required. None means the action takes `*`.
 */
export function requiredResourceTypes(action: string): string[] {
    const record = actionRecord(action);
    if (!record) throw new Error(`${action} is not in the service authorization reference`);
    return record.resourceTypes.filter((type) => type.required).map((type) => type.name);
}

function caseInsensitiveRecord(service: string, name: string) {
    return resourceTypeRecord(service, name) ?? resourceTypeRecord(service, name.toLowerCase());
}

/** A reference ARN format cut at its variables: literal text at even indexes, variable names at odd ones. */
const formatPieces = new Map<string, string[][]>();

function piecesOf(service: string, typeName: string): string[][] {
    const cacheKey = `${service}:${typeName}`;
    let pieces = formatPieces.get(cacheKey);
    if (!pieces) {
        const record = caseInsensitiveRecord(service, typeName);
        if (!record) throw new Error(`${typeName} is not a resource type of ${service} in the service authorization reference`);
        pieces = record.arn.split(/,\s*/).map((format) => format.split(/\$\{([A-Za-z]+)\}/));
        formatPieces.set(cacheKey, pieces);
    }
    return pieces;
}

/**
 * The ARN of one reference resource type, from the reference's format with its variables filled
 * in. A format may list alternatives (`/apis/${ApiId}/stages/...`, `/restapis/${RestApiId}/stages/...`),
 * and a table entry may name alternative types (`rule-on-custom-event-bus|rule-on-default-event-bus`):
 * the first whose variables are all known is taken. Undefined when none is.
 */
export function resourceArn(action: string, resourceTypes: string, location: CallLocation, variable: (name: string) => string | undefined): string | undefined {
    const service = action.slice(0, action.indexOf(":")).toLowerCase();
    for (const typeName of resourceTypes.split("|")) {
        for (const pieces of piecesOf(service, typeName)) {
            let arn = "";
            let complete = true;
            for (let index = 0; index < pieces.length && complete; index++) {
                if (index % 2 === 0) {
                    arn += pieces[index];
                    continue;
                }
                const name = pieces[index];
                const value =
                    name === "Partition" ? location.partition : name === "Region" ? location.region : name === "Account" ? location.account : variable(name);
                if (value === undefined) complete = false;
                else arn += value;
            }
            if (complete) return arn;
        }
    }
    return undefined;
}

const supportedKeys = new Map<string, ReadonlySet<string>>();

/** The condition keys that an action, or the resource type it acts on, supports: only these can be in its request. */
export function supportedConditionKeys(action: string, resourceTypes: readonly string[]): ReadonlySet<string> {
    const cacheKey = `${action} ${resourceTypes.join(" ")}`;
    let keys = supportedKeys.get(cacheKey);
    if (!keys) supportedKeys.set(cacheKey, (keys = collectConditionKeys(action, resourceTypes)));
    return keys;
}

function collectConditionKeys(action: string, resourceTypes: readonly string[]): Set<string> {
    const service = action.split(":")[0].toLowerCase();
    const record = actionRecord(action);
    const keys = new Set((record?.conditionKeys ?? []).map((key) => key.toLowerCase()));
    for (const entry of resourceTypes) {
        for (const typeName of entry.split("|")) {
            for (const key of caseInsensitiveRecord(service, typeName)?.conditionKeys ?? []) keys.add(key.toLowerCase());
            for (const key of record?.resourceTypes.find((type) => type.name.toLowerCase() === typeName.toLowerCase())?.conditionKeys ?? [])
                keys.add(key.toLowerCase());
        }
    }
    return keys;
}
