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
}
