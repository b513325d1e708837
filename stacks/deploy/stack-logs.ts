import * as fs from "fs";
import * as path from "path";
import type { DeployOperation } from "./stack-runner";

/**
 * Each stack's engine output goes to its own file rather than the terminal: with several stacks
 * running at once, interleaved engine output is unreadable, while one line per state change is.
 */
export const STACK_LOG_DIR = ".meridian/logs";

export interface StackLogs {
    write(stack: string, text: string): void;
    /** The log's path relative to the root, as the user would open it. */
    pathOf(stack: string): string;
}

export function openStackLogs(root: string, operation: DeployOperation): StackLogs {
    const relative = (stack: string) => path.join(STACK_LOG_DIR, operation, `${stack}.log`);
    const begun = new Set<string>();
    return {
        write(stack, text) {
            const file = path.join(root, relative(stack));
            if (!begun.has(stack)) {
                // A run replaces the previous run's log of the same stack.
                fs.mkdirSync(path.dirname(file), { recursive: true });
                fs.writeFileSync(file, "");
                begun.add(stack);
            }
            fs.appendFileSync(file, text);
        },
        pathOf: relative,
    };
}
