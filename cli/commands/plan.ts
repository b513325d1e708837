import { Command } from "commander";
import { action, addPolicySettingsOptions, formatOption, PolicySettingsFlags, policySettingsFrom, printJson, rootOption } from "../command-kit";

export function register(program: Command): void {
    const command = program
        .command("plan")
        .description(
            "render every stack of the fleet offline with the real stack programs under Pulumi mocks, evaluate the policy pack per stack and fleet-wide, and write plan.json and summary.txt",
        )
        .addOption(rootOption("tree holding the catalogs (plan a copy to try a change)"))
        .option("--stack <pattern...>", "only these stacks (globs over stack names, e.g. 'orders-*' '*.eu-west-1'); the stacks they read from are rendered too")
        .option("--out <dir>", "where to write plan.json and summary.txt", "plan-out")
        .option("--quiet", "no per-stack progress on stderr", false)
        .addOption(formatOption());
    addPolicySettingsOptions(command)
        .addHelpText(
            "after",
            "\nExit codes: 0 no mandatory policy violation and no denied provider call, 1 mandatory violations or a call a deploying principal would be refused (or a stack failed to render), 2 bad catalog or flags (nothing written).",
        )
        .action(
            action(
                async (
                    options: {
                        root: string;
                        stack?: string[];
                        out: string;
                        quiet: boolean;
                        format: string;
                    } & PolicySettingsFlags,
                ) => {
                    const { checkOutputPath } = await import("../../lib/output-path");
                    checkOutputPath("--out", options.out, "directory");
                    const settings = policySettingsFrom(options);
                    const { planWithPolicy } = await import("../plan-with-policy");
                    const { deniedCallCount, planSummary, writePlan } = await import("../../stacks/plan-output");
                    const plan = await planWithPolicy({
                        root: options.root,
                        stackPatterns: options.stack,
                        policyConfigFile: settings.configFile,
                        exceptionsFile: settings.exceptionsFile,
                        allowBroad: settings.allowBroad,
                        onStackRendered: options.quiet
                            ? undefined
                            : (progress) =>
                                  process.stderr.write(
                                      `[${String(progress.index).padStart(String(progress.total).length)}/${progress.total}] ${progress.stack}: ${progress.resources} resources, ${progress.milliseconds} ms\n`,
                                  ),
                    });
                    const written = writePlan(plan, options.out);
                    if (options.format === "json") {
                        printJson({
                            written,
                            stacks: plan.stacks.map((stack) => ({
                                name: stack.name,
                                wave: stack.wave,
                                kind: stack.kind,
                                region: stack.region,
                                resources: stack.resources.length,
                                deployability: stack.deployability,
                            })),
                            policy: plan.policy,
                        });
                    } else {
                        process.stdout.write(planSummary(plan));
                        process.stdout.write(`\nwrote ${written.join(", ")}\n`);
                    }
                    return plan.policy.mandatory > 0 || deniedCallCount(plan) > 0 ? 1 : 0;
                },
            ),
        );
}
