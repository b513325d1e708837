import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { copyExampleCatalog, runMeridian } from "../helpers/example-catalog";

/**
 * Usage errors go through the real binary: commander exits the process on a bad flag, so only a
 * child process shows the exit code a user (or CI) sees. The convention is 2, never 1, and nothing
 * written.
 */
describe("bad flags through the real binary", () => {
    const cases: Array<{ args: (root: string) => string[]; message: RegExp }> = [
        { args: (root) => ["catalog", "validate", "--root", root, "--bogus"], message: /unknown option '--bogus'/ },
        { args: (root) => ["catalog", "validate", "--root", root, "--format", "xml"], message: /'xml' is invalid\. Allowed choices are text, json/ },
        { args: (root) => ["plan", "--root", root, "--out", path.join(root, "plan-out"), "--format", "xml"], message: /'xml' is invalid/ },
        { args: (root) => ["stacks", "sync", "--root", root, "--prune=yes"], message: /--prune/ },
    ];
    for (const testCase of cases) {
        const shown = testCase.args("ROOT").join(" ");
        it(`meridian ${shown} exits 2, writes nothing and says what is wrong`, () => {
            const root = copyExampleCatalog();
            const before = fs.readdirSync(root).sort();
            const result = runMeridian(testCase.args(root));
            assert.equal(result.status, 2, result.stderr);
            assert.equal(result.stdout, "");
            assert.match(result.stderr, testCase.message);
            assert.deepEqual(fs.readdirSync(root).sort(), before, "nothing may be written on bad flags");
        });
    }
});
