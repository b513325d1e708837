"use strict";
/**
 * Loads TypeScript sources directly (`node -r ./bin/typescript-hook.js file.ts`): each .ts file is
 * compiled with esbuild, with the settings of the build (bin/build.js), as it is required. Tests,
 * benchmarks and render workers started from source use it; the shipped CLI runs the build.
 */
const fs = require("fs");
const { TRANSFORM_OPTIONS } = require("./build");

if (!require.extensions[".ts"]) {
    const esbuild = require("esbuild");
    process.setSourceMapsEnabled(true);
    require.extensions[".ts"] = (module, filename) => {
        const { code } = esbuild.transformSync(fs.readFileSync(filename, "utf8"), {
            ...TRANSFORM_OPTIONS,
            loader: "ts",
            sourcefile: filename,
            sourcemap: "inline",
        });
        module._compile(code, filename);
    };
}
