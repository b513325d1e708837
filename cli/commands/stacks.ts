import { Command } from "commander";
import { action, formatOption, printJson, printTable, rootOption } from "../command-kit";

export function register(program: Command): void {
    const stacks = program.command("stacks").description("list the fleet's stacks and keep stacks/Pulumi.<stack>.yaml in sync with the catalog");

    stacks
        .command("list")
        .description("show each stack's wave, kind, account and region, in deployment order")
        .addOption(rootOption())
        .addOption(formatOption())
        .action(
            action(async (options: { root: string; format: string }) => {
                const { loadCatalog } = await import("../../stacks/catalog");
                const { listStacks } = await import("../../stacks/stack-list");
                const { isPending } = await import("../../stacks/stack-config");
                const specs = listStacks(loadCatalog(options.root));
                if (options.format === "json") {
                    printJson(specs.map((spec) => ({ ...spec, pending: isPending(spec) })));
                    return 0;
                }
                const rows = specs.map((spec) => [
                    String(spec.wave),
                    spec.name,
                    spec.kind,
                    spec.accountId ? `${spec.account} (${spec.accountId})` : `${spec.account} (pending: no id yet)`,
                    spec.region,
                    spec.dependsOn.join(", ") || "-",
                ]);
                printTable(["WAVE", "STACK", "KIND", "ACCOUNT", "REGION", "DEPENDS ON"], rows);
                return 0;
            }),
        );

    stacks
        .command("sync")
        .description("write missing and stale stacks/Pulumi.<stack>.yaml files from the catalog")
        .addOption(rootOption())
        .option("--prune", "also delete stack files that no catalog stack needs (off by default)", false)
        .option("--check", "write nothing; exit 1 when a stack file is missing, stale or orphaned", false)
        .addOption(formatOption())
        .action(
            action(async (options: { root: string; prune: boolean; check: boolean; format: string }) => {
                if (options.check) return checkStackFiles(options);
                const { loadCatalog } = await import("../../stacks/catalog");
                const { syncStackFiles } = await import("../../stacks/stack-files");
                const result = syncStackFiles(loadCatalog(options.root), { prune: options.prune });
                if (options.format === "json") {
                    printJson(result);
                    return 0;
                }
                for (const file of result.written) process.stdout.write(`wrote   ${file}\n`);
                for (const file of result.removed) process.stdout.write(`removed ${file}\n`);
                for (const status of result.statuses) {
                    if (status.state === "orphaned") process.stdout.write(`orphan  ${status.file} (kept; re-run with --prune to delete)\n`);
                    if (status.state === "pending")
                        process.stdout.write(`pending ${status.file} (account has no id yet: deploy the organization stack, add the id, sync again)\n`);
                }
                if (result.written.length === 0 && result.removed.length === 0) process.stdout.write("stack files are in sync\n");
                return 0;
            }),
        );

    // The old spelling of `stacks sync --check`: every other generator checks with --check.
    stacks
        .command("check", { hidden: true })
        .description("deprecated: use `meridian stacks sync --check`")
        .addOption(rootOption())
        .addOption(formatOption())
        .action(
            action(async (options: { root: string; format: string }) => {
                process.stderr.write("note: `meridian stacks check` is deprecated; use `meridian stacks sync --check`\n");
                return checkStackFiles(options);
            }),
        );

    stacks
        .command("chains")
        .description("walk every provider's assume-role chain, from CI and from a workstation, through a plan's trust policies (exit 1 if one breaks)")
        .addOption(rootOption())
        .requiredOption("--plan <file>", "plan.json written by `meridian plan`")
        .addOption(formatOption())
        .addHelpText(
            "after",
            [
                "",
                "CI enters the role its workflow matrix entry names through GitHub OIDC in its GitHub environment; a workstation",
                "enters the management account's meridian-bootstrap role. Each hop must be allowed by the role's planned trust",
                "policy and by the caller's own policies inside its boundary. See docs/design/deployment-pipeline.md.",
                "Exit codes: 0 every chain holds, 1 a chain breaks, 2 bad input.",
            ].join("\n"),
        )
        .action(
            action(async (options: { root: string; plan: string; format: string }) => {
                const { loadCatalog } = await import("../../stacks/catalog");
                const { readPlanFile } = await import("../../lib/plan-file");
                const { entryChains } = await import("../../stacks/deploy/entry-chains");
                const catalog = loadCatalog(options.root);
                const chains = entryChains(catalog, readPlanFile(options.plan));
                const broken = chains.filter((chain) => !chain.holds);
                if (options.format === "json") printJson({ ok: broken.length === 0, chains });
                else {
                    for (const chain of chains) {
                        const path = chain.hops.map((hop) => hop.role.replace(/^arn:aws[a-z-]*:iam::/, "")).join(" -> ");
                        const failure = chain.hops.find((hop) => !hop.allowed);
                        process.stdout.write(
                            `${chain.holds ? "ok    " : "BROKEN"} ${chain.stack} (${chain.provider}, ${chain.entry}): ${path}${failure ? `: ${failure.reason}` : ""}\n`,
                        );
                    }
                    process.stdout.write(`${chains.length - broken.length} of ${chains.length} chains hold\n`);
                }
                return broken.length === 0 ? 0 : 1;
            }),
        );
}

/** Exit 1 when a stack file is missing, stale or orphaned; writes nothing. */
async function checkStackFiles(options: { root: string; format: string }): Promise<number> {
    const { loadCatalog } = await import("../../stacks/catalog");
    const { checkStackFiles: statusesOf } = await import("../../stacks/stack-files");
    const statuses = statusesOf(loadCatalog(options.root));
    const bad = statuses.filter((status) => status.state === "missing" || status.state === "stale" || status.state === "orphaned");
    if (options.format === "json") printJson({ ok: bad.length === 0, statuses });
    else if (bad.length === 0) process.stdout.write(`all ${statuses.length} stack files are in sync\n`);
    else for (const status of bad) process.stdout.write(`${status.state.padEnd(8)} ${status.file}\n`);
    if (bad.length > 0 && options.format !== "json") process.stdout.write("run `meridian stacks sync` to fix\n");
    return bad.length === 0 ? 0 : 1;
}
