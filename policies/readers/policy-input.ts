import { InputError } from "../../lib/input-error";
import { parseJsonText, readInputText } from "../../lib/input-file";
import type { NormalisedStack } from "../normalised-stack";
import { isPlanDocument, readPlanDocument } from "./plan-reader";
import { isPreview, readPreview } from "./preview-reader";
import { isStackExport, readStackExport } from "./stack-export-reader";

export type PolicyInputKind = "plan" | "stack-export" | "preview";

export interface PolicyInput {
    file: string;
    kind: PolicyInputKind;
    stacks: NormalisedStack[];
}

/** Reads a plan.json, a `pulumi stack export` document or `pulumi preview --json` output, told apart by content. */
export function readPolicyInput(file: string): PolicyInput {
    const value = parseJsonText(readInputText(file), file);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw InputError.single(file, "", "is not a plan.json, a `pulumi stack export` document or `pulumi preview --json` output (expected a JSON object)");
    }
    const record = value as Record<string, unknown>;
    if (isPlanDocument(record)) return { file, kind: "plan", stacks: readPlanDocument(file, record) };
    if (isStackExport(record)) return { file, kind: "stack-export", stacks: readStackExport(file, record) };
    if (isPreview(record)) return { file, kind: "preview", stacks: readPreview(file, record) };
    throw InputError.single(
        file,
        "",
        "is not a plan.json (schemaVersion, stacks), a `pulumi stack export` document (version, deployment) or `pulumi preview --json` output (steps)",
    );
}
