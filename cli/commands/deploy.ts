import { Command, Option } from "commander";
import { InputError } from "../../lib/input-error";
import { action, formatOption, printJson, printTable, rootOption } from "../command-kit";
import type { DeployOperation } from "../../stacks/deploy/stack-runner";

/**
 * `meridian up|preview|refresh`: one Pulumi operation across the fleet, wave by wave, through the
 * Automation API. There is deliberately no `destroy`: accounts are retained, never torn down by a
 * fleet command.
 */
const DESCRIPTIONS: Record<DeployOperation, string> = {
    up: "deploy the fleet's stacks in wave order (pulumi up per stack through the Automation API)",
    preview: "preview the fleet's stacks in wave order (pulumi preview per stack); changes nothing",
    refresh: "refresh the fleet's stacks' state from the cloud in wave order (pulumi refresh per stack)",
};

interface DeployFlags {
    root: string;
    stack?: string[];
    wave?: string;
    parallel: string;
    continueOnError: boolean;
    policyPack?: string[];
    resume: boolean;
    format: string;
}

export function register(program: Command): void {
    for (const operation of ["up", "preview", "refresh"] as const) {
        const command = program
            .command(operation)
            .description(DESCRIPTIONS[operation])
            .addOption(rootOption("project tree holding Pulumi.yaml and the catalogs"))
            .option("--stack <pattern...>", "only stacks whose name matches a glob (e.g. 'orders-prod.*'); repeatable")
            .option("--wave <n>", "only the stacks of this wave (0 organization, 1 account, 2 subsystem-in-region)")
            .option("--parallel <n>", "most stacks running at once within a wave", "4")
            .option("--continue-on-error", "after a failure, keep running stacks that do not depend on it", false)
            .option("--resume", `skip the stacks that succeeded in the previous \`meridian ${operation}\` (state in .meridian/deploy-state.json)`, false)
            .addOption(formatOption());
        if (operation !== "refresh") {
            command.addOption(new Option("--policy-pack <dir...>", "CrossGuard pack(s) to enforce, e.g. policies"));
        }
        command.addHelpText(
            "after",
            [
                "",
                "Up and preview first create a stack the backend lacks (`pulumi stack init` with the catalog's secrets provider) and",
                "select the others. Up checks, before wave 2, that the parent zone is delegated to the DNS account's zone.",
                "From a workstation, run as the management account's meridian-bootstrap role (docs/guides/bootstrap-a-new-organisation.md).",
                "Progress is one line per stack state change; each stack's engine output goes to .meridian/logs/<operation>/<stack>.log.",
                "A failed stack's dependents (by dependsOn, and later waves of the same account) are skipped.",
                "Up runs a regional stack that failed once more, once its wave's other stacks have run, when a peer region of its",
                "account is in the run (a peer region's bus may not have existed at the first attempt); --format json shows it as retry.",
                "Exit codes: 0 every stack succeeded, 1 a stack failed or was skipped, 2 bad input.",
                "",
                "Examples:",
                operation === "refresh" ? `  meridian ${operation}` : `  meridian ${operation} --policy-pack policies`,
                `  meridian ${operation} --stack 'orders-*' --wave 2 --parallel 8 --continue-on-error`,
                `  meridian ${operation} --resume`,
            ].join("\n"),
        );
        command.action(action((flags: DeployFlags) => run(operation, flags)));
    }
}

async function run(operation: DeployOperation, flags: DeployFlags): Promise<number> {
    const { deployFleet } = await import("../../stacks/deploy/deploy-fleet");
    const { createAutomationRunner } = await import("../../stacks/deploy/automation-runner");
    const { formatProgressLine, summaryFooter, summaryRows, SUMMARY_HEADERS } = await import("../../stacks/deploy/fleet-report");
    const json = flags.format === "json";
    // In JSON mode stdout carries only the result document; progress goes to stderr.
    const progress = json ? process.stderr : process.stdout;
    const report = await deployFleet({
        root: flags.root,
        operation,
        selection: { patterns: flags.stack ?? [], wave: flags.wave === undefined ? undefined : wholeNumber("--wave", flags.wave, 0) },
        parallel: wholeNumber("--parallel", flags.parallel, 1),
        continueOnError: flags.continueOnError,
        policyPacks: flags.policyPack ?? [],
        resume: flags.resume,
        createRunner: createAutomationRunner,
        onProgress: (event) => progress.write(`${formatProgressLine(event)}\n`),
    });
    if (json) {
        printJson({ operation: report.operation, ok: report.ok, stacks: report.outcomes });
    } else {
        process.stdout.write("\n");
        printTable(SUMMARY_HEADERS, summaryRows(report));
        process.stdout.write(`\n${summaryFooter(report).join("\n")}\n`);
        if (!report.ok) process.stdout.write(`fix the failures, then \`meridian ${operation} --resume\` to carry on from them\n`);
    }
    return report.ok ? 0 : 1;
}

function wholeNumber(flag: string, text: string, minimum: number): number {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < minimum) {
        throw InputError.single("command line", flag, `"${text}" is not a whole number ≥ ${minimum}`);
    }
    return value;
}
