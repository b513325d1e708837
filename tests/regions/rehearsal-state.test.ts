import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { parseState, readState, removeState, writeState } from "../../regions/failover/state-file";
import { SWITCH_RECORD as RECORD } from "./fixtures/rehearsal-records";

/** The rehearsal's undo record: read from a file or the lock, never guessed at, and never written over another. */

function rejected(text: string): string {
    try {
        parseState(text, "lock /x in us-east-1");
    } catch (error) {
        assert.ok(error instanceof InputError, String(error));
        return error.message;
    }
    assert.fail(`accepted ${text}`);
}

describe("the rehearsal record (state-file.ts)", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-state-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads back a record of either lever", () => {
        assert.deepEqual(parseState(JSON.stringify(RECORD), "f"), RECORD);
        const invert = { ...RECORD, lever: "invert" as const, parameter: undefined };
        assert.deepEqual(parseState(JSON.stringify(invert), "f"), JSON.parse(JSON.stringify(invert)));
    });

    it("names text that is not JSON as bad input, from where it was read", () => {
        assert.match(
            rejected("{not json"),
            /^lock \/x in us-east-1: .*is not JSON \(.+\); inspect it and remove it by hand once the region's lever is known to be restored$/,
        );
    });

    it("refuses JSON that is not a whole record: a region may still be drained, so nothing is guessed", () => {
        const broken: Array<[string, unknown]> = [
            ["null", null],
            ["a string", "record"],
            ["another version", { ...RECORD, version: 1 }],
            ["another lever", { ...RECORD, lever: "dns" }],
            ["no lever", { ...RECORD, lever: undefined }],
            ["an empty run id", { ...RECORD, runId: "" }],
            ["a numeric account", { ...RECORD, account: 111122223333 }],
            ["no subsystem", { ...RECORD, subsystem: undefined }],
            ["no environment", { ...RECORD, environment: undefined }],
            ["no region", { ...RECORD, region: undefined }],
            ["no health check", { ...RECORD, healthCheckId: undefined }],
            ["no lock", { ...RECORD, lock: undefined }],
            ["a lock that is null", { ...RECORD, lock: null }],
            ["a lock that is text", { ...RECORD, lock: "/orders/rehearsal/prod/lock" }],
            ["a lock without a region", { ...RECORD, lock: { name: "/l" } }],
            ["a lock with an empty name", { ...RECORD, lock: { region: "us-east-1", name: "" } }],
            ["no revert", { ...RECORD, revert: undefined }],
            ["a revert without a name", { ...RECORD, revert: { region: "us-east-1", at: RECORD.revert.at } }],
        ];
        for (const [what, value] of broken) {
            assert.equal(
                rejected(JSON.stringify(value)),
                "lock /x in us-east-1: is not a rehearsal record (version 2, runId, account, region, healthCheckId, lever invert or switch, lock, revert); " +
                    "inspect it and remove it by hand once the region's lever is known to be restored",
                what,
            );
        }
    });

    it("reads nothing from a missing file, and names an unreadable one", () => {
        const file = path.join(dir, "state.json");
        assert.equal(readState(file), undefined);
        fs.writeFileSync(file, "[]");
        assert.throws(
            () => readState(file),
            (error: unknown) => error instanceof InputError && error.message.startsWith(`${file}: is not a rehearsal record`),
        );
    });

    it("writes the record whole, into a folder it creates, and leaves no temporary file", () => {
        const file = path.join(dir, "nested", ".meridian", "state.json");
        writeState(file, RECORD);
        assert.deepEqual(readState(file), RECORD);
        assert.ok(fs.readFileSync(file, "utf8").endsWith("}\n"));
        assert.deepEqual(fs.readdirSync(path.dirname(file)), ["state.json"]);
    });

    it("never writes over another run's record, and leaves it as it was", () => {
        const file = path.join(dir, "state.json");
        writeState(file, RECORD);
        assert.throws(
            () => writeState(file, { ...RECORD, runId: "run-2" }),
            (error: unknown) =>
                error instanceof Error &&
                error.message ===
                    `${file} was created by another rehearsal while this one prepared; nothing was changed (run \`meridian failover restore\` once that one is over, if it did not finish)`,
        );
        assert.equal(readState(file)?.runId, "run-1");
        assert.deepEqual(fs.readdirSync(dir), ["state.json"]);
    });

    it("removes the record, and removing it twice is harmless", () => {
        const file = path.join(dir, "state.json");
        writeState(file, RECORD);
        removeState(file);
        assert.equal(fs.existsSync(file), false);
        removeState(file);
    });
});
