import type { PolicyFinding } from "../../lib/contracts/plan-document";
import type { PolicyContext } from "../../lib/contracts/policy-context";
import { evaluateFleetStacks } from "../evaluator";
import type { NormalisedResource, NormalisedStack, StackFacts } from "../normalised-stack";
import type { PolicyPackConfig } from "../policy-config";
import type { FleetRule } from "./fleet-kit";

/**
 * A fleet rule's scenario table, like a pack rule's (policies/rules/scenario-kit.ts): planned
 * stacks in, how the rule ends out. tests/policies/fleet-rule-scenarios.test.ts runs every table of
 * a fleet rule folder (policies/fleet/<rule>/scenarios.ts).
 */
export interface FleetScenario {
    name: string;
    stacks: NormalisedStack[];
    config?: PolicyPackConfig;
    expect: "pass" | "violation" | "not-applicable";
    /** Every finding's message, in order; omit to check the status only. */
    messages?: ReadonlyArray<string | RegExp>;
}

export interface FleetOutcome {
    status: FleetScenario["expect"];
    findings: PolicyFinding[];
}

export function runFleetScenario(rule: FleetRule, scenario: FleetScenario): FleetOutcome {
    let notApplicable = false;
    const findings = evaluateFleetStacks(scenario.stacks, {
        config: scenario.config,
        rules: [
            {
                ...rule,
                validateFleet: (stacks, config, report) => {
                    notApplicable = rule.validateFleet(stacks, config, report) !== undefined;
                },
            },
        ],
    });
    return { status: findings.length ? "violation" : notApplicable ? "not-applicable" : "pass", findings };
}

/** A planned stack for a scenario: its name, where it sits, its resources and its context. */
export function plannedStack(name: string, facts: StackFacts, resources: NormalisedResource[], context: PolicyContext = {}): NormalisedStack {
    return {
        name,
        facts,
        context,
        resources: resources.map((resource) => ({ ...resource, urn: resource.urn.replace("urn:pulumi:test::", `urn:pulumi:${name}::`) })),
    };
}
