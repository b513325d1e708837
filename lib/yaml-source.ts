import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node } from "yaml";

/** A span on one line of a text file, 1-based, end column exclusive (as SARIF counts). */
export interface SourceSpan {
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

/**
 * Where things are in one parsed YAML (or JSON) file, from the YAML library's own node ranges: the
 * line of `accounts[3].id` for an error message, the line of a catalog entry for a SARIF result,
 * the raw text of a scalar as it was written.
 */
export class YamlSource {
    constructor(
        private readonly document: Document,
        private readonly lines: LineCounter,
        private readonly text: string,
    ) {}

    /**
     * The span of the value at `path`: for a mapping entry, its key (the line that names it); for
     * a list item, the item. A path that goes beyond what the file holds (a missing key) resolves
     * to the deepest part that exists.
     */
    span(path: ReadonlyArray<PropertyKey>): SourceSpan | undefined {
        const range = this.deepest(path)?.range;
        return range ? this.spanOf(range[0], range[1]) : undefined;
    }

    /** The characters of the scalar at `path` exactly as written: `012345678901`, not the number 12345678901. */
    token(path: ReadonlyArray<PropertyKey>): string | undefined {
        const node = this.document.getIn([...path], true);
        return isScalar(node) && node.range ? this.text.slice(node.range[0], node.range[1]) : undefined;
    }

    private deepest(path: ReadonlyArray<PropertyKey>): Node | undefined {
        let current: unknown = this.document.contents;
        let found: Node | undefined = isNode(current) ? current : undefined;
        for (const segment of path) {
            if (isMap(current)) {
                const pair = current.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
                if (!pair) break;
                if (isScalar(pair.key)) found = pair.key;
                current = pair.value;
            } else if (isSeq(current) && typeof segment === "number" && isNode(current.items[segment])) {
                current = current.items[segment];
                found = current as Node;
            } else {
                break;
            }
        }
        return found;
    }

    /** One line: a key, a scalar, or the first line of a block, so that a report points at a line a diff can show. */
    private spanOf(start: number, end: number): SourceSpan {
        const from = this.lines.linePos(start);
        const lineEnd = this.text.indexOf("\n", start);
        const stop = Math.min(end, lineEnd < 0 ? this.text.length : lineEnd);
        const text = this.text.slice(start, stop).replace(/\s+$/, "");
        return { line: from.line, column: from.col, endLine: from.line, endColumn: from.col + Math.max(text.length, 1) };
    }
}

function isNode(value: unknown): value is Node {
    return isMap(value) || isSeq(value) || isScalar(value);
}

/** `accounts[3].tags.owner` → `["accounts", 3, "tags", "owner"]`: problem paths back into segments. */
export function pathSegments(path: string): PropertyKey[] {
    const segments: PropertyKey[] = [];
    for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segments.push(match[2] !== undefined ? Number(match[2]) : match[1]);
    return segments;
}
