import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { action, formatOption, printJson, rootOption } from "../command-kit";
import type { Catalog } from "../../stacks/catalog-types";

/**
 * `meridian accounts diff|import`: compare the live organisation with the catalog, and adopt an
 * existing organisation into the `organization` stack. Both only read from AWS Organizations.
 */
export function register(program: Command): void {
    const accounts = program.command("accounts").description("compare the live AWS organisation with the catalog, and adopt an existing one");

    accounts
        .command("diff")
        .description("report drift between the live organisation and accounts/organization.yaml (read-only)")
        .addOption(rootOption())
        .addOption(formatOption())
        .addHelpText(
            "after",
            [
                "",
                "Reports missing and extra accounts, accounts in the wrong OU, OU tree differences, tag drift on accounts and OUs,",
                "SCP document drift (compared as parsed JSON) and SCP attachment drift; then, in each catalog account, whether the",
                "management account can assume the access role (an account that joined by invitation has none) and whether a GitHub",
                "OIDC provider exists that the catalog's githubOidcProvider disagrees with. Uses the default AWS credential chain;",
                "run it with management-account credentials. It reads Organizations (Describe*/List*), assumes each access role for",
                "15 minutes and lists its OIDC providers; it changes nothing.",
                "Exit codes: 0 no drift, 1 drift (or an AWS error), 2 bad input.",
            ].join("\n"),
        )
        .action(
            action(async (options: { root: string; format: string }) => {
                const { catalog, live } = await readBoth(options.root);
                const { diffOrganization, matchAccounts } = await import("../../accounts/organization-diff");
                const members = await probe(catalog, [...matchAccounts(catalog.organization.accounts, live).values()]);
                const drifts = diffOrganization(catalog, live, { defaultTags: await organizationDefaultTags(catalog), members });
                if (options.format === "json") {
                    printJson({ drift: drifts.length > 0, managementAccountId: live.managementAccountId, drifts });
                } else {
                    const { formatDriftReport } = await import("../../accounts/drift-report");
                    process.stdout.write(`${formatDriftReport(drifts).join("\n")}\n`);
                }
                return drifts.length > 0 ? 1 : 0;
            }),
        );

    accounts
        .command("import")
        .description("write a `pulumi import --file` document that adopts the existing organisation into the organization stack")
        .addOption(rootOption())
        .option("--out <file>", "where to write the import document (default: stdout)")
        .option("--write-catalog", "also write accounts/organization.proposed.yaml: entries for live accounts and OUs the catalog lacks", false)
        .addOption(formatOption())
        .addHelpText(
            "after",
            [
                "",
                "Then adopt with:",
                "  pulumi import --stack organization --file <file> --protect=false --generate-code=false",
                "  pulumi preview --stack organization     # must show no create or replace for adopted resources",
                "It also looks inside each member account through the access role: where a GitHub Actions OIDC provider exists it says",
                "so (set githubOidcProvider: import in the catalog; --write-catalog proposes it for new entries), and it names accounts",
                "the management account cannot enter. See docs/guides/adopt-an-existing-organisation.md for the whole procedure.",
                "With --format json, stdout carries one JSON object: the document (unless --out), what was written, what the next",
                "pulumi up creates, and what the member accounts hold that the catalog should know.",
                "Exit codes: 0 written, 1 AWS Organizations could not be read, 2 bad input (nothing is read from AWS or written).",
            ].join("\n"),
        )
        .action(
            action(async (options: { root: string; out?: string; writeCatalog: boolean; format: string }) => {
                if (options.out !== undefined) {
                    const { checkOutputPath } = await import("../../lib/output-path");
                    checkOutputPath("--out", options.out, "file");
                }
                const { catalog, live } = await readBoth(options.root);
                const { buildImportPlan } = await import("../../accounts/import-document");
                const { memberDrifts } = await import("../../accounts/organization-diff");
                const { isActive } = await import("../../accounts/live-organization");
                const plan = buildImportPlan(catalog, live);
                const members = await probe(
                    catalog,
                    live.accounts.filter((account) => account.id !== live.managementAccountId && isActive(account)),
                );
                const document = `${JSON.stringify(plan.file, null, 2)}\n`;
                const json = options.format === "json";
                // With no --out, stdout carries only the document so it can be piped; notes go to stderr.
                const notes = options.out && !json ? process.stdout : process.stderr;
                const written: string[] = [];
                if (options.out) {
                    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
                    fs.writeFileSync(options.out, document);
                    written.push(options.out);
                    if (!json)
                        notes.write(`wrote ${options.out}: ${plan.file.resources.length - 1} resources to import under ${plan.file.resources[0].name}\n`);
                } else if (!json) {
                    process.stdout.write(document);
                }
                const drifts = memberDrifts(catalog, live, members);
                if (!json) {
                    for (const entry of plan.toCreate) notes.write(`not found, the next pulumi up creates it: ${entry}\n`);
                    // The GitHub provider and the access role live in each account's own stack, not this import document.
                    for (const drift of drifts) notes.write(`${drift.subject}: ${drift.message}\n`);
                }
                if (options.writeCatalog) {
                    const { proposeCatalogEntries, writeProposal } = await import("../../accounts/catalog-proposal");
                    const proposal = proposeCatalogEntries(catalog, live, await organizationDefaultTags(catalog), members);
                    const proposed = writeProposal(catalog.root, proposal);
                    written.push(proposed);
                    if (!json)
                        notes.write(
                            `wrote ${proposed}: ${proposal.accounts.length} accounts and ${proposal.organizationalUnits.length} OUs the catalog lacks (review, then copy into the catalog)\n`,
                        );
                }
                if (json) printJson({ ...(options.out ? {} : { document: plan.file }), written, toCreate: plan.toCreate, members: drifts });
                return 0;
            }),
        );
}

