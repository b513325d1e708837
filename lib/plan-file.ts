import { InputError } from "./input-error";
import { parseJsonText, readInputText } from "./input-file";
import { PLAN_SCHEMA_VERSION, type PlanDocument } from "./contracts/plan-document";

/**
 * The one reader of plan.json for every tool that acts on a plan (failover, policy check): the
 * file must be JSON, of this schema version, with a root and a list of planned stacks.
 */

export function checkPlanDocument(file: string, value: unknown): PlanDocument {
    const document = value as Partial<PlanDocument> | null;
    if (!document || typeof document !== "object" || document.schemaVersion !== PLAN_SCHEMA_VERSION) {
        throw InputError.single(
            file,
            "schemaVersion",
            `${JSON.stringify(document?.schemaVersion)} is not a plan.json version this tool reads (expected ${PLAN_SCHEMA_VERSION}, as written by \`meridian plan\`)`,
        );
    }
    if (!Array.isArray(document.stacks) || typeof document.root !== "string") {
        throw InputError.single(file, document.root === undefined ? "root" : "stacks", "is missing; the file is not a complete plan.json");
    }
    document.stacks.forEach((stack, index) => {
        if (typeof stack?.name !== "string" || !Array.isArray(stack.resources)) {
            throw InputError.single(file, `stacks[${index}]`, "is not a planned stack (needs name and resources)");
        }
    });
    return document as PlanDocument;
}

export function readPlanFile(file: string): PlanDocument {
    return checkPlanDocument(file, parseJsonText(readInputText(file, { missingHint: "(pass a plan.json written by `meridian plan`)" }), file));
}
