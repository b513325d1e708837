import { checkPlanDocument } from "../../lib/plan-file";
import type { NormalisedStack } from "../normalised-stack";
import { fromPlannedStacks } from "../planned-stacks";

export function isPlanDocument(value: Record<string, unknown>): boolean {
    return "schemaVersion" in value && Array.isArray(value.stacks);
}

export function readPlanDocument(file: string, value: Record<string, unknown>): NormalisedStack[] {
    return fromPlannedStacks(checkPlanDocument(file, value).stacks);
}
