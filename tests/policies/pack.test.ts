import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as path from "path";
import { MERIDIAN_RULES } from "../../policies/rules";

describe("policy pack entry point", () => {
    it("policies/index.ts constructs the pack and starts the analyzer server (prints its port)", async function () {
        // Loading @pulumi/pulumi and compiling the pack takes a few seconds on a cold cache.
        this.timeout(60000);
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], {
            cwd: path.join(__dirname, "../../policies"),
            stdio: ["ignore", "pipe", "pipe"],
        });
        try {
            const firstLine = await new Promise<string>((resolve, reject) => {
                let out = "";
                let err = "";
                child.stdout.on("data", (chunk: Buffer) => {
                    out += chunk.toString();
                    if (out.includes("\n")) resolve(out.split("\n")[0]);
                });
                child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
                child.on("exit", (code) => reject(new Error(`pack exited with ${code}: ${err}`)));
            });
            assert.match(firstLine, /^\d+$/);
        } finally {
            child.kill();
        }
    });
    it("has unique rule names", () => {
        const names = MERIDIAN_RULES.map((rule) => rule.name);
        assert.equal(new Set(names).size, names.length);
    });
});
