#!/usr/bin/env node
// Runs the CLI from its build (.build/meridian.js, made by bin/build.js). If any source file changed
// since that build, it is rebuilt first (about a second), so the code that runs is always the code
// in the tree: the same sources `npm run typecheck` checks and `npm test` tests.
"use strict";
// The main thread's young generation at 64 MB semi-spaces: a 400-stack plan, three runs each side
// by side, took the same time and peaked at 0.78 GB instead of 1.0 GB. Set before anything
// allocates much (V8 reads it as the new space grows); render workers set their own
// (stacks/offline/worker-pool.ts).
require("v8").setFlagsFromString("--max-semi-space-size=64");
// The AWS SDK warns on every run that its releases after January 2027 will need Node 22. Meridian
// pins its SDK version and supports Node 20 (package.json engines), so the warning is noise here;
// this is the SDK's own switch for it (@aws-sdk/core, emitWarningIfUnsupportedVersion). A user who
// sets the variable keeps their choice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
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
