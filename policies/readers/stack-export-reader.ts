import { InputError } from "../../lib/input-error";
import type { NormalisedStack } from "../normalised-stack";
import { fromEngineState, groupByStack, isEngineResourceState } from "./engine-state";

/** `pulumi stack export` writes `{version, deployment: {manifest, resources}}`; versions 1 to 3 share the resource shape. */
export function isStackExport(value: Record<string, unknown>): boolean {
    return typeof value.version === "number" && typeof value.deployment === "object" && value.deployment !== null;
}

export function readStackExport(file: string, value: Record<string, unknown>): NormalisedStack[] {
    if (![1, 2, 3].includes(value.version as number))
        throw InputError.single(file, "version", `${JSON.stringify(value.version)} is not a deployment version this tool reads (1 to 3)`);
    const resources = (value.deployment as Record<string, unknown>).resources ?? [];
    if (!Array.isArray(resources)) throw InputError.single(file, "deployment.resources", "must be a list of resources");
    resources.forEach((resource, index) => {
        if (!isEngineResourceState(resource)) throw InputError.single(file, `deployment.resources[${index}]`, "is not a resource (needs urn and type)");
    });
    // Resources pending deletion are on their way out; the policy question is about what stays.
    const live = resources.filter((resource) => (resource as { delete?: boolean }).delete !== true);
    return groupByStack(live.map(fromEngineState));
}
