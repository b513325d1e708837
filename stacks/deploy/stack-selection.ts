import picomatch from "picomatch";
import { InputError, InputProblem } from "../../lib/input-error";
import type { StackSpec } from "../stack-spec";

export interface StackSelection {
    /** Glob patterns over stack names (`orders-prod.*`); none means every stack. */
    patterns: readonly string[];
    wave?: number;
}

/**
 * Narrows the fleet to the stacks a command should run, keeping deployment order. A pattern that
 * matches nothing is bad input rather than a silent no-op: it is almost always a typo.
 */
export function selectStacks(stacks: readonly StackSpec[], selection: StackSelection): StackSpec[] {
    const problems: InputProblem[] = [];
    const matchers = selection.patterns.map((pattern) => ({ pattern, test: picomatch(pattern) }));
    for (const { pattern, test } of matchers) {
        if (!stacks.some((spec) => test(spec.name))) {
            problems.push({ file: "--stack", path: "", message: `"${pattern}" matches no stack (stacks: ${stacks.map((spec) => spec.name).join(", ")})` });
        }
    }
    const waves = [...new Set(stacks.map((spec) => spec.wave))];
    if (selection.wave !== undefined && !waves.includes(selection.wave)) {
        problems.push({ file: "--wave", path: "", message: `${selection.wave} is not a wave of this fleet (waves: ${waves.join(", ")})` });
    }
    if (problems.length > 0) throw new InputError(problems);
    return stacks.filter(
        (spec) => (matchers.length === 0 || matchers.some(({ test }) => test(spec.name))) && (selection.wave === undefined || spec.wave === selection.wave),
    );
}
