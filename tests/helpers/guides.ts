import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { runMeridianInProcess } from "./cli";
import { REPO_ROOT, seedPlanCacheFor } from "./example-catalog";

/** The guide's fenced blocks of the given languages, in order, shell continuation lines joined. */
export function guideBlocks(guide: string, languages: readonly string[]): Array<{ language: string; body: string }> {
    const text = fs.readFileSync(path.join(REPO_ROOT, "docs/guides", guide), "utf8");
    return [...text.matchAll(/```(\w+)\n([\s\S]*?)```/g)]
        .filter(([, language]) => languages.includes(language))
        .map(([, language, body]) => ({ language, body: language === "sh" ? body.replace(/\\\n\s*/g, "") : body }));
}

/** Every non-empty line of the guide's `sh` blocks. */
export function guideShellLines(guide: string): string[] {
    return guideBlocks(guide, ["sh"]).flatMap(({ body }) => body.split("\n").filter(Boolean));
}

/**
 * Runs `meridian <argv>` in process from `cwd`, as a reader of a guide would from that directory; it must succeed. Returns its stdout.
 * A plan starts from the shared plan's caches (seedPlanCacheFor), as a reader's second plan starts from the first one's.
 */
export async function meridianSucceedsIn(cwd: string, argv: readonly string[]): Promise<string> {
    await seedPlanCacheFor(argv, cwd);
    const previous = process.cwd();
    process.chdir(cwd);
    try {
        const run = await runMeridianInProcess(argv);
        assert.equal(run.status, 0, `in ${cwd}: meridian ${argv.join(" ")}\n${run.stdout}\n${run.stderr}`);
        return run.stdout;
    } finally {
        process.chdir(previous);
    }
}
