import { InputError, InputProblem } from "../../lib/input-error";
import { selectStacks } from "../stack-patterns";
import type { StackSpec } from "../../lib/contracts/stack-spec";

export interface StackSelection {
    /** Glob patterns over stack names (`orders-prod.*`); none means every stack. */
    patterns: readonly string[];
    wave?: number;
}

/**
 * Narrows the fleet to the stacks a command should run, keeping deployment order. Patterns mean
 * what they mean for `meridian plan --stack` (the same matcher); `--wave` then keeps one wave.
 * Every problem is reported at once, and a pattern that matches nothing is bad input, not a no-op.
 */
export function selectForRun(stacks: readonly StackSpec[], selection: StackSelection): StackSpec[] {
    const problems: InputProblem[] = [];
    let named = new Set<string>();
    try {
        named = selectStacks(stacks, selection.patterns);
    } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(...error.problems);
    }
    const waves = [...new Set(stacks.map((spec) => spec.wave))];
    if (selection.wave !== undefined && !waves.includes(selection.wave)) {
        problems.push({ file: "command line", path: "--wave", message: `${selection.wave} is not a wave of this fleet (waves: ${waves.join(", ")})` });
    }
    if (problems.length > 0) throw new InputError(problems);
    return stacks.filter((spec) => named.has(spec.name) && (selection.wave === undefined || spec.wave === selection.wave));
}
