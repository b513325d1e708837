import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/**
 * The project's own import graph, read with TypeScript's pre-processor: static imports and
 * re-exports, `import()` and `require()` alike, so a lazy load counts as an edge too.
 */

export interface ImportEdge {
    from: string;
    to: string;
    specifier: string;
}

export function sourceFiles(root: string, folders: readonly string[]): string[] {
    const files: string[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(path.relative(root, full));
        }
    };
    for (const folder of folders) if (fs.existsSync(path.join(root, folder))) walk(path.join(root, folder));
    return files.sort();
}

/** The file a relative specifier names, or undefined for a package, a JSON file or a missing target. */
function resolveRelative(root: string, from: string, specifier: string): string | undefined {
    if (!specifier.startsWith(".")) return undefined;
    const base = path.join(path.dirname(path.join(root, from)), specifier);
    for (const candidate of [`${base}.ts`, path.join(base, "index.ts"), base]) {
        if (candidate.endsWith(".ts") && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(root, candidate);
    }
    return undefined;
}

export function importEdges(root: string, files: readonly string[]): ImportEdge[] {
    return files.flatMap((from) => {
        const info = ts.preProcessFile(fs.readFileSync(path.join(root, from), "utf8"), true, true);
        return info.importedFiles.flatMap(({ fileName }) => {
            const to = resolveRelative(root, from, fileName);
            return to ? [{ from, to, specifier: fileName }] : [];
        });
    });
}

/** The top-level folder a project file belongs to. */
export function layerOf(file: string): string {
    return file.split(/[\\/]/)[0];
}

/** Edges that point from a lower layer to a higher one: each breaks the declared dependency order. */
export function upwardEdges(edges: readonly ImportEdge[], order: readonly string[]): ImportEdge[] {
    return edges.filter((edge) => {
        const from = order.indexOf(layerOf(edge.from));
        const to = order.indexOf(layerOf(edge.to));
        return from === -1 || to === -1 || to > from;
    });
}

/** Every strongly connected set of more than one file (Tarjan), plus files that import themselves. */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
    const graph = new Map<string, string[]>();
    for (const edge of edges) graph.set(edge.from, [...(graph.get(edge.from) ?? []), edge.to]);
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let counter = 0;
    const visit = (node: string) => {
        index.set(node, counter);
        low.set(node, counter);
        counter += 1;
        stack.push(node);
        onStack.add(node);
        for (const next of graph.get(node) ?? []) {
            if (!index.has(next)) {
                visit(next);
                low.set(node, Math.min(low.get(node)!, low.get(next)!));
            } else if (onStack.has(next)) {
                low.set(node, Math.min(low.get(node)!, index.get(next)!));
            }
        }
        if (low.get(node) === index.get(node)) {
            const component: string[] = [];
            let member: string;
            do {
                member = stack.pop()!;
                onStack.delete(member);
                component.push(member);
            } while (member !== node);
            if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
        }
    };
    for (const node of graph.keys()) if (!index.has(node)) visit(node);
    return cycles;
}
