import { availableParallelism } from "os";
import { Command, InvalidArgumentError, Option } from "commander";
import * as fs from "fs";
import * as path from "path";
import { action, addPolicySettingsOptions, formatOption, PolicySettingsFlags, policySettingsFrom, printJson, rootOption } from "../command-kit";

function positiveInteger(value: string): number {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
    return parsed;
}

export function register(program: Command): void {
    const plan = program
        .command("plan")
        .enablePositionalOptions()
        .description(
            "render every stack of the fleet offline with the real stack programs under Pulumi mocks, evaluate the policy pack per stack and fleet-wide, and write plan.json and summary.txt",
        )
        .addOption(rootOption("tree holding the catalogs (plan a copy to try a change)"))
        .option("--stack <pattern...>", "only these stacks (globs over stack names, e.g. 'orders-*' '*.eu-west-1'); the stacks they read from are rendered too")
        .option("--out <dir>", "where to write plan.json and summary.txt", "plan-out")
        .addOption(
            new Option("--jobs <n>", "worker threads that render stacks (1 renders in the main thread)")
                .argParser(positiveInteger)
                .default(availableParallelism(), "the number of cores"),
        )
        .option(
            "--no-cache",
            "render every stack and run the policy pack and the deployability check on every stack, replacing the cache kept in <out>/.plan-cache",
        )
        .option("--quiet", "no per-stack progress on stderr", false)
        .addOption(formatOption());
    addPolicySettingsOptions(plan)
        .addHelpText(
            "after",
            "\nA stack is rendered again only when its program or component code, the part of the catalog it read, or the outputs of a stack it reads changed; the policy pack and fleet rules always run over the whole fleet." +
                "\n\nExit codes: 0 no mandatory policy violation and no denied provider call, 1 mandatory violations or a call a deploying principal would be refused (or a stack failed to render), 2 bad catalog or flags (nothing written).",
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
                        jobs: number;
                        cache: boolean;
                    } & PolicySettingsFlags,
                ) => {
                    const { checkOutputPath } = await import("../../lib/output-path");
                    checkOutputPath("--out", options.out, "directory");
                    const settings = policySettingsFrom(options);
                    const { planWithPolicyRun } = await import("../plan-with-policy");
                    const { deniedCallCount, planSummary, runSummary, writePlan } = await import("../../stacks/plan-output");
                    const { plan, run } = await planWithPolicyRun({
                        root: options.root,
                        stackPatterns: options.stack,
                        policyConfigFile: settings.configFile,
                        exceptionsFile: settings.exceptionsFile,
                        allowBroad: settings.allowBroad,
                        jobs: options.jobs,
                        cacheDirectory: options.out,
                        reuseCache: options.cache,
                        onStackRendered: options.quiet
                            ? undefined
                            : (progress) =>
                                  process.stderr.write(
                                      `[${String(progress.index).padStart(String(progress.total).length)}/${progress.total}] ${progress.stack}: ${progress.resources} resources, ${progress.reused ? "reused" : `${progress.milliseconds} ms`}\n`,
                                  ),
                    });
                    const written = writePlan(plan, options.out, run);
                    const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
                    const cpu = process.cpuUsage();
                    const cpuSeconds = Math.round((cpu.user + cpu.system) / 1e5) / 10;
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
                            run: { ...run, peakRssMB, cpuSeconds },
                        });
                    } else {
                        process.stdout.write(planSummary(plan, run));
                        const ranOver = (check: string, count: number, keptWhat: string) => {
                            const kept = plan.stacks.length - count;
                            return `${check} ran over ${count} of ${plan.stacks.length} stacks${kept > 0 ? `; ${kept} kept their ${keptWhat} from the cache` : ""}\n`;
                        };
                        process.stdout.write(ranOver("the policy pack", run.policyReevaluated, "findings"));
                        process.stdout.write(ranOver("the deployability check", run.deployabilityReassessed, "records"));
                        if (!options.quiet) process.stderr.write(runSummary(run, peakRssMB));
                        process.stdout.write(`\nwrote ${written.join(", ")}\n`);
                    }
                    return plan.policy.mandatory > 0 || deniedCallCount(plan) > 0 ? 1 : 0;
                },
            ),
        );

    plan.command("diff")
        .description(
            "compare two plan.json files: stacks and resources added, removed, replaced and updated (inputs, secrets masked), policy findings new and fixed, failover changes",
        )
        .argument("<base>", "plan.json of the base (e.g. the target branch)")
        .argument("<head>", "plan.json of the head (the change)")
        .addOption(formatOption(["text", "json", "markdown"]))
        .addHelpText(
            "after",
            "\nThe failover comparison reads each plan's region catalog from the tree it was planned from (its root); it is skipped, saying so, when that tree is gone." +
                "\nMarkdown fits a pull-request comment (see meridian plan diff-workflow)." +
                "\n\nExit codes: 0 compared (changes or none), 2 a file is not a readable plan.json.",
        )
        .action(
            action(async (baseFile: string, headFile: string, options: { format: string }) => {
                const { readPlanFile } = await import("../../lib/plan-file");
                const { readRegionCatalog } = await import("../../regions/region-catalog");
                const { diffPlans } = await import("../../stacks/plan-diff/plan-diff");
                const base = readPlanFile(baseFile);
                const head = readPlanFile(headFile);
                const regionsOf = (root: string) => (fs.existsSync(root) ? readRegionCatalog(root).catalog : undefined);
                const diff = diffPlans(base, head, { base: regionsOf(base.root), head: regionsOf(head.root) });
                if (options.format === "json") printJson(diff);
                else if (options.format === "markdown") process.stdout.write((await import("../../stacks/plan-diff/render-markdown")).renderDiffMarkdown(diff));
                else process.stdout.write((await import("../../stacks/plan-diff/render-text")).renderDiffText(diff));
                return 0;
            }),
        );

    plan.command("diff-workflow")
        .description("write .github/workflows/meridian-plan-diff.yml: on each pull request, plan base and head offline and post the plan diff as a comment")
        .addOption(rootOption("repository to write into"))
        .option("--check", "write nothing; exit 1 if the file differs from what the generator writes", false)
        .addOption(formatOption())
        .addHelpText("after", "\nExit codes: 0 written or in sync, 1 out of date (--check), 2 bad flags.")
        .action(
            action(async (options: { root: string; check: boolean; format: string }) => {
                const { planDiffWorkflow, PLAN_DIFF_WORKFLOW_FILE } = await import("../../stacks/plan-diff/diff-workflow");
                const file = path.join(path.resolve(options.root), PLAN_DIFF_WORKFLOW_FILE);
                const text = planDiffWorkflow();
                const shown = path.relative(process.cwd(), file) || file;
                if (options.check) {
                    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
                    const state = current === text ? "in-sync" : current === undefined ? "missing" : "out-of-date";
                    if (options.format === "json") printJson({ file, state });
                    else
                        process.stdout.write(
                            state === "in-sync" ? `${shown} is in sync\n` : `${shown} is ${state}: run \`meridian plan diff-workflow\` and commit it\n`,
                        );
                    return state === "in-sync" ? 0 : 1;
                }
                fs.mkdirSync(path.dirname(file), { recursive: true });
                fs.writeFileSync(file, text);
                if (options.format === "json") printJson({ file, state: "written" });
                else process.stdout.write(`wrote ${shown}\n`);
                return 0;
            }),
        );
}
