import { strict as assert } from "assert";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import { packClosure, REPO } from "./crossguard/installed-pack";

/**
 * The pack installs alone (crossguard/installed-pack.ts): its own lockfile at the repository's
 * versions, and nothing it loads needs a package its package.json lacks. The parity spec
 * (crossguard-parity.test.ts) installs a copy with `npm ci --offline` and runs every verdict
 * through the engine's start of that copy.
 */

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

describe("the policy pack installs alone", function () {
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
});
