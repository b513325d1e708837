import { action, Command, formatOption, printJson } from "../command-kit";
import { EXIT_OK, EXIT_VIOLATIONS } from "../../lib/input-error";

/**
 * `meridian policy check FILE...`: the CrossGuard pack, run in-process over plan.json files,
 * `pulumi stack export` documents or `pulumi preview --json` output.
 */
export function register(program: Command): void {
    const policy = program.command("policy").description("Run the meridian-guardrails policy pack outside a Pulumi deployment.");
    policy
        .command("check")
        .description(
            "Check plan.json, `pulumi stack export` or `pulumi preview --json --show-sames` files against the pack (told apart by content). " +
                "Exit 0: no mandatory finding; 1: mandatory findings; 2: unreadable input, bad config or an expired exception.",
        )
        .argument("<files...>", "files to check")
        .addOption(formatOption(["text", "json", "sarif"]))
        .option("--config <file>", "policy config (YAML or JSON): rule → enforcement level or settings, as for --policy-pack-config")
        .option("--exceptions <file>", "exceptions file (YAML or JSON); defaults to policies/exceptions.yaml")
        .addHelpText(
            "after",
            "\nExamples:\n  meridian policy check plan-out/plan.json\n  pulumi preview --json --show-sames > preview.json && meridian policy check preview.json --format sarif > policy.sarif\n" +
                "  pulumi stack export > state.json && meridian policy check state.json --config policy-config.yaml\n",
        )
        .action(
            action(async (files: string[], options: { format: "text" | "json" | "sarif"; config?: string; exceptions?: string }) => {
                const { runPolicyCheck, ALL_RULES } = await import("../../policies/policy-check");
                const result = runPolicyCheck(files, { configFile: options.config, exceptionsFile: options.exceptions });
                if (options.format === "json") {
                    printJson(result);
                } else if (options.format === "sarif") {
                    const { sarifReport } = await import("../../policies/report/sarif-report");
                    printJson(sarifReport(result.findings, ALL_RULES, require("../../package.json").version as string));
                } else {
                    const { textReport } = await import("../../policies/report/text-report");
                    process.stdout.write(textReport(result.findings, result.suppressed.length));
                }
                return result.mandatory > 0 ? EXIT_VIOLATIONS : EXIT_OK;
            }),
        );
}
