import { InputError } from "../../lib/input-error";
import { PLAN_SCHEMA_VERSION, PlanDocument } from "../../stacks/plan-document";
import type { NormalisedStack } from "../normalised-stack";
import { fromPlannedStacks } from "../planned-stacks";

export function isPlanDocument(value: Record<string, unknown>): boolean {
    return "schemaVersion" in value && Array.isArray(value.stacks);
}

export function readPlanDocument(file: string, value: Record<string, unknown>): NormalisedStack[] {
    if (value.schemaVersion !== PLAN_SCHEMA_VERSION) {
        throw InputError.single(
            file,
            "schemaVersion",
            `${JSON.stringify(value.schemaVersion)} is not a plan.json version this tool reads (expected ${PLAN_SCHEMA_VERSION})`,
        );
    }
    const plan = value as unknown as PlanDocument;
    plan.stacks.forEach((stack, index) => {
        if (typeof stack?.name !== "string" || !Array.isArray(stack.resources))
            throw InputError.single(file, `stacks[${index}]`, "is not a planned stack (needs name and resources)");
    });
    return fromPlannedStacks(plan.stacks);
}
