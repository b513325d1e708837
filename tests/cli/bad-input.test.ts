import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { organizationCatalogSchema } from "../../accounts/organization-schema";
import { MAX_YAML_ALIAS_EXPANSIONS } from "../../lib/catalog-file";
import { copyExampleCatalog, REPO_ROOT, runMeridian } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";

/**
 * The bad inputs of issue 13, each exit 2 with file, path, what is wrong and what is allowed, and
 * nothing written. Cases that hinge on a flag go through the real binary.
 */

const SECRET = "root:x:0:0:do-not-print-me";

/** `meridian plan` on a copy: its stderr, after asserting exit 2, empty stdout and no plan-out. */
async function planRefused(root: string): Promise<string> {
    const out = path.join(root, "plan-out");
    const result = await runMeridianInProcess(["plan", "--root", root, "--out", out, "--quiet"]);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stdout, "");
    assert.equal(fs.existsSync(out), false, "nothing may be written on bad input");
    return result.stderr;
}

function outside(name: string, content: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-outside-")), name);
    fs.writeFileSync(file, content);
    return file;
}

describe("bad input (issue 13): exit 2, file and path, what is wrong and allowed, nothing written", () => {
    it("an empty catalog file says what the file should hold", async () => {
        const root = copyExampleCatalog();
        fs.writeFileSync(path.join(root, "accounts/organization.yaml"), "# nothing yet\n");
        assert.equal(
            await planRefused(root),
            `error: accounts/organization.yaml: is empty; expected a mapping with ${Object.keys(organizationCatalogSchema.shape).join(", ")}\n`,
        );
    });

    it("a directory in place of a catalog file", async () => {
        const root = copyExampleCatalog();
        fs.rmSync(path.join(root, "regions/regions.yaml"));
        fs.mkdirSync(path.join(root, "regions/regions.yaml"));
        assert.equal(await planRefused(root), "error: regions/regions.yaml: is a directory; expected a file\n");
    });

    it("a YAML alias bomb is refused by the alias cap, naming the file", async () => {
        const root = copyExampleCatalog();
        const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
        for (let level = 1; level < 9; level++)
            levels.push(
                `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9)
                    .fill(`*${String.fromCharCode(96 + level)}`)
                    .join(", ")}]`,
            );
        fs.appendFileSync(path.join(root, "stacks/subsystems.yaml"), `bomb:\n${levels.map((line) => `  ${line}`).join("\n")}\n`);
        assert.equal(
            await planRefused(root),
            `error: stacks/subsystems.yaml: expands YAML aliases more than ${MAX_YAML_ALIAS_EXPANSIONS} times; write the repeated values out, or share fewer of them\n`,
        );
    });

    it("a symlinked SCP that leaves accounts/ is refused without printing what it points at", async () => {
        const root = copyExampleCatalog();
        const target = outside("passwd", `${SECRET}\n`);
        fs.rmSync(path.join(root, "accounts/scps/deny-root-user.json"));
        fs.symlinkSync(target, path.join(root, "accounts/scps/deny-root-user.json"));
        const stderr = await planRefused(root);
        assert.equal(
            stderr,
            "error: accounts/scps/deny-root-user.json: resolves outside accounts/ through a symbolic link; files must live inside accounts/\n",
        );
        assert.ok(!stderr.includes(SECRET) && !stderr.includes(target));
    });

    it("a symlinked catalog file that leaves the tree is refused", async () => {
        const root = copyExampleCatalog();
        const target = outside("regions.yaml", fs.readFileSync(path.join(REPO_ROOT, "regions/regions.yaml"), "utf8"));
        fs.rmSync(path.join(root, "regions/regions.yaml"));
        fs.symlinkSync(target, path.join(root, "regions/regions.yaml"));
        assert.equal(
            await planRefused(root),
            "error: regions/regions.yaml: resolves outside the catalog tree (--root) through a symbolic link; files must live inside the catalog tree (--root)\n",
        );
    });

    it("a symlink inside the tree is fine", async () => {
        const root = copyExampleCatalog();
        fs.renameSync(path.join(root, "accounts/scps/deny-root-user.json"), path.join(root, "accounts/scps/root.json"));
        fs.symlinkSync("root.json", path.join(root, "accounts/scps/deny-root-user.json"));
        const result = await runMeridianInProcess(["catalog", "validate", "--root", root]);
        assert.equal(result.status, 0, result.stderr);
    });

    it("non-UTF-8 bytes in a catalog file and in an SCP", async () => {
        const root = copyExampleCatalog();
        const catalog = path.join(root, "accounts/organization.yaml");
        fs.writeFileSync(
            catalog,
            Buffer.concat([fs.readFileSync(catalog).subarray(0, 200), Buffer.from([0xff, 0xfe]), fs.readFileSync(catalog).subarray(200)]),
        );
        fs.writeFileSync(path.join(root, "accounts/scps/deny-root-user.json"), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
        const badLine = fs.readFileSync(path.join(REPO_ROOT, "accounts/organization.yaml")).subarray(0, 200).toString().split("\n").length;
        assert.equal(await planRefused(root), `error: accounts/organization.yaml:${badLine}: is not UTF-8 text; save it as UTF-8\n`);
        fs.writeFileSync(catalog, fs.readFileSync(path.join(REPO_ROOT, "accounts/organization.yaml")));
        assert.equal(await planRefused(root), "error: accounts/scps/deny-root-user.json:1: is not UTF-8 text; save it as UTF-8\n");
    });

    it("meridian plan --out on an existing file fails before any work and leaves the file alone", () => {
        const root = copyExampleCatalog();
        const file = path.join(root, "taken.txt");
        fs.writeFileSync(file, "keep me\n");
        const started = Date.now();
        const result = runMeridian(["plan", "--root", root, "--out", file]);
        assert.equal(result.status, 2);
        assert.equal(result.stdout, "");
        assert.equal(result.stderr, `error: command line: --out: ${JSON.stringify(file)} exists and is not a directory; give a directory to write into\n`);
        assert.equal(fs.readFileSync(file, "utf8"), "keep me\n");
        assert.ok(Date.now() - started < 20_000, "refused before planning");
    });

    it("meridian plan --out under /proc fails at once instead of hanging", function () {
        if (!fs.existsSync("/proc/self")) this.skip();
        const result = runMeridian(["plan", "--out", "/proc/meridian-plan"]);
        assert.equal(result.status, 2);
        assert.match(result.stderr, /^error: command line: --out: "\/proc\/meridian-plan" cannot be written: \/proc does not take new files \(\w+\)\n$/);
        assert.equal(fs.existsSync("/proc/meridian-plan"), false);
    });

    it("meridian plan refuses a blanket exception until 2099 before rendering anything", () => {
        const root = copyExampleCatalog();
        const exceptions = outside("exceptions.yaml", "exceptions:\n  - rule: no-admin-policies\n    urn: '*'\n    reason: legacy\n    expires: 2099-12-31\n");
        const result = runMeridian(["plan", "--root", root, "--out", path.join(root, "plan-out"), "--exceptions", exceptions]);
        assert.equal(result.status, 2);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /^error: .*exceptions\.yaml:3: exceptions\[0\]\.urn: "\*" does not name one resource: .*, or pass --allow-broad\n/);
        assert.match(
            result.stderr,
            /\nerror: .*exceptions\.yaml:5: exceptions\[0\]\.expires: 2099-12-31 is more than a year away; .*, or pass --allow-broad\n$/,
        );
        assert.equal(fs.existsSync(path.join(root, "plan-out")), false);
    });
});
