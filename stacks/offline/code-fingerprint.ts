import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { StackKind } from "../../lib/contracts/stack-spec";
import { HANDLER_ENTRY } from "../../components/health-check/bundle";

/**
 * The code a piece of work depends on, as a digest: the content of every project file reachable
 * by import from its entry points, plus the locked package versions. For renders, one digest per
 * kind of stack, from the kind's program and the offline renderer. A change to a component re-renders only the kinds of stack whose
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

/** The project's sources as read for digests: each file's content digest and relative imports, each file read once. */
export class SourceGraph {
    private readonly digests = new Map<string, string>();
    private readonly imports = new Map<string, string[]>();

    /** One digest of every file reachable by import from `roots` (not through `skip`), with the lock file's. */
    digestOf(roots: readonly string[], skip: ReadonlySet<string> = new Set()): string {
        const reached = new Set<string>();
        const visit = (file: string) => {
            if (reached.has(file) || skip.has(file)) return;
            reached.add(file);
            this.read(file);
            for (const next of this.imports.get(file)!) visit(next);
        };
        roots.forEach(visit);
        this.read(LOCK_FILE);
        const hash = createHash("sha256").update(`${LOCK_FILE} ${this.digests.get(LOCK_FILE)}\n`);
        for (const file of [...reached].sort()) hash.update(`${file} ${this.digests.get(file)}\n`);
        return hash.digest("hex");
    }

    private read(file: string): void {
        if (this.digests.has(file)) return;
        const source = fs.readFileSync(path.join(REPOSITORY, file));
        this.digests.set(file, createHash("sha256").update(source).digest("hex"));
        this.imports.set(file, file.endsWith(".ts") ? relativeImports(file, source.toString("utf8")) : []);
    }
}

/** Digest per kind of stack: its program, the renderer and what they bundle at render time. */
export function codeFingerprints(sources = new SourceGraph()): Record<StackKind, string> {
    const fingerprint = (kind: StackKind): string => {
        // The dispatcher imports every program; a stack runs only its own kind's.
        const otherPrograms = new Set(Object.entries(PROGRAMS).flatMap(([other, file]) => (other === kind ? [] : [file])));
        return sources.digestOf([PROGRAMS[kind], RENDERER, ...RENDER_TIME_SOURCES], otherPrograms);
    };
    return { organization: fingerprint("organization"), account: fingerprint("account"), subsystem: fingerprint("subsystem") };
}
