import * as fs from "fs";
import * as path from "path";
import { InputError, InputProblem } from "../lib/input-error";
import { evaluateFleetStacks, evaluateStacks } from "./evaluator";
import { applyExceptions, loadExceptions, PolicyException, SuppressedFinding } from "./exceptions";
import { FLEET_RULES } from "./fleet-rules";
import { loadActionCatalog } from "./iam/action-catalog";
import { loadPolicyConfig, PolicyPackConfig } from "./policy-config";
import { readPolicyInput, PolicyInput } from "./readers/policy-input";
import type { FleetRule } from "./fleet/fleet-kit";
import type { LocatedFinding } from "./report/located-finding";
import type { MeridianRule } from "./rule-kit";
import { MERIDIAN_RULES } from "./rules";
import { readPlanContexts, withPlanContexts } from "./stack-contexts";

/** Every rule the checks can report: the pack's, then the fleet's. */
export const ALL_RULES: ReadonlyArray<MeridianRule | FleetRule> = [...MERIDIAN_RULES, ...FLEET_RULES];

/** The repository's own exceptions file, used when none is given. */
export const DEFAULT_EXCEPTIONS_FILE = path.join(__dirname, "exceptions.yaml");

export interface PolicyCheckOptions {
    configFile?: string;
    exceptionsFile?: string;
    /** Accept exceptions that match more than one named resource or run more than a year. */
    allowBroad?: boolean;
    /** A plan.json whose recorded stack context the export and preview inputs are checked with. */
    contextFile?: string;
    now?: Date;
}

export interface PolicyCheckResult {
    inputs: Array<Pick<PolicyInput, "file" | "kind"> & { stacks: string[] }>;
    findings: LocatedFinding[];
    suppressed: SuppressedFinding<LocatedFinding>[];
    mandatory: number;
    advisory: number;
}

/**
 * The pack config and the exceptions, as `meridian policy check` and `meridian plan` both read
 * them: the repository's policies/exceptions.yaml unless another file is given, an expired
 * exception being bad input.
 */
export function loadPolicySettings(options: PolicyCheckOptions): { config: PolicyPackConfig; exceptions: PolicyException[] } {
    const config: PolicyPackConfig = options.configFile ? loadPolicyConfig(options.configFile, ALL_RULES) : {};
    const exceptionsFile = options.exceptionsFile ?? (fs.existsSync(DEFAULT_EXCEPTIONS_FILE) ? DEFAULT_EXCEPTIONS_FILE : undefined);
    const exceptions = exceptionsFile
        ? loadExceptions(
              exceptionsFile,
              ALL_RULES.map((rule) => rule.name),
              options.now ?? new Date(),
              { allowBroad: options.allowBroad },
          )
        : [];
    return { config, exceptions };
}

function readAll(files: readonly string[]): PolicyInput[] {
    const problems: InputProblem[] = [];
    const inputs: PolicyInput[] = [];
    for (const file of files) {
        try {
            inputs.push(readPolicyInput(file));
        } catch (error) {
            if (!(error instanceof InputError)) throw error;
            problems.push(...error.problems);
        }
    }
    if (problems.length) throw new InputError(problems);
    return inputs;
}

/**
 * `meridian policy check`: reads every file (all bad input reported at once, before any check),
 * gives export and preview stacks the context a plan recorded for them when one is named, runs the
 * pack over each stack, the fleet rules over plan.json inputs, then the exceptions.
 */
export async function runPolicyCheck(files: readonly string[], options: PolicyCheckOptions = {}): Promise<PolicyCheckResult> {
    const { config, exceptions } = loadPolicySettings(options);
    const contexts = options.contextFile ? readPlanContexts(options.contextFile) : undefined;
    const inputs = readAll(files).map((input) =>
        contexts && input.kind !== "plan" ? { ...input, stacks: withPlanContexts(input.stacks, contexts, options.contextFile as string) } : input,
    );
    await loadActionCatalog();
    const located: LocatedFinding[] = [];
    for (const input of inputs) {
        const findings = [...evaluateStacks(input.stacks, { config }), ...(input.kind === "plan" ? evaluateFleetStacks(input.stacks, { config }) : [])];
        located.push(...findings.map((finding) => ({ ...finding, file: input.file })));
    }
    const { findings, suppressed } = applyExceptions(located, exceptions);
    return {
        inputs: inputs.map((input) => ({ file: input.file, kind: input.kind, stacks: input.stacks.map((stack) => stack.name) })),
        findings,
        suppressed,
        mandatory: findings.filter((finding) => finding.level === "mandatory").length,
        advisory: findings.filter((finding) => finding.level === "advisory").length,
    };
}
