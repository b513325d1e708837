import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { action, formatOption, printJson, rootOption } from "../command-kit";

/**
 * `meridian bootstrap roles`: the trust policies of the two roles a person creates by hand in the
 * management account before the first deployment, written as files for `aws iam create-role`. They
 * are the same documents `meridian stacks chains` walks, so the bootstrap the guide describes is the
 * one the trust chain was checked against.
 */
export function register(program: Command): void {
    const bootstrap = program.command("bootstrap").description("what a person sets up by hand before the first deployment");

    bootstrap
        .command("roles")
        .description("write the trust policies of the management account's meridian-bootstrap and management pipeline roles")
        .addOption(rootOption())
        .option("--out <dir>", "directory to write <role>.trust.json into", "bootstrap")
        .addOption(formatOption())
        .addHelpText(
            "after",
            [
                "",
                "Then create each role with its file and attach AdministratorAccess, as docs/guides/bootstrap-a-new-organisation.md shows.",
                "Exit codes: 0 written, 2 bad input.",
            ].join("\n"),
        )
        .action(
            action(async (options: { root: string; out: string; format: string }) => {
                const { loadCatalog } = await import("../../stacks/catalog");
                const { handMadeRoles } = await import("../../stacks/deploy/hand-made-roles");
                const roles = handMadeRoles(loadCatalog(options.root));
                fs.mkdirSync(options.out, { recursive: true });
                const written = roles.map((role) => {
                    const file = path.join(options.out, `${role.name}.trust.json`);
                    fs.writeFileSync(file, `${JSON.stringify(role.trust, null, 2)}\n`);
                    return { ...role, file };
                });
                if (options.format === "json")
                    printJson(written.map(({ name, file, managedPolicyArns, maxSessionDuration }) => ({ name, file, managedPolicyArns, maxSessionDuration })));
                else for (const role of written) process.stdout.write(`wrote ${role.file}: ${role.purpose}\n`);
                return 0;
            }),
        );
}
