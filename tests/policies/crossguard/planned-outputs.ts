import * as fs from "fs";
import * as path from "path";
import { UNKNOWN_VALUE } from "../../../stacks/offline/plain-values";
import type { NormalisedResource } from "../../../policies/normalised-stack";

/**
 * What the engine's analyzer sees as a resource's outputs during a preview when a file records
 * only its inputs: the provider's preview of the resource, in which every state property the
 * inputs do not set is computed and unknown (the Terraform bridge answers a preview Create with the
 * planned state). The state properties are those the @pulumi/aws class reads back for an
 * existing resource (`resourceInputs["arn"] = state?.arn` in its constructor).
 */

const stateKeysByType = new Map<string, readonly string[]>();

function stateKeys(type: string): readonly string[] {
    const known = stateKeysByType.get(type);
    if (known) return known;
    const match = /^aws:([^/]+)\/([^:]+):/.exec(type);
    const file = match && path.join(path.dirname(require.resolve("@pulumi/aws/package.json")), match[1] === "index" ? "" : match[1], `${match[2]}.js`);
    const source = file && fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const keys = ["id", ...[...source.matchAll(/resourceInputs\["(\w+)"\] = state\?\.\w+;/g)].map((found) => found[1])];
    stateKeysByType.set(type, keys);
    return keys;
}

/** The outputs to send for a resource whose source recorded none: its inputs, every other state property unknown. */
export function previewOutputs(resource: NormalisedResource): Record<string, unknown> {
    const outputs: Record<string, unknown> = { ...resource.props };
    for (const key of stateKeys(resource.type)) if (!(key in outputs)) outputs[key] = UNKNOWN_VALUE;
    return outputs;
}
