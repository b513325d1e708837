import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { StackKind } from "../../lib/contracts/stack-spec";
import { HANDLER_ENTRY } from "../../components/health-check/bundle";

/**
 * The code a stack's render depends on, as one digest per kind of stack: the content of every
 * project file reachable by import from the kind's program and from the offline renderer, plus
 * the locked package versions. A change to a component re-renders only the kinds of stack whose
 * programs import it. Files a program reads while rendering other than by import are roots too:
 * the health-check handler, which the Lambda component bundles at render time.
 */

const REPOSITORY = path.resolve(__dirname, "../..");
const PROGRAMS: Record<StackKind, string> = {
    organization: "stacks/programs/organization-program.ts",
    account: "stacks/programs/account-program.ts",
    subsystem: "stacks/programs/subsystem-program.ts",
};
const RENDERER = "stacks/offline/render-job.ts";
const RENDER_TIME_SOURCES = [path.relative(REPOSITORY, HANDLER_ENTRY)];
const LOCK_FILE = "package-lock.json";

// Static and re-exporting imports, side-effect imports, import() and require(), with a relative specifier.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']*)["']/g;

function relativeImports(file: string, source: string): string[] {
    const found: string[] = [];
    for (const match of source.matchAll(SPECIFIER)) {
        const base = path.join(path.dirname(file), match[1]);
        const target = [`${base}.ts`, path.join(base, "index.ts"), base].find((candidate) => fs.existsSync(path.join(REPOSITORY, candidate)));
        if (target && fs.statSync(path.join(REPOSITORY, target)).isFile()) found.push(target);
    }
    return found;
}

/** Digest per kind of stack; file contents are read and hashed once for all kinds. */
export function codeFingerprints(): Record<StackKind, string> {
    const digests = new Map<string, string>();
    const imports = new Map<string, string[]>();
    const visit = (file: string, skip: ReadonlySet<string>, reached: Set<string>) => {
        if (reached.has(file) || skip.has(file)) return;
        reached.add(file);
        if (!imports.has(file)) {
            const source = fs.readFileSync(path.join(REPOSITORY, file));
            digests.set(file, createHash("sha256").update(source).digest("hex"));
            imports.set(file, file.endsWith(".ts") ? relativeImports(file, source.toString("utf8")) : []);
        }
        for (const next of imports.get(file)!) visit(next, skip, reached);
    };
    const lock = createHash("sha256")
        .update(fs.readFileSync(path.join(REPOSITORY, LOCK_FILE)))
        .digest("hex");
    const fingerprint = (kind: StackKind): string => {
        // The dispatcher imports every program; a stack runs only its own kind's.
        const otherPrograms = new Set(Object.entries(PROGRAMS).flatMap(([other, file]) => (other === kind ? [] : [file])));
        const reached = new Set<string>();
        for (const root of [PROGRAMS[kind], RENDERER, ...RENDER_TIME_SOURCES]) visit(root, otherPrograms, reached);
        const hash = createHash("sha256").update(`${LOCK_FILE} ${lock}\n`);
        for (const file of [...reached].sort()) hash.update(`${file} ${digests.get(file)}\n`);
        return hash.digest("hex");
    };
    return { organization: fingerprint("organization"), account: fingerprint("account"), subsystem: fingerprint("subsystem") };
}
