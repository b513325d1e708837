import * as path from "path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { formatPath, InputError, InputProblem } from "./input-error";
import { readInputText } from "./input-file";
import { pathSegments, YamlSource } from "./yaml-source";

/**
 * Reading one YAML input file (a catalog, the exceptions, a policy config): YAML syntax errors
 * carry their line and column; schema errors carry the path inside the document and its line.
 * Problems are returned, never thrown, so a caller can report every problem in every file at once.
 */

export interface FileRead<T> {
    value?: T;
    problems: InputProblem[];
    /** Positions in the file, when it parsed. */
    source?: YamlSource;
}

/**
 * Aliases a file may expand, in total. The YAML library refuses more (a "billion laughs" file
 * would otherwise expand to gigabytes); a catalog that shares a few tag sets stays far below it.
 */
export const MAX_YAML_ALIAS_EXPANSIONS = 100;

/**
 * `root` is the tree the file belongs to (the catalog root), which it may not leave through a
 * symbolic link; "" for a file named on the command line, which is read where it is.
 */
export function readYamlFile(root: string, relativePath: string): FileRead<unknown> {
    const absolute = root ? path.join(root, relativePath) : relativePath;
    let text: string;
    try {
        text = readInputText(absolute, {
            shown: relativePath,
            within: root ? { directory: root, shown: "the catalog tree (--root)" } : undefined,
            missingHint: root ? `(looked for ${absolute}; is --root the tree that holds the catalogs?)` : undefined,
        });
    } catch (error) {
        if (error instanceof InputError) return { problems: [...error.problems] };
        throw error;
    }
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (document.errors.length > 0) {
        // Only the first: later syntax errors are usually the parser losing its footing after it.
        const error = document.errors[0];
        const position = lineCounter.linePos(error.pos[0]);
        const firstLine = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        return { problems: [{ file: relativePath, path: "", line: position.line, column: position.col, message: `YAML syntax error: ${firstLine}` }] };
    }
    const source = new YamlSource(document, lineCounter, text);
    try {
        return { value: document.toJS({ maxAliasCount: MAX_YAML_ALIAS_EXPANSIONS }) as unknown, problems: [], source };
    } catch (error) {
        if (!(error instanceof ReferenceError)) throw error;
        const message = /Excessive alias count/.test(error.message)
            ? `expands YAML aliases more than ${MAX_YAML_ALIAS_EXPANSIONS} times; write the repeated values out, or share fewer of them`
            : `YAML alias error: ${error.message}`;
        return { problems: [{ file: relativePath, path: "", message }], source };
    }
}

/**
 * Parses with a zod schema and turns its issues into problems named by file, path and line. An
 * empty file is one problem that lists what the file should hold.
 */
export function parseWithSchema<S extends z.ZodType>(file: string, schema: S, input: unknown, source?: YamlSource): FileRead<z.output<S>> {
    if (input === null || input === undefined) return { problems: [{ file, path: "", message: `is empty; ${expectedContent(schema)}` }] };
    const result = schema.safeParse(input, { reportInput: true });
    if (result.success) return { value: result.data, problems: [] };
    const problems: InputProblem[] = [];
    for (const issue of result.error.issues) {
        if (issue.code === "unrecognized_keys") {
            for (const key of issue.keys) problems.push({ file, path: formatPath([...issue.path, key]), message: `unknown key "${key}"` });
            continue;
        }
        problems.push({ file, path: formatPath(issue.path), message: issueMessage(issue, source) });
    }
    return { problems: locateProblems(problems, source) };
}

function issueMessage(issue: z.core.$ZodIssue, source: YamlSource | undefined): string {
    // A record key's own message ("tag keys may be at most 128 characters"), not zod's "Invalid key in record".
    if (issue.code === "invalid_key") return issue.issues.map((inner) => inner.message).join("; ");
    if (issue.code !== "invalid_type") return issue.message;
    if (issue.input === undefined) return "is required";
    // YAML reads an unquoted 012345678901 as the number 12345678901; quote what was written, not what was read.
    if (issue.expected === "string" && typeof issue.input === "number") {
        const written = source?.token(issue.path) ?? String(issue.input);
        return `${written} is a number in YAML, which drops leading zeros and signs; write it as a quoted string: "${written}"`;
    }
    return issue.message;
}

function expectedContent(schema: z.ZodType): string {
    return schema instanceof z.ZodObject ? `expected a mapping with ${Object.keys(schema.shape).join(", ")}` : "expected YAML content";
}

/** Adds each problem's line, from its path, where the file's positions are known. */
export function locateProblems(problems: readonly InputProblem[], source: YamlSource | undefined): InputProblem[] {
    return problems.map((problem) => {
        if (!source || problem.line !== undefined || !problem.path) return problem;
        const span = source.span(pathSegments(problem.path));
        return span ? { ...problem, line: span.line } : problem;
    });
}
