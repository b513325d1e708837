import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { MERIDIAN_RULES } from "../../policies/rules";
import { document, resource } from "../../policies/rules/scenario-kit";
import { PolicyPackProcess } from "./crossguard/policy-pack-process";

/**
 * `pulumi up --policy-pack policies` in a clean CI checkout runs the pack from its own folder with
 * its own node_modules: the Node language host locates @pulumi/pulumi/cmd/run-policy-pack from the
 * pack's folder, and ts-node type-checks the pack there (crossguard/policy-pack-process.ts). So
 * the pack must install alone from its own lockfile, and everything it loads, files outside
 * policies/ included, must need no package its package.json does not list.
 */

const REPO = path.resolve(__dirname, "../..");
const PACK = path.join(REPO, "policies");
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

interface Manifest {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
}

function readJson<T>(file: string): T {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

function packageOf(specifier: string): string {
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Every file the pack loads or type-checks from policies/index.ts, and every package specifier each names (require.resolve included). */
export function packClosure(): { files: string[]; packages: Map<string, string[]> } {
    const files = new Set<string>();
    const packages = new Map<string, string[]>();
    const visit = (file: string) => {
        if (files.has(file)) return;
        files.add(file);
        const text = fs.readFileSync(path.join(REPO, file), "utf8");
        const specifiers = [
            ...ts.preProcessFile(text, true, true).importedFiles.map((entry) => entry.fileName),
            ...[...text.matchAll(/require\.resolve\("([^"]+)"/g)].map((found) => found[1]),
        ];
        for (const specifier of specifiers) {
            if (!specifier.startsWith(".")) {
                packages.set(file, [...(packages.get(file) ?? []), specifier]);
                continue;
            }
            const base = path.join(path.dirname(path.join(REPO, file)), specifier);
            const target = [`${base}.ts`, path.join(base, "index.ts")].find((candidate) => fs.existsSync(candidate));
            assert.ok(target, `${file} imports ${specifier}, which is no TypeScript file`);
            visit(path.relative(REPO, target));
        }
    };
    visit("policies/index.ts");
    return { files: [...files].sort(), packages };
}

describe("the policy pack installs and runs alone", function () {
    // npm ci from the cache and a type-checked start of the pack.
    this.timeout(600_000);
    const manifest = readJson<Manifest>(path.join(PACK, "package.json"));

    it("has its own lockfile, matching its package.json, at the versions the repository's lock has", () => {
        const lock = readJson<{ packages: Record<string, { version?: string; dependencies?: Record<string, string> }> }>(path.join(PACK, "package-lock.json"));
        assert.deepEqual(lock.packages[""].dependencies, manifest.dependencies);
        const root = readJson<typeof lock>(path.join(REPO, "package-lock.json"));
        const drifted = Object.entries(lock.packages)
            .filter(([key, entry]) => key !== "" && root.packages[key] && root.packages[key].version !== entry.version)
            .map(([key, entry]) => `${key}: pack ${entry.version}, repository ${root.packages[key].version}`);
        assert.deepEqual(
            drifted,
            [],
            "regenerate policies/package-lock.json: cp package-lock.json policies/ && cd policies && npm install --package-lock-only --offline",
        );
    });

    it("loads nothing that needs a package its package.json lacks, and nothing outside policies/ that needs a package at all", () => {
        const { files, packages } = packClosure();
        const listed = new Set(Object.keys(manifest.dependencies ?? {}));
        const missing: string[] = [];
        for (const [file, specifiers] of packages) {
            for (const specifier of specifiers.filter((candidate) => !BUILTINS.has(candidate))) {
                if (!file.startsWith("policies/")) missing.push(`${file} (outside the pack) needs ${specifier}`);
                else if (!listed.has(packageOf(specifier))) missing.push(`${file} needs ${specifier}, which policies/package.json does not list`);
            }
        }
        assert.deepEqual(missing, []);
        assert.ok(files.includes("policies/iam/action-catalog.ts") && files.length > 40, files.join("\n"));
    });

    it("installs into a clean copy offline from the npm cache, and the engine starts it and gets its verdicts", async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-pack-install-"));
        try {
            const { files } = packClosure();
            for (const file of [...files, "policies/package.json", "policies/package-lock.json", "policies/tsconfig.json", "policies/PulumiPolicy.yaml"]) {
                fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
                fs.copyFileSync(path.join(REPO, file), path.join(root, file));
            }
            const copy = path.join(root, "policies");
            const install = spawnSync("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: copy, encoding: "utf8" });
            assert.equal(install.status, 0, `npm ci --offline failed (is the repository installed, so its packages are in the npm cache?):\n${install.stderr}`);
            const pack = await PolicyPackProcess.start(copy);
            try {
                assert.equal(require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [copy] }).startsWith(copy), true);
                assert.deepEqual(pack.policies.map((policy) => policy.name).sort(), MERIDIAN_RULES.map((rule) => rule.name).sort());
                const grant = resource("aws:iam/rolePolicy:RolePolicy", "p", {
                    name: "p",
                    role: "r",
                    policy: document({ Effect: "Allow", Action: "iam:*", Resource: "*" }),
                });
                const outcomes = await pack.analyze({ stack: { name: "test", resources: [grant] }, dryRun: false });
                const wildcard = outcomes.find((outcome) => outcome.rule === "no-wildcard-grants");
                assert.equal(wildcard?.status, "violation", pack.log);
            } finally {
                await pack.stop();
            }
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
