#!/usr/bin/env node
// `npm run mutation [-- <stryker options>]`: runs Stryker with stryker.config.json, then records the
// per-folder scores of its JSON report in docs/project/mutation-scores.json, so that the record the
// floor check in `npm test` reads is the last measurement rather than a number typed by hand.
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.join(__dirname, "..");
const args = process.argv.slice(2);
// Each scope keeps its own incremental record, so that re-measuring one area does not discard the
// results Stryker would reuse for another (a run's record holds only the files it mutated).
const mutate = args.indexOf("--mutate");
const scoped = mutate >= 0 && !args.includes("--incrementalFile");
// A long --mutate list would make a file name over the file system's limit: such a scope is named by a digest.
const scope = scoped ? String(args[mutate + 1]).replace(/[^A-Za-z0-9]+/g, "-") : "";
const slug = scope.length > 100 ? require("crypto").createHash("sha256").update(scope).digest("hex").slice(0, 16) : scope;
const incremental = scoped ? ["--incrementalFile", `reports/mutation/incremental/${slug}.json`] : [];
const started = Date.now();
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
const strykerBin = path.join(root, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
const stryker = spawnSync(process.execPath, [strykerBin, "run", ...args, ...incremental], {
    cwd: root,
    stdio: "inherit",
});
if (stryker.status !== 0) process.exit(stryker.status ?? 1);
require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
const { recordScores, SCORES_FILE } = require("../tests/helpers/mutation-scores");
const { recorded, partial } = recordScores(root, args, new Date().toISOString().slice(0, 10), commit);
const minutes = ((Date.now() - started) / 60000).toFixed(1);
process.stdout.write(`mutation: ${minutes} min; recorded in ${SCORES_FILE}: ${recorded.join(", ") || "nothing"}\n`);
if (partial.length) process.stdout.write(`mutation: not recorded (the run mutated only part of them): ${partial.join(", ")}\n`);
