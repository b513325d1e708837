import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

function markdownFiles(): string[] {
    const docs = fs.readdirSync(path.join(ROOT, "docs"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".md"));
    return ["README.md", ...docs.map((file) => path.join("docs", file))];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-");
}

function anchorsOf(file: string): Set<string> {
    const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
    return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => anchor(heading)));
}

describe("links in the README and docs/", () => {
    it("point at files that exist, and at headings they have", () => {
        const broken: string[] = [];
        for (const file of markdownFiles()) {
            // Code is not prose: a regular expression in backticks is no link.
            const text = fs
                .readFileSync(path.join(ROOT, file), "utf8")
                .replace(/```[\s\S]*?```/g, "")
                .replace(/`[^`\n]*`/g, "");
            for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
                if (/^[a-z]+:/.test(target)) continue;
                const [relative, fragment] = target.split("#");
                const resolved = relative ? path.resolve(path.dirname(path.join(ROOT, file)), relative) : path.join(ROOT, file);
                if (!fs.existsSync(resolved)) broken.push(`${file}: ${target} (no such file)`);
                else if (fragment && resolved.endsWith(".md") && !anchorsOf(resolved).has(fragment)) broken.push(`${file}: ${target} (no such heading)`);
            }
        }
        assert.deepEqual(broken, []);
    });

    it("keep the README short: at most 200 lines, the two set-up commands first", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        assert.ok(readme.split("\n").length <= 200, `README.md has ${readme.split("\n").length} lines`);
        const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
        assert.deepEqual(
            firstBlock
                .split("\n")
                .filter(Boolean)
                .map((line) => line.split("#")[0].trim()),
            ["npm ci && npx meridian plan", "npm test"],
        );
    });
});
