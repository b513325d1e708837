import type { PolicyResource, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import type { PlannedStack, PolicyFinding } from "../lib/contracts/plan-document";
import { applyExceptions, PolicyException, SuppressedFinding } from "./exceptions";
import type { FleetRule } from "./fleet/fleet-kit";
import { FLEET_RULES } from "./fleet-rules";
import { isUnknownValueError } from "./iam/unknown-values";
import type { NormalisedResource, NormalisedStack } from "./normalised-stack";
import { fromPlannedStacks } from "./planned-stacks";
import { PolicyPackConfig, resolveRuleSettings, RuleSettings, stackPolicyConfig } from "./policy-config";
import { isResourceRule, MeridianResourceRule, MeridianRule, MeridianStackRule } from "./rule-kit";
import { MERIDIAN_RULES } from "./rules";
import { unknownCheckingView } from "./unknown-values-proxy";

/**
 * Runs the pack's rule objects in-process over normalised stacks with CrossGuard's semantics:
 * resource validations see inputs, stack validations see outputs (with inputs laid over them);
 * `notApplicable()` ends a check quietly; reading a value unknown during preview turns the check
 * into an advisory "cannot check" finding; schema defaults fill the config; disabled rules do not run.
 */

export type OutcomeStatus = "pass" | "violation" | "not-applicable" | "cannot-check";

export interface RuleOutcome {
    rule: string;
    stack: string;
    /** The resource checked, for resource rules. */
    urn?: string;
    status: OutcomeStatus;
    findings: PolicyFinding[];
    /** Why the rule did not apply, or what could not be known. */
    reason?: string;
}

export interface EvaluationOptions {
    config?: PolicyPackConfig;
    rules?: readonly MeridianRule[];
}

/**
 * Thrown by `args.notApplicable()`. Deliberately not an Error: most rules end this way for most
 * resources, and capturing a stack trace each time dominated evaluation time.
 */
class NotApplicable {
    constructor(readonly reason: string) {}
}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason ?? "not applicable");
}

function typeOfClass(resourceClass: unknown): string | undefined {
    return (resourceClass as { __pulumiType?: string }).__pulumiType;
}

function providerOf(stack: NormalisedStack, resource: NormalisedResource) {
    const provider = stack.resources.find((candidate) => candidate.urn === resource.provider);
    return provider ? { type: provider.type, urn: provider.urn, name: provider.name, props: unknownCheckingView({ ...provider.props }) } : undefined;
}

function policyOptions(resource: NormalisedResource) {
    return {
        protect: resource.opts.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: resource.parent,
    };
}

function runSync(rule: MeridianRule, result: unknown): void {
    if (result && typeof (result as PromiseLike<void>).then === "function") {
        throw new Error(`rule ${rule.name} returned a promise; the in-process evaluator runs rules synchronously`);
    }
}

/** Runs one validation and classifies how it ended. */
function classify(rule: MeridianRule, stack: string, urn: string | undefined, settings: RuleSettings, body: (report: ReportViolation) => void): RuleOutcome {
    const findings: PolicyFinding[] = [];
    const level = settings.level === "advisory" ? "advisory" : "mandatory";
    const report: ReportViolation = (message, violatingUrn) => {
        findings.push({ policy: rule.name, level, stack, urn: violatingUrn ?? urn, message, remediation: rule.remediationSteps });
    };
    try {
        body(report);
    } catch (error) {
        if (error instanceof NotApplicable)
            return { rule: rule.name, stack, urn, status: findings.length ? "violation" : "not-applicable", findings, reason: error.reason };
        if (isUnknownValueError(error)) {
            const reason = `cannot check during preview: ${(error as Error).message}`;
            findings.push({ policy: rule.name, level: "advisory", stack, urn, message: reason, remediation: rule.remediationSteps });
            return { rule: rule.name, stack, urn, status: "cannot-check", findings, reason };
        }
        throw error;
    }
    return { rule: rule.name, stack, urn, status: findings.length ? "violation" : "pass", findings };
}

export function runResourceRule(rule: MeridianResourceRule, stack: NormalisedStack, resource: NormalisedResource, settings: RuleSettings): RuleOutcome {
    return classify(rule, stack.name, resource.urn, settings, (report) => {
        // Built on first use: most rules read only `type` before deciding they do not apply.
        let props: Record<string, unknown> | undefined;
        const view = () => (props ??= unknownCheckingView({ ...resource.props }));
        const args: ResourceValidationArgs = {
            type: resource.type,
            get props() {
                return view();
            },
            urn: resource.urn,
            name: resource.name,
            get opts() {
                return policyOptions(resource);
            },
            get provider() {
                return providerOf(stack, resource);
            },
            stackTags: new Map(),
            isType: (resourceClass) => typeOfClass(resourceClass) === resource.type,
            asType: ((resourceClass: unknown) => (typeOfClass(resourceClass) === resource.type ? view() : undefined)) as ResourceValidationArgs["asType"],
            getConfig: <T extends object>() => settings.values as T,
            notApplicable,
        };
        runSync(rule, rule.validateResource(args, report));
    });
}

