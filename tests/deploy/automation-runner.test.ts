import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PULUMI_CLI_MISSING, createAutomationRunner } from "../../stacks/deploy/automation-runner";

describe("Automation API adapter", () => {
    it("fails with a clear message, before running anything, when the Pulumi CLI is absent", async () => {
        const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-no-pulumi-"));
        const savedPath = process.env.PATH;
        process.env.PATH = emptyBin;
        try {
            await assert.rejects(
                createAutomationRunner(path.resolve(__dirname, "../..")),
                (error: unknown) => error instanceof Error && error.message.startsWith(PULUMI_CLI_MISSING),
            );
        } finally {
            process.env.PATH = savedPath;
        }
    });
});
