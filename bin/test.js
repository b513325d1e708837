#!/usr/bin/env node
"use strict";
/**
 * `npm test`: builds the CLI (so tests that run `bin/meridian.js` run the current code), then runs
 * the type-check, ESLint, prettier's check and the specs at the same time, the specs on a worker
 * per core (mocha --parallel). Each prints only what is wrong, except mocha; the run fails if any fails.
 */
const { spawn } = require("child_process");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

const CHECKS = [
    ["type-check", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]],
    ["eslint", bin("eslint"), ["."]],
    ["prettier", bin("prettier"), ["--check", "--log-level", "warn", "--cache", "--cache-strategy", "content", "."]],
    ["mocha", bin("mocha"), ["--parallel", "--jobs", String(os.availableParallelism())]],
];

function run(name, command, args) {
    return new Promise((resolve) => {
        const child = spawn(command, args, { cwd: ROOT, stdio: "inherit" });
        child.on("exit", (code, signal) => resolve({ name, ok: code === 0, code: code ?? signal }));
        child.on("error", (error) => resolve({ name, ok: false, code: error.message }));
    });
}

async function main() {
    await require("./build").build();
    const results = await Promise.all(CHECKS.map(([name, command, args]) => run(name, command, args)));
    const failed = results.filter((result) => !result.ok);
    for (const result of failed) process.stderr.write(`npm test: ${result.name} failed (${result.code})\n`);
    process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((error) => {
    process.stderr.write(`npm test: ${error.message}\n`);
    process.exitCode = 1;
});
