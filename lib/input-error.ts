/**
 * Bad input (catalog, file, flags) is reported the same way everywhere:
 * `<file>[:<line>]: <path inside it>: <what is wrong and what is allowed>`, every problem at once,
 * and the command exits 2 having written nothing (docs/reference/errors.md).
 */
export interface InputProblem {
    /** Path of the file as the user would type it, relative to the root where possible. */
    file: string;
    /** Location inside the file: `accounts[3].id`. Empty for whole-file problems and syntax errors. */
    path: string;
    message: string;
    /** The line (1-based) the path is on, when the file's positions are known; shown as `file:line:`, as compilers do, so editors link it. */
    line?: number;
    /** The column, for syntax errors, where the line alone does not say where the parser stopped. */
    column?: number;
}

export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_BAD_INPUT = 2;

export function formatProblem(problem: InputProblem): string {
    const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}${problem.column === undefined ? "" : `:${problem.column}`}`;
    return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

export class InputError extends Error {
    readonly exitCode = EXIT_BAD_INPUT;

    constructor(readonly problems: readonly InputProblem[]) {
        super(problems.map(formatProblem).join("\n"));
        this.name = "InputError";
    }

    static single(file: string, path: string, message: string): InputError {
        return new InputError([{ file, path, message }]);
    }
}

/** Renders a path array from a validator (`["accounts", 3, "id"]`) as `accounts[3].id`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
    let out = "";
    for (const part of path) {
        if (typeof part === "number") {
            out += `[${part}]`;
        } else {
            out += out ? `.${String(part)}` : String(part);
        }
    }
    return out;
}
