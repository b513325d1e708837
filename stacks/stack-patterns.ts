import picomatch from "picomatch";
import { InputError, InputProblem } from "../lib/input-error";
import type { StackSpec } from "../lib/contracts/stack-spec";

/**
 * `--stack PATTERN...` as every command reads it: globs over stack names, all stacks when none is
 * given. A pattern that matches nothing is bad input, not an empty run.
 */
export function selectStacks(specs: readonly StackSpec[], patterns: readonly string[]): Set<string> {
    if (patterns.length === 0) return new Set(specs.map((spec) => spec.name));
    const selected = new Set<string>();
    const problems: InputProblem[] = [];
    for (const pattern of patterns) {
        const matches = picomatch(pattern, { dot: true });
        const hits = specs.filter((spec) => matches(spec.name));
        if (hits.length === 0) {
            problems.push({
                file: "command line",
                path: "--stack",
                message: `"${pattern}" matches no stack (stacks: ${specs.map((spec) => spec.name).join(", ")})`,
            });
        }
        hits.forEach((spec) => selected.add(spec.name));
    }
    if (problems.length > 0) throw new InputError(problems);
    return selected;
}
