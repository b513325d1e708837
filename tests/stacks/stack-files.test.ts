import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadCatalog } from "../../stacks/catalog";
import { checkStackFiles, syncStackFiles } from "../../stacks/stack-files";
import { listStacks } from "../../stacks/stack-list";
import { copyExampleCatalog, editFile, REPO_ROOT, runMeridian } from "../helpers/example-catalog";

describe("stacks and waves", () => {
    it("lists organization (wave 0), one global stack per member account (wave 1), and account × region (wave 2)", () => {
        const specs = listStacks(loadCatalog(REPO_ROOT));
        assert.deepEqual(
            specs.filter((spec) => spec.wave === 0).map((spec) => spec.name),
            ["organization"],
        );
        assert.equal(specs.filter((spec) => spec.wave === 1).length, 7);
        assert.equal(specs.filter((spec) => spec.wave === 2).length, 2 * 3 + 2 * 2);
        // Deployment order: every stack after the stacks it depends on.
        const position = new Map(specs.map((spec, index) => [spec.name, index]));
        for (const spec of specs)
            for (const dependency of spec.dependsOn) assert.ok(position.get(dependency)! < position.get(spec.name)!, `${dependency} before ${spec.name}`);
        // Regional stacks wait only for their account's global stack, never for a peer region.
        for (const spec of specs.filter((candidate) => candidate.kind === "subsystem"))
            assert.deepEqual(spec.dependsOn, ["organization", `${spec.account}.global`]);
    });

    it("keeps the committed stack files in sync with the catalog", () => {
        const stale = checkStackFiles(loadCatalog(REPO_ROOT)).filter((status) => status.state !== "ok" && status.state !== "pending");
        assert.deepEqual(stale, [], "run `meridian stacks sync` and commit stacks/Pulumi.*.yaml");
    });

    it("writes assume-role into the deployment role for regional stacks and the access role for global stacks", () => {
        const text = fs.readFileSync(path.join(REPO_ROOT, "stacks/Pulumi.orders-prod.eu-west-1.yaml"), "utf8");
        assert.match(text, /roleArn: arn:aws:iam::555555555555:role\/orders-deployment/);
        assert.match(text, /aws:allowedAccountIds:\n {4}- "555555555555"/);
        const global = fs.readFileSync(path.join(REPO_ROOT, "stacks/Pulumi.orders-prod.global.yaml"), "utf8");
        assert.match(global, /roleArn: arn:aws:iam::555555555555:role\/OrganizationAccountAccessRole/);
    });

    it("check reports missing, stale and orphaned files; sync fixes them and keeps orphans unless told to prune", () => {
        const root = copyExampleCatalog();
        fs.mkdirSync(path.join(root, "stacks"), { recursive: true });
        let catalog = loadCatalog(root);
        assert.ok(checkStackFiles(catalog).every((status) => status.state === "missing" || status.state === "pending"));
        syncStackFiles(catalog, { prune: false });
        fs.writeFileSync(path.join(root, "stacks/Pulumi.retired.us-east-1.yaml"), "config: {}\n");
        editFile(root, "regions/regions.yaml", (text) => text.replace("homeRegion: us-east-1", "homeRegion: eu-west-1"));
        catalog = loadCatalog(root);
        const states = new Map(checkStackFiles(catalog).map((status) => [status.stack, status.state]));
        assert.equal(states.get("organization"), "stale");
        assert.equal(states.get("retired.us-east-1"), "orphaned");
        assert.equal(states.get("payments-staging.global"), "pending");
        const result = syncStackFiles(catalog, { prune: false });
        assert.ok(result.written.includes(path.join("stacks", "Pulumi.organization.yaml")));
        assert.ok(fs.existsSync(path.join(root, "stacks/Pulumi.retired.us-east-1.yaml")));
        const pruned = syncStackFiles(catalog, { prune: true });
        assert.deepEqual(pruned.removed, [path.join("stacks", "Pulumi.retired.us-east-1.yaml")]);
        assert.ok(checkStackFiles(catalog).every((status) => status.state === "ok" || status.state === "pending"));
    });

    it("keeps the encryptedkey Pulumi writes at stack init, and every stack seals its secrets with the catalog's KMS key under its own name as encryption context", () => {
        const root = copyExampleCatalog();
        fs.mkdirSync(path.join(root, "stacks"), { recursive: true });
        const catalog = loadCatalog(root);
        syncStackFiles(catalog, { prune: false });
        const file = path.join(root, "stacks/Pulumi.orders-prod.eu-west-1.yaml");
        const text = fs.readFileSync(file, "utf8");
        assert.match(
            text,
            /^secretsprovider: awskms:\/\/\/arn:aws:kms:us-east-1:111111111111:key\/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b\?region=us-east-1&context_meridian-stack=orders-prod\.eu-west-1$/m,
        );
        fs.writeFileSync(file, text.replace(/^(secretsprovider: .*)$/m, "$1\nencryptedkey: AQICAHhsealed=="));
        assert.equal(checkStackFiles(catalog).find((status) => status.stack === "orders-prod.eu-west-1")?.state, "ok");
        editFile(root, "regions/regions.yaml", (yaml) => yaml.replace("homeRegion: us-east-1", "homeRegion: eu-west-1"));
        syncStackFiles(loadCatalog(root), { prune: false });
        assert.match(fs.readFileSync(path.join(root, "stacks/Pulumi.orders-prod.global.yaml"), "utf8"), /aws:region: eu-west-1/);
        assert.match(fs.readFileSync(file, "utf8"), /^encryptedkey: AQICAHhsealed==$/m);
    });

    it("meridian stacks sync --check exits 1 on drift, names the file and writes nothing; stacks list --format json is machine-readable", () => {
        const root = copyExampleCatalog();
        const check = runMeridian(["stacks", "sync", "--check", "--root", root]);
        assert.equal(check.status, 1);
        assert.match(check.stdout, /^missing {2}stacks\/Pulumi\.organization\.yaml$/m);
        assert.equal(fs.existsSync(path.join(root, "stacks/Pulumi.organization.yaml")), false);
        // The old spelling still works, and says what replaced it.
        const old = runMeridian(["stacks", "check", "--root", root]);
        assert.equal(old.status, 1);
        assert.equal(old.stderr, "note: `meridian stacks check` is deprecated; use `meridian stacks sync --check`\n");
        const list = runMeridian(["stacks", "list", "--root", root, "--format", "json"]);
        assert.equal(list.status, 0);
        const stacks = JSON.parse(list.stdout) as Array<{ name: string; wave: number; pending: boolean }>;
        const pending = stacks.find((stack) => stack.name === "payments-staging.global");
        assert.equal(pending?.wave, 1);
        assert.equal(pending?.pending, true);
        assert.equal(stacks.length, 18);
    });
});
