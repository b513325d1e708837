import type { PolicyConfigSchema } from "@pulumi/policy";
import { readYamlFile } from "../lib/catalog-file";
import { contextFor, type PolicyContext, type PolicyContextKey } from "../lib/contracts/policy-context";
import { InputError, InputProblem } from "../lib/input-error";
import { schemaDefaults } from "./config-defaults";

/**
 * Policy configuration in the shape `pulumi up --policy-pack-config` takes: rule name → an
 * enforcement level, or an object with `enforcementLevel` and the rule's own properties. The key
 * `all` sets the level of every rule.
 */
export type EnforcementLevel = "advisory" | "mandatory" | "disabled";
export type RuleConfigEntry = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);
export type PolicyPackConfig = Record<string, RuleConfigEntry>;

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled"];

export interface ConfigurableRule {
    name: string;
    enforcementLevel: "advisory" | "mandatory";
    configSchema: PolicyConfigSchema;
}

export interface RuleSettings {
    level: EnforcementLevel;
    /** The rule's config: schema defaults, then the config's values (the stack's context under the user's). */
    values: Record<string, unknown>;
}

/** A rule as the context transport sees it: its name and the stack-context keys it reads. */
export interface ContextReadingRule {
    name: string;
    context: readonly PolicyContextKey[];
}

function entryObject(entry: RuleConfigEntry | undefined): { enforcementLevel?: EnforcementLevel } & Record<string, unknown> {
    if (entry === undefined) return {};
    return typeof entry === "string" ? { enforcementLevel: entry } : entry;
}

export function resolveRuleSettings(rule: ConfigurableRule, config: PolicyPackConfig = {}): RuleSettings {
    const { enforcementLevel, ...values } = entryObject(config[rule.name]);
    const level = enforcementLevel ?? entryObject(config.all).enforcementLevel ?? rule.enforcementLevel;
    return { level, values: { ...schemaDefaults(rule.configSchema), ...values } };
}

/**
 * The policy config one stack is checked with: each rule's declared context keys, taken from the
 * stack's context, laid under the user's own settings for that rule. This is the one way context
 * reaches a rule in every runner: the in-process evaluator resolves it directly, and for
 * `pulumi up --policy-pack` it is the `--policy-pack-config` document, which the engine hands to
 * the pack through the Configure call (`meridian policy context` writes it).
 */
export function stackPolicyConfig(rules: readonly ContextReadingRule[], config: PolicyPackConfig = {}, context?: PolicyContext): PolicyPackConfig {
    const withContext: PolicyPackConfig = { ...config };
    for (const rule of rules) {
        const values = contextFor(rule.context, context);
        if (Object.keys(values).length) withContext[rule.name] = { ...values, ...entryObject(config[rule.name]) };
    }
    return withContext;
}

const JSON_TYPE_CHECKS: Record<string, (value: unknown) => boolean> = {
    string: (value) => typeof value === "string",
    number: (value) => typeof value === "number",
    integer: (value) => Number.isInteger(value),
    boolean: (value) => typeof value === "boolean",
    array: (value) => Array.isArray(value),
    object: (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    null: (value) => value === null,
};

/** Every problem with a config document, against the rules it configures. */
export function checkPolicyConfig(file: string, value: unknown, rules: readonly ConfigurableRule[]): InputProblem[] {
    const problems: InputProblem[] = [];
    const problem = (at: string, message: string) => problems.push({ file, path: at, message });
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return [{ file, path: "", message: "must be a mapping of rule name to enforcement level or settings" }];
    const byName = new Map(rules.map((rule) => [rule.name, rule]));
    for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
        const rule = byName.get(name);
        if (!rule && name !== "all") {
            problem(name, `"${name}" is not a rule of the pack (known: all, ${[...byName.keys()].join(", ")})`);
            continue;
        }
        const object = typeof entry === "string" ? { enforcementLevel: entry } : entry;
        if (typeof object !== "object" || object === null || Array.isArray(object)) {
            problem(name, "must be an enforcement level or a mapping of settings");
            continue;
        }
        for (const [key, setting] of Object.entries(object as Record<string, unknown>)) {
            if (key === "enforcementLevel") {
                if (!ENFORCEMENT_LEVELS.includes(setting as EnforcementLevel))
                    problem(`${name}.enforcementLevel`, `${JSON.stringify(setting)} is not one of ${ENFORCEMENT_LEVELS.join(", ")}`);
                continue;
            }
            const property = rule?.configSchema.properties[key];
            if (!rule || typeof property !== "object") {
                const known = rule ? Object.keys(rule.configSchema.properties) : [];
                problem(`${name}.${key}`, `unknown setting (allowed: ${["enforcementLevel", ...known].join(", ")})`);
                continue;
            }
            const types = property.type === undefined ? [] : Array.isArray(property.type) ? property.type : [property.type];
            if (types.length && !types.some((type) => JSON_TYPE_CHECKS[type](setting)))
                problem(`${name}.${key}`, `${JSON.stringify(setting)} is not of type ${types.join(" or ")}`);
        }
    }
    return problems;
}

/** Reads a YAML or JSON policy config file; throws InputError with every problem. */
export function loadPolicyConfig(file: string, rules: readonly ConfigurableRule[]): PolicyPackConfig {
    const read = readYamlFile("", file);
    if (read.problems.length) throw new InputError(read.problems);
    const problems = checkPolicyConfig(file, read.value, rules);
    if (problems.length) throw new InputError(problems);
    return read.value as PolicyPackConfig;
}
