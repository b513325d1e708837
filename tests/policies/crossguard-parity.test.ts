import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { NormalisedStack } from "../../policies/normalised-stack";
import { fromPlannedStacks } from "../../policies/planned-stacks";
import { readPolicyInput } from "../../policies/readers/policy-input";
import { MERIDIAN_RULES } from "../../policies/rules";
import { stackOf } from "../../policies/rules/scenario-kit";
import { exampleFleetPlan, exampleFleetPreview as examplePreview } from "../helpers/example-catalog";
import { UNKNOWN_VALUE } from "../../stacks/offline/plain-values";
import { inProcessOutcomes, repositoryStackConfig, serverRun, stackFile, withDefaultProvider } from "./crossguard/engine-stack";
import { findingKey, PolicyPackProcess, RunnerOutcome } from "./crossguard/policy-pack-process";
import { installedPackCopy, REPO } from "./crossguard/installed-pack";
import { trippedFleet } from "./tripped-fleet";
import { register } from "../../cli/commands/policy";
import { runCommand } from "../helpers/cli";
import type { PolicyPackConfig } from "../../policies/policy-config";
import { scenariosOf } from "./rule-tables";
import { ESCALATION_CORPUS } from "./iam/escalation-corpus";

/**
 * The pack under `@pulumi/policy`'s real analyzer server, started and driven as the Pulumi CLI
 * does (see crossguard/policy-pack-process.ts), must give the same verdict as the in-process
 * evaluator on every input: outcome for outcome (pass, violation, not applicable, cannot check),
 * finding for finding (level, URN, message).
 */

const FIXTURES = path.resolve(__dirname, "../fixtures/pulumi-real");

function row(outcome: RunnerOutcome): string {
    return `${outcome.rule} ${outcome.urn ?? "(stack)"} ${outcome.status}${outcome.reason ? ` (${outcome.reason})` : ""}${outcome.findings.map((f) => `\n    ${f}`).join("")}`;
}

function rows(outcomes: readonly RunnerOutcome[]): string[] {
    return outcomes.map(row).sort();
}

