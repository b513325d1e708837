import { Command } from "commander";
import { action, formatOption, printJson, rootOption } from "../command-kit";

export function register(program: Command): void {
    const catalog = program.command("catalog").description("validate the catalogs and generate their JSON Schemas");

    catalog
        .command("validate")
        .description("check the three catalogs and their cross-references; every problem is reported at once (exit 2 on any)")
        .addOption(rootOption())
        .addOption(formatOption())
        .action(
            action(async (options: { root: string; format: string }) => {
                const { loadCatalog } = await import("../../stacks/catalog");
                const { listStacks } = await import("../../stacks/stack-list");
                const loaded = loadCatalog(options.root);
                const summary = {
                    valid: true,
                    accounts: loaded.organization.accounts.length,
                    regions: loaded.regions.regions.map((region) => region.code),
                    subsystems: loaded.subsystems.subsystems.map((subsystem) => subsystem.name),
                    stacks: listStacks(loaded).length,
                };
                if (options.format === "json") printJson(summary);
                else
                    process.stdout.write(
                        `catalog is valid: ${summary.accounts} member accounts, regions ${summary.regions.join(", ")}, subsystems ${summary.subsystems.join(", ")}, ${summary.stacks} stacks\n`,
                    );
                return 0;
            }),
        );

    catalog
        .command("schemas")
        .description("write the catalogs' JSON Schemas (for editor autocomplete) from the validator's zod schemas")
        .addOption(rootOption("tree to write into"))
        .option("--check", "only report stale schema files (exit 1), write nothing", false)
        .addOption(formatOption())
        .action(
            action(async (options: { root: string; check: boolean; format: string }) => {
                const { staleSchemas, writeSchemas } = await import("../../stacks/catalog-schemas");
                const json = options.format === "json";
                if (options.check) {
                    const stale = staleSchemas(options.root);
                    if (json) printJson({ stale });
                    else for (const file of stale) process.stdout.write(`stale ${file}\n`);
                    return stale.length === 0 ? 0 : 1;
                }
                const written = writeSchemas(options.root);
                if (json) printJson({ written });
                else process.stdout.write(written.length ? written.map((file) => `wrote ${file}\n`).join("") : "schemas are up to date\n");
                return 0;
            }),
        );

    catalog
        .command("checker-ranges")
        .description(
            "refresh regions/route53-health-checkers.json, the Route 53 health-checker address ranges (ROUTE53_HEALTHCHECKS) the health endpoints admit, from AWS's ip-ranges.json",
        )
        .option("--from <file-or-url>", "an ip-ranges.json file, or its URL", "https://ip-ranges.amazonaws.com/ip-ranges.json")
        .addOption(rootOption("tree holding the snapshot"))
        .option("--check", "only compare: exit 1 when the snapshot differs from the source, write nothing", false)
        .addOption(formatOption())
        .addHelpText(
            "after",
            "\nExamples:\n  meridian catalog checker-ranges\n  meridian catalog checker-ranges --from ./ip-ranges.json --check\n" +
                "\nExit codes: 0 written (or up to date), 1 --check found a difference or the URL could not be read, 2 the source is not ip-ranges.json.\n",
        )
        .action(
            action(async (options: { from: string; root: string; check: boolean; format: string }) => {
                const ranges = await import("../../regions/health-checker-ranges");
                const fetched = await readSource(options.from);
                const after = ranges.checkerRangesFrom(fetched.document, options.from, fetched.source);
                const before = ranges.readCheckerRanges(options.root);
                const change = ranges.checkerRangesChange(before, after);
                const differs = change.added.length > 0 || change.removed.length > 0;
                if (!options.check && differs) ranges.writeCheckerRanges(options.root, after);
                const summary = {
                    file: ranges.CHECKER_RANGES_FILE,
                    from: before.createDate,
                    to: after.createDate,
                    ...change,
                    written: !options.check && differs,
                };
                if (options.format === "json") printJson(summary);
                else
                    process.stdout.write(
                        differs
                            ? `${summary.written ? "wrote" : "stale"} ${summary.file}: ip-ranges.json of ${after.createDate} (was ${before.createDate}), +${change.added.length} -${change.removed.length} prefixes\n` +
                                  [...change.added.map((p) => `  + ${p}\n`), ...change.removed.map((p) => `  - ${p}\n`)].join("")
                            : `${summary.file} is up to date (ip-ranges.json of ${after.createDate})\n`,
                    );
                return options.check && differs ? 1 : 0;
            }),
        );
}

/** ip-ranges.json from a URL (fetched) or a file, read and parsed as every input file is (lib/input-file.ts). */
async function readSource(from: string): Promise<{ document: unknown; source: string }> {
    const { parseJsonText, readInputText } = await import("../../lib/input-file");
    if (/^https?:\/\//.test(from)) {
        const response = await fetch(from);
        if (!response.ok) throw new Error(`${from}: HTTP ${response.status}`);
        return { document: parseJsonText(await response.text(), from), source: from };
    }
    return { document: parseJsonText(readInputText(from), from), source: from };
}
