import { strict as assert } from "assert";
import * as path from "path";
import { ImportEdge, importCycles, importEdges, sourceFiles, upwardEdges } from "../helpers/import-graph";

/**
 * The declared dependency order of the top-level folders, lowest first (docs/design/architecture.md).
 * A folder may import from itself and from folders before it, never from one after it.
 */
export const LAYERS = ["lib", "accounts", "regions", "policies", "components", "stacks", "cli", "bench", "tests"] as const;

const ROOT = path.resolve(__dirname, "..", "..");

describe("architecture", () => {
    const edges = importEdges(ROOT, sourceFiles(ROOT, LAYERS));

    it("reads the project's imports, lazy ones included", () => {
        const has = (from: string, to: string) => edges.some((edge) => edge.from === from && edge.to === to);
        assert.ok(has("cli/commands/plan.ts", "cli/plan-with-policy.ts"), "a dynamic import() is an edge");
        assert.ok(has("stacks/offline/render-job.ts", "stacks/program.ts"), "a lazy require() is an edge");
        assert.ok(edges.length > 300);
    });

    it("every import follows the declared folder order", () => {
        const broken = upwardEdges(edges, LAYERS).map((edge) => `${edge.from} imports ${edge.specifier}`);
        assert.deepEqual(broken, []);
    });

    it("no file reaches itself through its imports", () => {
        assert.deepEqual(importCycles(edges), []);
    });

    it("would catch an upward import and a cycle", () => {
        const edge = (from: string, to: string): ImportEdge => ({ from, to, specifier: to });
        const synthetic = [edge("lib/a.ts", "stacks/b.ts"), edge("stacks/b.ts", "lib/a.ts"), edge("cli/c.ts", "stacks/b.ts")];
        assert.deepEqual(
            upwardEdges(synthetic, LAYERS).map((e) => e.from),
            ["lib/a.ts"],
        );
        assert.deepEqual(importCycles(synthetic), [["lib/a.ts", "stacks/b.ts"]]);
        assert.deepEqual(importCycles([edge("x/self.ts", "x/self.ts")]), [["x/self.ts"]]);
    });
});
