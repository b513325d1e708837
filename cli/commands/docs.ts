import { Command } from "commander";
import { action, formatOption, printJson, rootOption } from "../command-kit";

export function register(program: Command): void {
    program
        .command("docs")
        .description("write the generated reference pages under docs/reference (CLI, catalog fields, plan.json, rules, escalation methods) from the code")
        .addOption(rootOption("repository to write into"))
        .option("--check", "only report stale or missing pages (exit 1), write nothing", false)
        .addOption(formatOption())
        .addHelpText("after", "\nExit codes: 0 pages current (or written), 1 --check found stale pages.")
        .action(
            action(async (options: { root: string; check: boolean; format: string }) => {
                const { generatedPages, pageStatuses, writePages } = await import("../docs/pages");
                const pages = generatedPages(program);
                const statuses = options.check ? pageStatuses(options.root, pages) : [];
                const written = options.check ? [] : writePages(options.root, pages);
                const stale = statuses.filter((status) => status.state !== "ok");
                if (options.format === "json") printJson(options.check ? { stale } : { written });
                else if (options.check)
                    process.stdout.write(stale.length ? stale.map((s) => `${s.state} ${s.path}\n`).join("") : "generated pages are current\n");
                else process.stdout.write(written.length ? written.map((file) => `wrote ${file}\n`).join("") : "generated pages are current\n");
                return stale.length ? 1 : 0;
            }),
        );
}
