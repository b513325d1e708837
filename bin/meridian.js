#!/usr/bin/env node
// The CLI is TypeScript run through ts-node's transpile-only mode: the code that runs is the code
// that is type-checked by `npm run typecheck` and tested by `npm test`, with no build step to forget.
"use strict";
// A closed pipe (`meridian stacks list | head`) is not an error.
process.stdout.on("error", (error) => { if (error.code === "EPIPE") process.exit(0); throw error; });
require("ts-node").register({ transpileOnly: true, project: require("path").join(__dirname, "..", "tsconfig.json") });
require("../cli/main").main(process.argv).catch((error) => {
    process.stderr.write(`error: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
