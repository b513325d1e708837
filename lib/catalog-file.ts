import * as fs from "fs";
import * as path from "path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { formatPath, InputProblem } from "./input-error";

/**
 * Reading one catalog file: YAML syntax errors carry their line and column; schema errors carry the
 * path inside the document. Problems are returned, never thrown, so a caller can report every
 * problem in every file at once.
 */

export interface FileRead<T> {
    value?: T;
    problems: InputProblem[];
}

export function readYamlFile(root: string, relativePath: string): FileRead<unknown> {
    const absolute = path.join(root, relativePath);
    if (!fs.existsSync(absolute)) {
        return {
            problems: [{ file: relativePath, path: "", message: `file not found (looked for ${absolute}; is --root the tree that holds the catalogs?)` }],
        };
    }
    const source = fs.readFileSync(absolute, "utf8");
    const lineCounter = new LineCounter();
    const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (document.errors.length > 0) {
        // Only the first: later syntax errors are usually the parser losing its footing after it.
        const error = document.errors[0];
        const position = lineCounter.linePos(error.pos[0]);
        const firstLine = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        return { problems: [{ file: relativePath, path: `line ${position.line}, column ${position.col}`, message: `YAML syntax error: ${firstLine}` }] };
    }
    return { value: document.toJS() as unknown, problems: [] };
}

/** Parses with a zod schema and turns its issues into problems named by file and path. */
export function parseWithSchema<S extends z.ZodType>(file: string, schema: S, input: unknown): FileRead<z.output<S>> {
    const result = schema.safeParse(input ?? {});
    if (result.success) return { value: result.data, problems: [] };
    const problems: InputProblem[] = [];
    for (const issue of result.error.issues) {
        if (issue.code === "unrecognized_keys") {
            for (const key of issue.keys) {
                problems.push({ file, path: formatPath([...issue.path, key]), message: `unknown key "${key}"` });
            }
            continue;
        }
        const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
        problems.push({ file, path: formatPath(issue.path), message: missing ? "is required" : issue.message });
    }
    return { problems };
}
