import type { PolicyContext } from "../../lib/contracts/policy-context";
import type { NormalisedResource, NormalisedStack } from "../normalised-stack";
import { OutcomeStatus, RuleOutcome, runResourceRule, runStackRule } from "../evaluator";
import { PolicyPackConfig, resolveRuleSettings, stackPolicyConfig } from "../policy-config";
import { isResourceRule, MeridianRule } from "../rule-kit";

/**
 * A rule's scenario table: the cases that define its behaviour, as data. Each rule folder holds
 * one (`scenarios.ts`); tests/policies/rule-scenarios.test.ts runs every table through the
 * in-process evaluator, and the real CrossGuard server test runs the same tables through the
 * analyzer, so both runners are held to one set of expectations.
 */
export interface RuleScenario {
    /** What the case shows, as a sentence: "fails on iam:* on Resource *". */
    name: string;
    /** The stack's resources, in registration order. */
    resources: NormalisedResource[];
    /** The user's policy pack config, as `--policy-pack-config` gives it. */
    config?: PolicyPackConfig;
    /** The stack's context, as plan.json records it. */
    context?: PolicyContext;
    /** Resource rules: the URN whose outcome is judged (default: the first resource's). */
    target?: string;
    /** How the rule's check ends for the judged resource (or the stack, for a stack rule). */
    expect: OutcomeStatus;
    /** Every finding's message, in order; omit to check the status only. A RegExp matches one message. */
    messages?: ReadonlyArray<string | RegExp>;
}

export const ACCOUNT = "123456789012";

export function resource(type: string, name: string, props: Record<string, unknown>, extra: Partial<NormalisedResource> = {}): NormalisedResource {
    return { urn: `urn:pulumi:test::meridian::${type}::${name}`, type, name, props, opts: { protect: false }, ...extra };
}

export function stackOf(resources: NormalisedResource[], context?: PolicyContext): NormalisedStack {
    return { name: "test", resources, context };
}

export function document(...statements: unknown[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export function roleArn(name: string, account = ACCOUNT): string {
    return `arn:aws:iam::${account}:role/${name}`;
}

/** A role with a boundary (so only the rule under test speaks) and outputs carrying its ARN. */
export function role(name: string, props: Record<string, unknown> = {}): NormalisedResource {
    const inputs = {
        name,
        assumeRolePolicy: document({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }),
        permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/test-boundary`,
        ...props,
    };
    return resource("aws:iam/role:Role", name, inputs, { outputs: { ...inputs, arn: roleArn(name), id: name } });
}

export function rolePolicy(name: string, roleName: string, ...statements: unknown[]): NormalisedResource {
    return resource("aws:iam/rolePolicy:RolePolicy", name, { name, role: roleName, policy: document(...statements) });
}

export function managedPolicy(name: string, ...statements: unknown[]): NormalisedResource {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/${name}`;
    const inputs = { name, policy: document(...statements) };
    return resource("aws:iam/policy:Policy", name, inputs, { outputs: { ...inputs, arn, id: arn } });
}

export function attachment(name: string, roleName: string, policyArn: string): NormalisedResource {
    return resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, { role: roleName, policyArn });
}

/** Runs one scenario in process, with CrossGuard's semantics, and returns the judged outcome. */
export function runScenario(rule: MeridianRule, scenario: RuleScenario): RuleOutcome {
    const stack = stackOf(scenario.resources, scenario.context);
    const settings = resolveRuleSettings(rule, stackPolicyConfig([rule], scenario.config, scenario.context));
    if (!isResourceRule(rule)) return runStackRule(rule, stack, settings);
    const urn = scenario.target ?? scenario.resources[0]?.urn;
    const judged = scenario.resources.find((candidate) => candidate.urn === urn);
    if (!judged) throw new Error(`scenario "${scenario.name}": no resource has the target URN ${urn}`);
    return runResourceRule(rule, stack, judged, settings);
}
