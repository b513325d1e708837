"use strict";
/**
 * Builds what `meridian` runs: esbuild bundles each entry point's project code into one CommonJS
 * file under .build/, leaving packages as require() calls so @pulumi/aws still loads only when a
 * command renders. `npm ci` runs it (prepare), `npm test` runs it first, and bin/meridian.js runs
 * it again whenever a source file changed since the last build, so a stale build never runs.
 *
 * `__dirname` in project code is rewritten to the source file's own directory, so code that finds
 * files beside its source (the health-check handler it bundles, policies/exceptions.yaml) reads the
 * same files from the build as from source. `__filename` is left alone: it names the running file.
 */
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const OUT_DIR = path.join(ROOT, ".build");
const BUILD_INFO = path.join(OUT_DIR, "build-info.json");

/** Output name (under .build/) → TypeScript entry point. */
const ENTRY_POINTS = {
    meridian: "cli/main.ts",
    "render-worker": "stacks/offline/render-worker.ts",
    "peer-stack": "bench/peer-stack.ts",
};

/** esbuild settings shared with the TypeScript require hook (bin/typescript-hook.js), so tests run what ships. */
const TRANSFORM_OPTIONS = {
    format: "cjs",
    platform: "node",
    target: "node20",
    // As tsc's "module": "commonjs" does: import() becomes require(), which the hook can serve.
    supported: { "dynamic-import": false },
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, esModuleInterop: true } },
};

/** Rewrites `__dirname` in project sources to the relative path from the bundle to the source directory. */
const sourceDirnamePlugin = {
    name: "source-dirname",
    setup(build) {
        build.onLoad({ filter: /\.ts$/ }, (args) => {
            if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
            const relative = path.relative(OUT_DIR, path.dirname(args.path)).split(path.sep).join("/");
            const source = fs.readFileSync(args.path, "utf8");
            const contents = source.replace(/\b__dirname\b/g, `require("path").join(__dirname, ${JSON.stringify(relative)})`);
            return { contents, loader: "ts" };
        });
    },
};

const digest = (file) => require("crypto").createHash("sha1").update(fs.readFileSync(path.join(ROOT, file))).digest("hex");

/** What a build read: each project file's size, modification time and content digest. */
function fingerprint(files) {
    return Object.fromEntries(
        files.map((file) => {
            const stat = fs.statSync(path.join(ROOT, file));
            return [file, { size: stat.size, mtimeMs: stat.mtimeMs, sha1: digest(file) }];
        }),
    );
}

/** Unchanged: same size, and the same modification time or (a copy, a checkout) the same content. */
function unchanged(file, built) {
    const stat = fs.statSync(path.join(ROOT, file));
    return stat.size === built.size && (stat.mtimeMs === built.mtimeMs || digest(file) === built.sha1);
}

async function build() {
    const staging = fs.mkdtempSync(path.join(ROOT, ".build-"));
    fs.chmodSync(staging, 0o755);
    try {
        // Loaded here, not at the top: bin/meridian.js checks freshness on every start without it.
        const result = await require("esbuild").build({
            ...TRANSFORM_OPTIONS,
            absWorkingDir: ROOT,
            entryPoints: ENTRY_POINTS,
            outdir: staging,
            bundle: true,
            packages: "external",
            sourcemap: "linked",
            metafile: true,
            logLevel: "warning",
            plugins: [sourceDirnamePlugin],
        });
        const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith("node_modules/"));
        fs.writeFileSync(path.join(staging, "build-info.json"), `${JSON.stringify({ inputs: fingerprint(inputs) }, null, 2)}\n`);
        // Concurrent runs (parallel tests) may build at once: each builds aside and swaps in whole.
        const retired = `${OUT_DIR}-retired-${process.pid}`;
        if (fs.existsSync(OUT_DIR)) fs.renameSync(OUT_DIR, retired);
        try {
            fs.renameSync(staging, OUT_DIR);
        } catch (error) {
            // Another build swapped its output in first; it was built from the same sources.
            if (!fs.existsSync(BUILD_INFO)) throw error;
            fs.rmSync(staging, { recursive: true, force: true });
        }
        fs.rmSync(retired, { recursive: true, force: true });
    } catch (error) {
        fs.rmSync(staging, { recursive: true, force: true });
        throw error;
    }
}

/** True when .build/ is missing or any file it was built from has changed since. */
function isStale() {
    let info;
    try {
        info = JSON.parse(fs.readFileSync(BUILD_INFO, "utf8"));
    } catch {
        return true;
    }
    try {
        if (Object.entries(info.inputs).some(([file, built]) => !unchanged(file, built))) return true;
    } catch {
        return true;
    }
    // A new entry point, or a new file an entry point now imports, shows up as a changed importer.
    return Object.values(ENTRY_POINTS).some((entry) => !(entry in info.inputs));
}

module.exports = { build, isStale, OUT_DIR, ENTRY_POINTS, TRANSFORM_OPTIONS };

if (require.main === module) {
    build().catch((error) => {
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 1;
    });
}
