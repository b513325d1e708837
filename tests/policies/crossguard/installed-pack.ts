import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

/**
 * `pulumi up --policy-pack policies` in a clean CI checkout runs the pack from its own folder with
 * its own node_modules: the Node language host locates @pulumi/pulumi/cmd/run-policy-pack from the
 * pack's folder, and ts-node type-checks the pack there (policy-pack-process.ts). So the pack must
 * install alone from its own lockfile, and everything it loads, files outside policies/ included,
 * must need no package its package.json does not list. The parity spec runs the pack from such an
 * install (one type-checked start serves both questions: does it install alone, and does it agree).
 */

export const REPO = path.resolve(__dirname, "../../..");

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

/** The pack's closure and manifests copied to a temporary tree and installed there with `npm ci --offline`; returns the copy's policies/ folder. */
export function installedPackCopy(): { packDir: string; remove(): void } {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-pack-install-"));
    const remove = () => fs.rmSync(root, { recursive: true, force: true });
    try {
        for (const file of [
            ...packClosure().files,
            "policies/package.json",
            "policies/package-lock.json",
            "policies/tsconfig.json",
            "policies/PulumiPolicy.yaml",
        ]) {
            fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
            fs.copyFileSync(path.join(REPO, file), path.join(root, file));
        }
        const packDir = path.join(root, "policies");
        const install = spawnSync("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: packDir, encoding: "utf8" });
        assert.equal(install.status, 0, `npm ci --offline failed (is the repository installed, so its packages are in the npm cache?):\n${install.stderr}`);
        return { packDir, remove };
    } catch (error) {
        remove();
        throw error;
    }
}
