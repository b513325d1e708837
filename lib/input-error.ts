/**
 * Bad input (catalog, file, flags) is reported the same way everywhere:
 * `<file>: <path inside it>: <what is wrong and what is allowed>`, every problem at once,
 * and the command exits 2 having written nothing.
 */
export interface InputProblem {
    /** Path of the file as the user would type it, relative to the root where possible. */
    file: string;
    /** Location inside the file: `accounts[3].id`, or `line 7, column 3` for syntax errors. Empty for whole-file problems. */
    path: string;
    message: string;
}

export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_BAD_INPUT = 2;

export function formatProblem(problem: InputProblem): string {
    return problem.path ? `${problem.file}: ${problem.path}: ${problem.message}` : `${problem.file}: ${problem.message}`;
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
