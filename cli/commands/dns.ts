import { Command } from "commander";
import { InputError } from "../../lib/input-error";
import { action, formatOption, printJson, rootOption } from "../command-kit";

/**
 * `meridian dns check-delegation`: is the catalog's parent zone delegated, in the public DNS, to
 * the hosted zone Meridian created for it? The generated workflow runs it right after the DNS
 * account's global stack, and `meridian up` runs the same check before wave 2.
 */
export function register(program: Command): void {
    const dns = program.command("dns").description("checks on the DNS the fleet depends on");

    dns.command("check-delegation")
        .description("check that the public DNS delegates the parent zone (stacks/subsystems.yaml dns.parentZone) to its hosted zone")
        .addOption(rootOption())
        .requiredOption(
            "--name-servers <servers>",
            "the hosted zone's name servers: the JSON list `pulumi stack output nameServers --json` prints, or a comma-separated list",
        )
        .addOption(formatOption())
        .addHelpText(
            "after",
            [
                "",
                "Until the parent zone's registrar (or its own parent zone) lists exactly these name servers, no ACM",
                "certificate below it validates and wave 2 hangs; delegate it first (docs/guides/bootstrap-a-new-organisation.md).",
                "Example:",
                '  meridian dns check-delegation --name-servers "$(pulumi stack output nameServers --json --stack shared-services.global)"',
                "Exit codes: 0 delegated, 1 not delegated, 2 bad input.",
            ].join("\n"),
        )
        .action(
            action(async (options: { root: string; nameServers: string; format: string }) => {
                const { loadCatalog } = await import("../../stacks/catalog");
                const { checkDelegation, systemNameServerResolver } = await import("../../stacks/deploy/delegation");
                const catalog = loadCatalog(options.root);
                const check = await checkDelegation(catalog.subsystems.dns.parentZone, parseNameServers(options.nameServers), systemNameServerResolver);
                if (options.format === "json") printJson(check);
                else process.stdout.write(`${check.message}\n`);
                return check.delegated ? 0 : 1;
            }),
        );
}

function parseNameServers(text: string): string[] {
    const trimmed = text.trim();
    let servers: unknown = trimmed.split(/[\s,]+/).filter(Boolean);
    if (trimmed.startsWith("[")) {
        try {
            servers = JSON.parse(trimmed);
        } catch {
            servers = undefined;
        }
    }
    if (!Array.isArray(servers) || servers.length === 0 || !servers.every((server) => typeof server === "string" && /^[A-Za-z0-9.-]+$/.test(server))) {
        throw InputError.single(
            "--name-servers",
            "",
            `${JSON.stringify(text)} is not a list of name servers (a JSON list of host names, or host names separated by commas)`,
        );
    }
    return servers;
}
