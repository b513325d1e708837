#!/usr/bin/env node
// The CLI is TypeScript run through ts-node's transpile-only mode: the code that runs is the code
// that is type-checked by `npm run typecheck` and tested by `npm test`, with no build step to forget.
"use strict";
// The AWS SDK warns on every run that its releases after January 2027 will need Node 22. Meridian
// pins its SDK version and supports Node 20 (package.json engines), so the warning is noise here;
// this is the SDK's own switch for it (@aws-sdk/core, emitWarningIfUnsupportedVersion). A user who
// sets the variable keeps their choice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// A closed pipe (`meridian stacks list | head`) is not an error.
process.stdout.on("error", (error) => { if (error.code === "EPIPE") process.exit(0); throw error; });
require("ts-node").register({ transpileOnly: true, project: require("path").join(__dirname, "..", "tsconfig.json") });
require("../cli/main").main(process.argv).catch((error) => {
    process.stderr.write(`error: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
