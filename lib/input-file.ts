import * as fs from "fs";
import * as path from "path";
import { InputError } from "./input-error";

/**
 * The one way Meridian reads a file it was given: a regular file, inside the tree it belongs to
 * when there is one, and UTF-8 text. Every refusal is bad input (exit 2) naming the file, and no
 * message ever quotes the file's content or a symbolic link's target: a link that leaves the tree
 * could point at anything.
 */

export interface ReadInputOptions {
    /** The file is shown under this name in messages (relative to --root where possible); default: `absolute`. */
    shown?: string;
    /** The directory the file must stay inside once symbolic links are resolved, and how to name it in messages. */
    within?: { directory: string; shown: string };
    /** Appended to "file not found", e.g. where it looked and what to check. */
    missingHint?: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function readInputText(absolute: string, options: ReadInputOptions = {}): string {
    const shown = options.shown ?? absolute;
    const refuse = (message: string): never => {
        throw InputError.single(shown, "", message);
    };
    let stat: fs.Stats;
    try {
        stat = fs.statSync(absolute);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") return refuse(`file not found${options.missingHint ? ` ${options.missingHint}` : ""}`);
        if (code === "ELOOP") return refuse("is a symbolic link that loops back on itself");
        return refuse(`cannot be read (${code ?? String(error)})`);
    }
    if (stat.isDirectory()) refuse("is a directory; expected a file");
    if (!stat.isFile()) refuse("is not a regular file (a device, pipe or socket); expected a file");
    if (options.within && !isInside(fs.realpathSync(absolute), fs.realpathSync(options.within.directory))) {
        refuse(`resolves outside ${options.within.shown} through a symbolic link; files must live inside ${options.within.shown}`);
    }
    const bytes = fs.readFileSync(absolute);
    try {
        return utf8.decode(bytes);
    } catch {
        throw new InputError([{ file: shown, path: "", line: firstInvalidLine(bytes), message: "is not UTF-8 text; save it as UTF-8" }]);
    }
}

function isInside(file: string, directory: string): boolean {
    const relative = path.relative(directory, file);
    return relative !== "" && !relative.startsWith(`..${path.sep}`) && relative !== ".." && !path.isAbsolute(relative);
}

/** The lenient decoder marks each invalid sequence with U+FFFD; count the lines before the first one. */
function firstInvalidLine(bytes: Buffer): number {
    const text = bytes.toString("utf8");
    const at = text.indexOf("\uFFFD");
    return text.slice(0, at).split("\n").length;
}

/**
 * JSON.parse with a message that says where, never what: V8's messages quote the text around the
 * error, which for a file that should not have been read at all would print its content.
 */
export function parseJsonText(text: string, shown: string): unknown {
    try {
        return JSON.parse(text);
    } catch (error) {
        const message = (error as Error).message;
        const position = /at position (\d+)/.exec(message);
        const where = position ? lineAndColumn(text, Number(position[1])) : undefined;
        // Keep V8's reason ("Expected property name or '}'"), drop its quote of the text.
        const reason = message.replace(/,? ".*"(\.\.\.)? is not valid JSON$/s, "").replace(/ in JSON at position \d+.*$/s, "");
        const shownReason = reason.charAt(0).toLowerCase() + reason.slice(1);
        throw new InputError([{ file: shown, path: "", message: `is not valid JSON: ${shownReason}`, ...where }]);
    }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
    const before = text.slice(0, offset).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1 };
}
