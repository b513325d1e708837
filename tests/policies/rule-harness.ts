import type { NormalisedResource, NormalisedStack } from "../../policies/normalised-stack";
import { PolicyPackConfig, resolveRuleSettings } from "../../policies/policy-config";
import { RuleOutcome, runResourceRule, runStackRule } from "../../policies/evaluator";
import { isResourceRule, MeridianRule } from "../../policies/rule-kit";

/** Test helpers: build resources in a stack named `test` and run one rule over them with CrossGuard semantics. */

export const ACCOUNT = "123456789012";

export function resource(type: string, name: string, props: Record<string, unknown>, extra: Partial<NormalisedResource> = {}): NormalisedResource {
    return { urn: `urn:pulumi:test::meridian::${type}::${name}`, type, name, props, opts: { protect: false }, ...extra };
}

export function stackOf(...resources: NormalisedResource[]): NormalisedStack {
    return { name: "test", resources };
}

export function document(...statements: unknown[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export function roleArn(name: string): string {
    return `arn:aws:iam::${ACCOUNT}:role/${name}`;
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

/** Runs the rule: one outcome per resource for a resource rule, one for the stack for a stack rule. */
export function runRule(rule: MeridianRule, resources: NormalisedResource[], config: PolicyPackConfig = {}): RuleOutcome[] {
    const stack = stackOf(...resources);
    const settings = resolveRuleSettings(rule, config);
    return isResourceRule(rule) ? resources.map((r) => runResourceRule(rule, stack, r, settings)) : [runStackRule(rule, stack, settings)];
}

/** The outcome for the first resource (resource rules) or for the stack (stack rules). */
export function outcomeOf(rule: MeridianRule, resources: NormalisedResource | NormalisedResource[], config: PolicyPackConfig = {}): RuleOutcome {
    return runRule(rule, Array.isArray(resources) ? resources : [resources], config)[0];
}

export function messages(outcome: RuleOutcome): string[] {
    return outcome.findings.map((finding) => finding.message);
}
