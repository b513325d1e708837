import { InputError } from "../../lib/input-error";
import type { NormalisedStack } from "../normalised-stack";
import { fromEngineState, groupByStack, isEngineResourceState } from "./engine-state";

/** `pulumi preview --json` writes `{config, steps: [{op, urn, oldState?, newState?}], changeSummary}`. */
export function isPreview(value: Record<string, unknown>): boolean {
    return Array.isArray(value.steps);
}

/** The stack as it will be after the preview's steps: every step's new state; deleted resources have none. */
export function readPreview(file: string, value: Record<string, unknown>): NormalisedStack[] {
    const steps = value.steps as unknown[];
    const states = steps.flatMap((step, index) => {
        const record = step as Record<string, unknown> | null;
        if (typeof record !== "object" || record === null || typeof record.op !== "string")
            throw InputError.single(file, `steps[${index}]`, "is not a preview step (needs op)");
        if (record.newState === undefined || record.newState === null) return [];
        if (!isEngineResourceState(record.newState)) throw InputError.single(file, `steps[${index}].newState`, "is not a resource state (needs urn and type)");
        return [record.newState];
    });
    // Without --show-sames the CLI leaves unchanged resources out of `steps` (the root stack aside),
    // so stack rules would judge a role without its unchanged policies: refuse rather than pass it.
    const unchanged = (value.changeSummary as Record<string, unknown> | undefined)?.same;
    const listed = steps.filter((step) => (step as { op: string }).op === "same").length;
    if (typeof unchanged === "number" && listed < unchanged) {
        throw InputError.single(
            file,
            "steps",
            `lists ${listed} of the ${unchanged} unchanged resources its changeSummary counts, so the stack cannot be checked whole; write it with \`pulumi preview --json --show-sames\``,
        );
    }
    // With --show-replacement-steps a replaced resource's new state appears twice (create-replacement, then replace).
    const byUrn = new Map(states.map((state) => [state.urn, state]));
    // The CLI writes no outputs into preview steps, while the engine's analyzer sees each resource's
    // planned outputs, their computed values unknown: so a stack rule that reads one cannot check.
    return groupByStack([...byUrn.values()].map((state) => ({ ...fromEngineState(state), outputsUnknown: state.outputs === undefined })));
}
