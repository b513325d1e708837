import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { catalogFields } from "../../cli/docs/catalog-reference";
import { contractInterfaces } from "../../cli/docs/plan-reference";
import { CATALOG_SCHEMAS, renderSchema } from "../../stacks/catalog-schemas";
import { generatedPages, pageStatuses, writePages } from "../../cli/docs/pages";
import { buildProgram } from "../../cli/main";
import { pageText } from "../../cli/docs/generated-page";
import { MERIDIAN_RULES } from "../../policies/rules";
import { REPO_ROOT } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";

describe("generated reference pages", function () {
    this.timeout(60_000);
    const GENERATED_PAGES = generatedPages(buildProgram());

    it("are committed exactly as `meridian docs` generates them", async () => {
        const result = await runMeridianInProcess(["docs", "--check", "--root", REPO_ROOT, "--format", "json"]);
        assert.equal(result.status, 0, `${result.stdout}\nrun \`meridian docs\` and commit docs/reference`);
        assert.deepEqual(
            pageStatuses(REPO_ROOT, GENERATED_PAGES).filter((status) => status.state !== "ok"),
            [],
        );
    });

    it("--check finds a missing and an edited page and writes nothing; a plain run rewrites them", async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-docs-"));
        try {
            const [first, second] = GENERATED_PAGES;
            fs.mkdirSync(path.join(root, path.dirname(second.path)), { recursive: true });
            fs.writeFileSync(path.join(root, second.path), pageText(second).replace("#", "##"));
            const checked = await runMeridianInProcess(["docs", "--check", "--root", root]);
            assert.equal(checked.status, 1);
            assert.match(checked.stdout, new RegExp(`missing ${first.path}`));
            assert.match(checked.stdout, new RegExp(`stale ${second.path}`));
            assert.equal(fs.existsSync(path.join(root, first.path)), false);
            assert.deepEqual(writePages(root, GENERATED_PAGES).sort(), GENERATED_PAGES.map((page) => page.path).sort());
            assert.ok(pageStatuses(root, GENERATED_PAGES).every((status) => status.state === "ok"));
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });

    it("describe every catalog field", () => {
        const undescribed = CATALOG_SCHEMAS.flatMap((entry) =>
            catalogFields(JSON.parse(renderSchema(entry)))
                .filter((field) => !field.description)
                .map((field) => `${entry.file}: ${field.path}`),
        );
        assert.deepEqual(undescribed, [], "add .describe() to these fields in their zod schema");
    });

    it("cover every command, every rule and the plan.json contract", () => {
        const cli = fs.readFileSync(path.join(REPO_ROOT, "docs/reference/cli.md"), "utf8");
        for (const command of ["meridian plan", "meridian policy check", "meridian failover rehearse", "meridian docs"])
            assert.ok(cli.includes(`## \`${command}\``), command);
        const rules = fs.readFileSync(path.join(REPO_ROOT, "docs/reference/rules.md"), "utf8");
        for (const rule of MERIDIAN_RULES) assert.ok(rules.includes(`### ${rule.name}`), rule.name);
        const planned = contractInterfaces().find((contract) => contract.name === "PlannedStack");
        assert.ok(planned?.fields.some((field) => field.name === "policyContext" && field.description.length > 0));
        assert.deepEqual(planned?.extends, ["StackSpec"]);
    });
});
