import { action, addPolicySettingsOptions, Command, formatOption, PolicySettingsFlags, policySettingsFrom, printJson, rootOption } from "../command-kit";
import { EXIT_OK, EXIT_VIOLATIONS } from "../../lib/input-error";

/**
 * `meridian policy check FILE...`: the CrossGuard pack, run in-process over plan.json files,
 * `pulumi stack export` documents or `pulumi preview --json` output.
 */
export function register(program: Command): void {
    const policy = program.command("policy").description("Run the meridian-guardrails policy pack outside a Pulumi deployment.");
    const check = policy
        .command("check")
        .description(
            "Check plan.json, `pulumi stack export` or `pulumi preview --json --show-sames` files against the pack (told apart by content). " +
                "Exit 0: no mandatory finding; 1: mandatory findings; 2: unreadable input, bad config or an expired, broad or long-lived exception.",
        )
        .argument("<files...>", "files to check")
        .addOption(formatOption(["text", "json", "sarif"]))
        .addOption(rootOption("repository root: SARIF paths are relative to it, and its catalog places findings on catalog lines"))
        .option(
            "--context <plan.json>",
            "check export and preview stacks with the stack context this plan recorded for them (account, boundaries, regions, failover target)",
        );
    addPolicySettingsOptions(check)
        .addHelpText(
            "after",
            "\nExamples:\n  meridian policy check plan-out/plan.json\n  pulumi preview --json --show-sames > preview.json && meridian policy check preview.json --context plan-out/plan.json --format sarif > policy.sarif\n" +
                "  pulumi stack export > state.json && meridian policy check state.json --context plan-out/plan.json --policy-config policy-config.yaml\n",
        )
        .action(
            action(async (files: string[], options: { format: "text" | "json" | "sarif"; root: string; context?: string } & PolicySettingsFlags) => {
                const { runPolicyCheck, ALL_RULES } = await import("../../policies/policy-check");
                const result = await runPolicyCheck(files, { ...policySettingsFrom(options), contextFile: options.context });
                if (options.format === "json") {
                    printJson(result);
                } else if (options.format === "sarif") {
                    const { sarifReport } = await import("../../policies/report/sarif-report");
                    const { findingLocator } = await import("../../stacks/finding-sources");
                    printJson(
                        sarifReport(result.findings, ALL_RULES, {
                            toolVersion: require("../../package.json").version as string,
                            locate: findingLocator(options.root),
                            suppressed: result.suppressed,
                        }),
                    );
                } else {
                    const { textReport } = await import("../../policies/report/text-report");
                    process.stdout.write(textReport(result.findings, result.suppressed.length));
                }
                return result.mandatory > 0 ? EXIT_VIOLATIONS : EXIT_OK;
            }),
        );
    policy
        .command("context")
        .description(
            "Print the --policy-pack-config document for one stack: the stack context its plan recorded, under your policy config, so " +
                "`pulumi up --policy-pack policies` judges the stack as `meridian plan` does. Exit 2: unreadable plan, bad config or unknown stack.",
        )
        .argument("<plan.json>", "a plan written by meridian plan")
        .requiredOption("--stack <name>", "the stack to configure the pack for")
        .option("--policy-config <file>", "your policy pack config (YAML or JSON), laid over the context")
        .addOption(formatOption(["json"], "json"))
        .addHelpText(
            "after",
            "\nExample:\n  meridian policy context plan-out/plan.json --stack orders-prod.eu-west-1 > pack-config.json\n" +
                "  pulumi up --stack orders-prod.eu-west-1 --policy-pack policies --policy-pack-config pack-config.json\n",
        )
        .action(
            action(async (planFile: string, options: { stack: string; policyConfig?: string }) => {
                const { loadPolicySettings } = await import("../../policies/policy-check");
                const { packConfigForStack, readPlanContexts } = await import("../../policies/stack-contexts");
                const { MERIDIAN_RULES } = await import("../../policies/rules");
                const { InputError } = await import("../../lib/input-error");
                const { config } = loadPolicySettings({ configFile: options.policyConfig });
                const contexts = readPlanContexts(planFile);
                if (!contexts.has(options.stack))
                    throw InputError.single(planFile, "stacks", `has no stack "${options.stack}" (it has ${[...contexts.keys()].join(", ")})`);
                printJson(packConfigForStack(MERIDIAN_RULES, config, contexts.get(options.stack)));
                return EXIT_OK;
            }),
        );
}
