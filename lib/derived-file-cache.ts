import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/**
 * A value derived from project files, kept on disk and reused while those files are unchanged, so
 * each process (and each render worker) does not derive it again. Unchanged means: the same
 * content for the project's own files, and the same package-lock.json for files under
 * node_modules (`npm ci` installs exactly what the lock names).
 */

const REPOSITORY = path.resolve(__dirname, "..");
const CACHE_DIRECTORY = path.join(REPOSITORY, "node_modules", ".cache", "meridian");
const LOCK_FILE = "package-lock.json";

interface Stored<T> {
    lock: string;
    /** The project's own input files (node_modules excluded) → content digest. */
    files: Record<string, string>;
    value: T;
}

/** sha256 of a file's content, hex. */
export function fileDigest(file: string): string {
    return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function stillValid(stored: Stored<unknown>): boolean {
    try {
        return (
            stored.lock === fileDigest(path.join(REPOSITORY, LOCK_FILE)) &&
            Object.entries(stored.files).every(([file, digest]) => fileDigest(path.join(REPOSITORY, file)) === digest)
        );
    } catch {
        return false;
    }
}

/**
 * The stored value of `name` if its inputs are unchanged; otherwise derives it, stores it and
 * returns it. `derive` names its inputs relative to the repository root.
 */
export function reuseOrDerive<T>(name: string, derive: () => { value: T; inputs: readonly string[] }): T {
    const file = path.join(CACHE_DIRECTORY, `${name}.json`);
    try {
        const stored = JSON.parse(fs.readFileSync(file, "utf8")) as Stored<T>;
        if (stillValid(stored)) return stored.value;
    } catch {
        // Missing or unreadable: derive it afresh.
    }
    const { value, inputs } = derive();
    const own = inputs.filter((input) => !input.split(/[\\/]/).includes("node_modules"));
    const stored: Stored<T> = {
        lock: fileDigest(path.join(REPOSITORY, LOCK_FILE)),
        files: Object.fromEntries(own.map((input) => [input, fileDigest(path.join(REPOSITORY, input))])),
        value,
    };
    // Written aside and renamed, so a concurrent reader never sees half a file.
    fs.mkdirSync(CACHE_DIRECTORY, { recursive: true });
    const partial = `${file}.${process.pid}.${Date.now()}`;
    fs.writeFileSync(partial, JSON.stringify(stored));
    fs.renameSync(partial, file);
    return value;
}
