import type { PolicyContext } from "../lib/contracts/policy-context";
import { InputError } from "../lib/input-error";
import type { NormalisedStack } from "./normalised-stack";
import { PolicyPackConfig, stackPolicyConfig } from "./policy-config";
import { readPolicyInput } from "./readers/policy-input";
import type { MeridianRule } from "./rule-kit";

/**
 * The stack context that plan.json records, for runners that do not read plan.json themselves:
 * `meridian policy check` on a `pulumi stack export` or `pulumi preview --json` file, and the
 * real CrossGuard server under `pulumi up --policy-pack`. The planner is the one producer, so
 * every runner judges a stack with the same context.
 */

/** Each stack's recorded context, by stack name, from a plan.json. */
export function readPlanContexts(file: string): ReadonlyMap<string, PolicyContext | undefined> {
    const input = readPolicyInput(file);
    if (input.kind !== "plan") throw InputError.single(file, "", `is a ${input.kind} file; the stack context comes from a plan.json (meridian plan --out DIR)`);
    return new Map(input.stacks.map((stack) => [stack.name, stack.context]));
}

/** The stacks of an export or preview with the context the plan recorded for each; a stack the plan lacks is bad input. */
export function withPlanContexts(
    stacks: readonly NormalisedStack[],
    contexts: ReadonlyMap<string, PolicyContext | undefined>,
    contextFile: string,
): NormalisedStack[] {
    const missing = stacks.filter((stack) => !contexts.has(stack.name));
    if (missing.length) {
        throw new InputError(
            missing.map((stack) => ({
                file: contextFile,
                path: "stacks",
                message: `has no stack "${stack.name}" (it has ${[...contexts.keys()].join(", ") || "none"}); plan the fleet the file was written from`,
            })),
        );
    }
    return stacks.map((stack) => ({ ...stack, context: contexts.get(stack.name) }));
}

/**
 * The `--policy-pack-config` document for one stack: its recorded context laid under the user's
 * settings, keeping only what the engine accepts for this pack (its rules and `all`; the fleet
 * rules run only in `meridian plan`). The engine reconciles it with the schema defaults and hands
 * it to the pack through Configure (pulumi/pulumi pkg/engine/update.go).
 */
export function packConfigForStack(rules: readonly MeridianRule[], config: PolicyPackConfig, context: PolicyContext | undefined): PolicyPackConfig {
    const names = new Set(["all", ...rules.map((rule) => rule.name)]);
    const own = Object.fromEntries(Object.entries(config).filter(([name]) => names.has(name)));
    return stackPolicyConfig(rules, own, context);
}
