import * as fs from "fs";
import { InputError } from "../../lib/input-error";
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
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw InputError.single(file, "", code === "ENOENT" ? "file not found" : `cannot be read: ${code ?? (error as Error).message}`);
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        throw InputError.single(file, "", `is not JSON: ${(error as Error).message}`);
    }
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
