import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { evaluateStackOutcomes } from "../../../policies/evaluator";
import type { NormalisedResource, NormalisedStack } from "../../../policies/normalised-stack";
import { stackPolicyConfig, type PolicyPackConfig } from "../../../policies/policy-config";
import { MERIDIAN_RULES } from "../../../policies/rules";
import { plainOf } from "./engine-marshal";
import { findingKey, RunnerOutcome, StackRun } from "./policy-pack-process";

/**
 * A stack as the engine holds it, and one stack run through the in-process evaluator in the
 * shape the real-server runner reports, so the two can be compared outcome for outcome.
 */

const AWS_PROVIDER_VERSION: string = (require("@pulumi/aws/package.json") as { version: string }).version;

/**
 * A stack file's config as the engine reads it: `namespace:key` → the value as a string, a
 * structured value as its JSON text (pulumi/pulumi sdk/go/common/resource/config, Value.Value).
 */
export function readStackConfig(file: string): Record<string, string> {
    const document = parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(document.config ?? {}).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
}

/**
 * Adds the default AWS provider the engine registers for the stack: its inputs are the stack's
 * `aws:` config values, all strings (pulumi/pulumi pkg/resource/deploy/target.go GetPackageConfig,
 * and default_providers.go, commit 1b5949891b3cefcb9974752b24a5ecef0acc86c8), plus the plugin
 * version. The offline plan names that provider on every AWS resource but does not record it.
 */
export function withDefaultProvider(stack: NormalisedStack, stackConfig: Readonly<Record<string, string>>): NormalisedStack {
    const urn = `urn:pulumi:${stack.name}::meridian::pulumi:providers:aws::default_${AWS_PROVIDER_VERSION.replace(/\./g, "_")}`;
    if (stack.resources.some((resource) => resource.urn === urn) || !stack.resources.some((resource) => resource.provider === urn)) return stack;
    const props: Record<string, unknown> = { version: AWS_PROVIDER_VERSION };
    for (const [key, value] of Object.entries(stackConfig)) if (key.startsWith("aws:")) props[key.slice("aws:".length)] = value;
    const provider: NormalisedResource = {
        urn,
        type: "pulumi:providers:aws",
        name: urn.split("::").pop() as string,
        props,
        outputs: props,
        opts: { protect: false },
    };
    return { ...stack, resources: [provider, ...stack.resources] };
}

export function stackFile(stackName: string): string {
    return path.resolve(__dirname, "../../../stacks", `Pulumi.${stackName}.yaml`);
}

/** The repository's stack file for a stack, read as the engine reads it; none for a stack without a file. */
export function repositoryStackConfig(stackName: string): Record<string, string> {
    const file = stackFile(stackName);
    return fs.existsSync(file) ? readStackConfig(file) : {};
}

/** The `--policy-pack-config` document the stack is run with: its context laid under the user's config. */
export function serverRun(stack: NormalisedStack, options: { config?: PolicyPackConfig; stackConfig?: Record<string, string>; dryRun: boolean }): StackRun {
    return { stack, stackConfig: options.stackConfig, policyConfig: stackPolicyConfig(MERIDIAN_RULES, options.config, stack.context), dryRun: options.dryRun };
}

/** The same stack through the in-process evaluator, reported as the real-server runner reports. */
export function inProcessOutcomes(stack: NormalisedStack, config?: PolicyPackConfig): RunnerOutcome[] {
    const plain: NormalisedStack = {
        ...stack,
        resources: stack.resources.map((resource) => ({
            ...resource,
            props: plainOf(resource.props) as Record<string, unknown>,
            outputs: resource.outputs && (plainOf(resource.outputs) as Record<string, unknown>),
        })),
    };
    return evaluateStackOutcomes(plain, { config }).map((outcome) => ({
        rule: outcome.rule,
        urn: outcome.urn,
        status: outcome.status,
        findings: outcome.findings.map((finding) => findingKey(finding.level, finding.urn, finding.message)).sort(),
        ...(outcome.status === "not-applicable" ? { reason: outcome.reason } : {}),
    }));
}