/**
 * What a stack validation sees: outputs, with the inputs laid over them. The engine echoes inputs
 * into outputs; the offline plan's mocks instead answer every resource with a computed `arn`,
 * which for an EventBridge target would hide the ARN it targets.
 */
export function stackState(resource: NormalisedResource): Record<string, unknown> {
    return { ...resource.outputs, ...resource.props };
}

function policyResources(stack: NormalisedStack): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const views = stack.resources.map((resource) => {
        const props = unknownCheckingView(stackState(resource), [], resource.outputsUnknown === true);
        const view = {
            type: resource.type,
            props,
            urn: resource.urn,
            name: resource.name,
            opts: policyOptions(resource),
            provider: providerOf(stack, resource),
            dependencies: [] as PolicyResource[],
            propertyDependencies: {} as Record<string, PolicyResource[]>,
            isType: (resourceClass: unknown) => typeOfClass(resourceClass) === resource.type,
            asType: (resourceClass: unknown) => (typeOfClass(resourceClass) === resource.type ? props : undefined),
        } as unknown as PolicyResource;
        byUrn.set(resource.urn, view);
        return view;
    });
    stack.resources.forEach((resource, index) => {
        const view = views[index];
        const resolve = (urns: readonly string[] | undefined) => (urns ?? []).map((urn) => byUrn.get(urn)).filter((r): r is PolicyResource => r !== undefined);
        if (resource.parent) view.parent = byUrn.get(resource.parent);
        view.dependencies = resolve(resource.dependencies);
        for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) view.propertyDependencies[key] = resolve(urns);
    });
    return views;
}

export function runStackRule(rule: MeridianStackRule, stack: NormalisedStack, settings: RuleSettings, resources = policyResources(stack)): RuleOutcome {
    return classify(rule, stack.name, undefined, settings, (report) => {
        const args: StackValidationArgs = { resources, stackTags: new Map(), getConfig: <T extends object>() => settings.values as T, notApplicable };
        runSync(rule, rule.validateStack(args, report));
    });
}

/** Every rule over every resource of one stack; disabled rules are skipped. */
export function evaluateStackOutcomes(stack: NormalisedStack, options: EvaluationOptions = {}): RuleOutcome[] {
    const outcomes: RuleOutcome[] = [];
    let resources: PolicyResource[] | undefined;
    const rules = options.rules ?? MERIDIAN_RULES;
    const config = stackPolicyConfig(rules, options.config, stack.context);
    for (const rule of rules) {
        const settings = resolveRuleSettings(rule, config);
        if (settings.level === "disabled") continue;
        if (isResourceRule(rule)) {
            for (const resource of stack.resources) outcomes.push(runResourceRule(rule, stack, resource, settings));
        } else {
            resources ??= policyResources(stack);
            outcomes.push(runStackRule(rule, stack, settings, resources));
        }
    }
    return outcomes;
}

export function evaluateStacks(stacks: readonly NormalisedStack[], options: EvaluationOptions = {}): PolicyFinding[] {
    return stacks.flatMap((stack) => evaluateStackOutcomes(stack, options).flatMap((outcome) => outcome.findings));
}

export interface FleetEvaluationOptions {
    config?: PolicyPackConfig;
    rules?: readonly FleetRule[];
}

/** The fleet-wide rules over every stack; stack context (kind, subsystem, account, region) must be set. */
export function evaluateFleetStacks(stacks: readonly NormalisedStack[], options: FleetEvaluationOptions = {}): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const rule of options.rules ?? FLEET_RULES) {
        const settings = resolveRuleSettings(rule, options.config);
        if (settings.level === "disabled") continue;
        const level = settings.level === "advisory" ? "advisory" : "mandatory";
        rule.validateFleet(stacks, settings.values, (message, stack, urn) =>
            findings.push({ policy: rule.name, level, stack, urn, message, remediation: rule.remediationSteps }),
        );
    }
    return findings;
}

export function evaluateFleet(planStacks: readonly PlannedStack[], options: FleetEvaluationOptions = {}): PolicyFinding[] {
    return evaluateFleetStacks(fromPlannedStacks(planStacks), options);
}

export interface PlanEvaluation {
    findings: PolicyFinding[];
    suppressed: SuppressedFinding[];
    mandatory: number;
    advisory: number;
}

export function summarise(findings: readonly PolicyFinding[], exceptions: readonly PolicyException[] = []): PlanEvaluation {
    const applied = applyExceptions(findings, exceptions);
    return {
        ...applied,
        mandatory: applied.findings.filter((finding) => finding.level === "mandatory").length,
        advisory: applied.findings.filter((finding) => finding.level === "advisory").length,
    };
}

/**
 * What `meridian plan` runs: the pack over every planned stack, then the fleet rules, then the
 * exceptions (already loaded and checked for expiry with `loadExceptions`).
 */
export function evaluatePlannedStacks(
    planStacks: readonly PlannedStack[],
    options: { config?: PolicyPackConfig; exceptions?: readonly PolicyException[] } = {},
): PlanEvaluation {
    const stacks = fromPlannedStacks(planStacks);
    return summarise([...evaluateStacks(stacks, { config: options.config }), ...evaluateFleetStacks(stacks, { config: options.config })], options.exceptions);
}
