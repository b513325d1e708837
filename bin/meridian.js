#!/usr/bin/env node
// Runs the CLI from its build (.build/meridian.js, made by bin/build.js). If any source file changed
// since that build, it is rebuilt first (about a second), so the code that runs is always the code
// in the tree: the same sources `npm run typecheck` checks and `npm test` tests.
"use strict";
// A closed pipe (`meridian stacks list | head`) is not an error.
process.stdout.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
});
const builder = require("./build");
(builder.isStale() ? builder.build() : Promise.resolve())
    .then(() => require(require("path").join(builder.OUT_DIR, "meridian.js")).main(process.argv))
    .catch((error) => {
        process.stderr.write(`error: ${error && error.message ? error.message : String(error)}\n`);
        process.exitCode = 1;
    });
