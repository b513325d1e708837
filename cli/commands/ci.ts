import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { action, formatOption, printJson, rootOption } from "../command-kit";

/**
 * `meridian ci github`: the GitHub Actions workflow that deploys the fleet wave by wave, generated
 * from the catalog and committed, with `--check` to catch a workflow that fell behind the catalog.
 */
export function register(program: Command): void {
    const ci = program.command("ci").description("generate CI pipelines that run the fleet on an existing distributed engine");

    ci.command("github")
        .description("write .github/workflows/meridian.yml: a job per wave, a matrix entry per stack, OIDC into each account")
        .addOption(rootOption())
        .option("--out <file>", "where to write the workflow (default: <root>/.github/workflows/meridian.yml)")
        .option("--check", "write nothing; exit 1 if the file differs from what the catalog generates", false)
        .addOption(formatOption())
        .addHelpText(
            "after",
            [
                "",
                "Pull requests run `pulumi preview --policy-pack policies` per stack after `meridian plan` and `meridian policy check`;",
                "pushes to main run `pulumi up --policy-pack policies`. Stacks whose account has no id yet are left out until it has one.",
                "Exit codes: 0 written or in sync, 1 out of date (--check), 2 bad input.",
            ].join("\n"),
        )
        .action(
            action(async (options: { root: string; out?: string; check: boolean; format: string }) => {
                if (options.out !== undefined && !options.check) {
                    const { checkOutputPath } = await import("../../lib/output-path");
                    checkOutputPath("--out", options.out, "file");
                }
                const { loadCatalog } = await import("../../stacks/catalog");
                const { listStacks } = await import("../../stacks/stack-list");
                const { githubWorkflow, WORKFLOW_FILE } = await import("../../stacks/deploy/github-workflow");
                const catalog = loadCatalog(options.root);
                const { text, pending } = githubWorkflow(catalog, listStacks(catalog), { pulumiVersion: pulumiSdkVersion() });
                const file = options.out ?? path.join(catalog.root, WORKFLOW_FILE);
                const shown = path.relative(process.cwd(), file) || file;
                const json = options.format === "json";
                if (options.check) {
                    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
                    const state = current === text ? "in-sync" : current === undefined ? "missing" : "out-of-date";
                    if (json) printJson({ file, state, pending });
                    else if (state === "in-sync") process.stdout.write(`${shown} is in sync with the catalog\n`);
                    else process.stdout.write(`${shown} is ${state === "missing" ? "missing" : "out of date"}: run \`meridian ci github\` and commit it\n`);
                    return state === "in-sync" ? 0 : 1;
                }
                fs.mkdirSync(path.dirname(file), { recursive: true });
                fs.writeFileSync(file, text);
                if (json) printJson({ file, state: "written", pending });
                else {
                    process.stdout.write(`wrote ${shown}\n`);
                    if (pending.length > 0) process.stdout.write(`left out until their account has an id: ${pending.join(", ")}\n`);
                }
                return 0;
            }),
        );
}

/** CI installs the CLI version of the SDK this project pins, as the Automation API expects. */
function pulumiSdkVersion(): string {
    return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}