/** The catalog first, so that bad input stops the command before any AWS call. */
async function readBoth(root: string) {
    const { loadCatalog } = await import("../../stacks/catalog");
    const catalog = loadCatalog(root);
    const { createOrganizationsClient } = await import("../../accounts/organizations-client");
    const { readLiveOrganization } = await import("../../accounts/organization-reader");
    const client = createOrganizationsClient();
    try {
        return { catalog, live: await readLiveOrganization(client) };
    } catch (error) {
        const name = error instanceof Error ? error.name : "Error";
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`could not read the organisation from AWS Organizations (${name}: ${message}); use management-account credentials`);
    } finally {
        client.destroy();
    }
}

/** What the management account finds inside these accounts through the access role (see accounts/member-probe.ts). */
async function probe(catalog: Catalog, accounts: ReadonlyArray<{ id: string }>) {
    const { defaultProbeClients, probeMembers } = await import("../../accounts/member-probe");
    const { ORGANIZATIONS_REGION } = await import("../../accounts/organizations-client");
    const clients = defaultProbeClients(ORGANIZATIONS_REGION);
    try {
        return await probeMembers(
            accounts.map((account) => account.id),
            catalog.organization.accessRoleName,
            clients,
        );
    } catch (error) {
        const name = error instanceof Error ? error.name : "Error";
        throw new Error(
            `could not look inside the member accounts (${name}: ${error instanceof Error ? error.message : String(error)}); use management-account credentials`,
        );
    } finally {
        clients.sts.destroy();
    }
}

/** The tags the organization stack's provider adds to everything it manages (`aws:defaultTags`). */
async function organizationDefaultTags(catalog: Catalog): Promise<Record<string, string>> {
    const { listStacks, ORGANIZATION_STACK } = await import("../../stacks/stack-list");
    const { stackConfig } = await import("../../stacks/stack-config");
    const spec = listStacks(catalog).find((candidate) => candidate.name === ORGANIZATION_STACK)!;
    const defaults = stackConfig(catalog, spec)["aws:defaultTags"] as { tags?: Record<string, string> } | undefined;
    return defaults?.tags ?? {};
}
