import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { MANAGEMENT_GITHUB_ENVIRONMENT, githubEnvironmentName } from "../../lib/contracts/naming";
import { loadCatalog } from "../../stacks/catalog";
import { deployEntry } from "../../stacks/deploy/github-workflow";
import { handMadeRoles } from "../../stacks/deploy/hand-made-roles";
import { isPending } from "../../stacks/stack-config";
import { listStacks } from "../../stacks/stack-list";
import { guideShellLines, meridianSucceedsIn } from "../helpers/guides";
import { REPO_ROOT, copyExampleCatalog } from "../helpers/example-catalog";

const GUIDE = path.join(REPO_ROOT, "docs/guides/bootstrap-a-new-organisation.md");
/** `meridian` commands that need neither AWS nor a Pulumi CLI, so the test runs them as written. */
const OFFLINE = ["bootstrap roles", "catalog validate", "stacks sync", "plan", "stacks chains"];

/** `--flag value` of a command line, quotes removed. */
function flag(command: string, name: string): string | undefined {
    return new RegExp(`--${name} (\\S+)`).exec(command)?.[1]?.replace(/^"|"$/g, "");
}

describe("docs/guides/bootstrap-a-new-organisation.md", function () {
    this.timeout(180_000);
    const catalog = loadCatalog(REPO_ROOT);
    const commands = guideShellLines(path.basename(GUIDE));

    it("runs its offline meridian commands as written, in order, on a copy of the example", async () => {
        const root = copyExampleCatalog();
        const offline = commands.filter((command) => OFFLINE.some((words) => command.startsWith(`npx meridian ${words}`)));
        assert.deepEqual(
            offline.map((command) => command.split(" ").slice(2, 4).join(" ")),
            ["bootstrap roles", "catalog validate", "stacks sync", "plan --out", "stacks chains", "stacks sync"],
        );
        for (const command of offline) await meridianSucceedsIn(root, command.split(" ").slice(2));
        for (const role of handMadeRoles(catalog)) {
            assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, "bootstrap", `${role.name}.trust.json`), "utf8")), role.trust);
        }
    });

    it("creates exactly the hand-made roles the trust-chain check walks, from the files bootstrap roles writes", () => {
        const roles = new Map(handMadeRoles(catalog).map((role) => [role.name, role]));
        const created = commands.filter((command) => command.startsWith("aws iam create-role "));
        assert.deepEqual(created.map((command) => flag(command, "role-name")).sort(), [...roles.keys()].sort());
        for (const command of created) {
            const role = roles.get(flag(command, "role-name")!)!;
            assert.equal(flag(command, "assume-role-policy-document"), `file://bootstrap/${role.name}.trust.json`);
            assert.equal(Number(flag(command, "max-session-duration")), role.maxSessionDuration);
        }
        const attached = commands.filter((command) => command.startsWith("aws iam attach-role-policy "));
        for (const role of roles.values()) {
            assert.deepEqual(
                attached.filter((command) => flag(command, "role-name") === role.name).map((command) => flag(command, "policy-arn")),
                role.managedPolicyArns,
            );
        }
        const bootstrap = roles.get("meridian-bootstrap")!;
        assert.ok(commands.includes(`aws configure set profile.meridian-bootstrap.role_arn ${bootstrap.arn}`));
    });

    it("creates the GitHub environments the workflow deploys in, and the backend the workflow uses", () => {
        const environments = new Set(
            listStacks(catalog)
                .filter((spec) => spec.kind === "subsystem")
                .map((spec) => (isPending(spec) ? githubEnvironmentName(spec.account) : deployEntry(catalog, spec).environment!)),
        );
        const loop = commands.find((command) => command.startsWith("for environment in "))!;
        assert.deepEqual(
            loop
                .replace(/^for environment in (.*); do$/, "$1")
                .split(" ")
                .sort(),
            [MANAGEMENT_GITHUB_ENVIRONMENT, ...environments].sort(),
        );
        assert.ok(commands.includes(`export PULUMI_BACKEND_URL="s3://${catalog.subsystems.pipeline.stateBucket}?region=${catalog.regions.homeRegion}"`));
    });
});