describe("the pack under the real CrossGuard server", function () {
    // Installing the pack's copy, then starting it, which type-checks it with ts-node as `pulumi up --policy-pack` does.
    this.timeout(600_000);
    let pack: PolicyPackProcess;
    /** Outcomes agreed, by input set (test title). */
    const agreed = new Map<string, number>();
    let current = "";

    let installed: ReturnType<typeof installedPackCopy> | undefined;

    before(async () => {
        installed = installedPackCopy();
        pack = await PolicyPackProcess.start(installed.packDir);
    });
    after(async () => {
        await pack?.stop();
        installed?.remove();
        const total = [...agreed.values()].reduce((sum, count) => sum + count, 0);
        process.stdout.write(`      ${total} outcomes agreed between the real server and the in-process evaluator:\n`);
        for (const [input, count] of agreed) process.stdout.write(`        ${count}  ${input}\n`);
    });
    beforeEach(function () {
        current = this.currentTest?.title ?? "";
    });

    async function assertAgreement(stack: NormalisedStack, options: Parameters<typeof serverRun>[1]): Promise<RunnerOutcome[]> {
        const server = rows(await pack.analyze(serverRun(stack, options)));
        const outcomes = inProcessOutcomes(stack, options.config);
        assert.deepEqual(server, rows(outcomes), `stack ${stack.name}: the runners disagree\n${pack.log}`);
        agreed.set(current, (agreed.get(current) ?? 0) + server.length);
        return outcomes;
    }

    it("runs from a clean offline install of the pack's own package.json and lockfile, as a CI checkout runs it", () => {
        const fromCopy = (request: string) => require.resolve(request, { paths: [installed!.packDir] });
        assert.ok(fromCopy("@pulumi/pulumi/cmd/run-policy-pack").startsWith(installed!.packDir), "the engine locates run-policy-pack from the pack's folder");
        assert.ok(fromCopy("@pulumi/policy").startsWith(installed!.packDir));
        assert.ok(!installed!.packDir.startsWith(REPO));
    });

    it("declares every rule of the pack, with its enforcement level and type", () => {
        assert.deepEqual(
            pack.policies.map((policy) => `${policy.name} ${policy.enforcementLevel} ${policy.type}`).sort(),
            MERIDIAN_RULES.map((rule) => `${rule.name} ${rule.enforcementLevel} ${"validateResource" in rule ? "resource" : "stack"}`).sort(),
        );
    });

    it("agrees on the example fleet's plan, each stack with its default provider as the engine registers it", async () => {
        const plan = await exampleFleetPlan();
        for (const planned of fromPlannedStacks(plan.stacks)) {
            const stackConfig = repositoryStackConfig(planned.name);
            await assertAgreement(withDefaultProvider(planned, stackConfig), { stackConfig, dryRun: false });
        }
    });

    it("agrees on a preview-mode render of the fleet: no ids, computed outputs unknown, as a first pulumi preview", async () => {
        const previewed = fromPlannedStacks(await examplePreview());
        assert.ok(previewed.some((stack) => stack.resources.some((resource) => JSON.stringify(resource.props).includes(UNKNOWN_VALUE))));
        for (const stack of previewed) {
            const stackConfig = repositoryStackConfig(stack.name);
            await assertAgreement(withDefaultProvider(stack, stackConfig), { stackConfig, dryRun: true });
        }
    });

    it("reads a stack's own account from the default provider as the engine encodes it (allowedAccountIds is JSON text), when no context is configured", async () => {
        // `pulumi up --policy-pack policies` with no --policy-pack-config: trust-policy-tight falls back to the provider.
        const plan = await exampleFleetPlan();
        // A stack of an account still to be created has no stack file yet, so no provider config either.
        const globals = fromPlannedStacks(plan.stacks).filter((stack) => stack.facts?.kind === "account" && fs.existsSync(stackFile(stack.name)));
        assert.ok(globals.length >= 5);
        for (const planned of globals) {
            const stackConfig = repositoryStackConfig(planned.name);
            const outcomes = await assertAgreement({ ...withDefaultProvider(planned, stackConfig), context: undefined }, { stackConfig, dryRun: false });
            const trust = outcomes.filter((outcome) => outcome.rule === "trust-policy-tight" && outcome.status === "violation");
            assert.deepEqual(trust.map(row), [], `stack ${planned.name}`);
        }
    });

    it("gives the plan's findings when configured with `meridian policy context`, catalog settings that trip a rule included", async () => {
        const fleet = await trippedFleet();
        for (const name of ["orders-prod.eu-west-1", "orders-prod.global"]) {
            const planned = fromPlannedStacks(fleet.plan.stacks).find((stack) => stack.name === name)!;
            const printed = await runCommand({ register }, ["policy", "context", fleet.planFile, "--stack", name]);
            const policyConfig = JSON.parse(printed.stdout) as PolicyPackConfig;
            // The stack carries no context of its own here: the pack learns it from the config alone.
            const outcomes = await pack.analyze({ stack: { ...planned, context: undefined }, policyConfig, dryRun: false });
            const fromPlan = fleet.plan.policy.findings
                .filter((finding) => finding.stack === name && MERIDIAN_RULES.some((rule) => rule.name === finding.policy))
                .map((finding) => findingKey(finding.level, finding.urn, finding.message))
                .sort();
            assert.ok(name.endsWith(".global") || fromPlan.some((line) => line.includes("over the failover target of 80 s")));
            assert.deepEqual(outcomes.flatMap((outcome) => outcome.findings).sort(), fromPlan);
        }
    });

    for (const file of fs.readdirSync(FIXTURES).filter((name) => name.endsWith(".json"))) {
        it(`agrees on the real Pulumi CLI file ${file}`, async () => {
            const input = readPolicyInput(path.join(FIXTURES, file));
            for (const stack of input.stacks) await assertAgreement(stack, { dryRun: input.kind === "preview" });
        });
    }

    it("agrees on the escalation corpus", async () => {
        for (const corpusCase of ESCALATION_CORPUS) {
            await assertAgreement(stackOf(corpusCase.resources, corpusCase.context), { config: corpusCase.config, dryRun: false });
        }
    });

    for (const rule of MERIDIAN_RULES) {
        it(`agrees on every scenario of ${rule.name}`, async () => {
            for (const scenario of scenariosOf(rule.name)) {
                await assertAgreement(stackOf(scenario.resources, scenario.context), { config: scenario.config, dryRun: false });
            }
        });
    }
});
