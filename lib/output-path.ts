import * as fs from "fs";
import * as path from "path";
import { InputError } from "./input-error";

/**
 * Checks an output flag (`--out`, `--report`) before a command does any work, so that a path it
 * could never write fails at once as bad input instead of after the work, as a raw EEXIST or a
 * hang (Node's recursive mkdir never returns under /proc). The one write it makes is a probe
 * directory inside the nearest existing ancestor, removed at once: the only test that the
 * filesystem there takes new entries, which permission bits alone do not tell for root.
 */
export function checkOutputPath(flag: string, target: string, kind: "directory" | "file"): void {
    const refuse = (message: string): never => {
        throw InputError.single("command line", flag, `${JSON.stringify(target)} ${message}`);
    };
    const absolute = path.resolve(target);
    const existing = statOrUndefined(absolute);
    if (existing && kind === "directory" && !existing.isDirectory()) refuse("exists and is not a directory; give a directory to write into");
    if (existing && kind === "file" && existing.isDirectory()) refuse("is a directory; give a file name");
    let ancestor = kind === "directory" && existing ? absolute : path.dirname(absolute);
    while (!statOrUndefined(ancestor)) ancestor = path.dirname(ancestor);
    if (!statOrUndefined(ancestor)!.isDirectory()) refuse(`cannot be created: ${ancestor} is a file, not a directory`);
    try {
        fs.rmdirSync(fs.mkdtempSync(path.join(ancestor, ".meridian-write-check-")));
    } catch (error) {
        refuse(`cannot be written: ${ancestor} does not take new files (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
}

function statOrUndefined(file: string): fs.Stats | undefined {
    try {
        return fs.statSync(file);
    } catch {
        return undefined;
    }
}
