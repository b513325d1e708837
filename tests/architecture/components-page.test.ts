import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { ORGANIZATION_COMPONENT_TYPE } from "../../lib/contracts/naming";

const ROOT = path.resolve(__dirname, "../..");

/** Every component's type token, as its constructor passes it to ComponentResource. */
function componentTokens(): string[] {
    const folder = path.join(ROOT, "components");
    return fs
        .readdirSync(folder)
        .filter((file) => file.endsWith(".ts"))
        .flatMap((file) => [...fs.readFileSync(path.join(folder, file), "utf8").matchAll(/super\(("meridian:[^"]+"|ORGANIZATION_COMPONENT_TYPE)/g)])
        .map(([, token]) => (token === "ORGANIZATION_COMPONENT_TYPE" ? ORGANIZATION_COMPONENT_TYPE : token.slice(1, -1)));
}

describe("docs/design/components.md", () => {
    it("lists every component by its type token, and no component that is gone", () => {
        const page = fs.readFileSync(path.join(ROOT, "docs/design/components.md"), "utf8");
        const listed = [...page.matchAll(/^\| `(meridian:[^`]+)`/gm)].map(([, token]) => token).sort();
        const tokens = componentTokens().sort();
        assert.ok(tokens.length >= 13, tokens.join(", "));
        assert.deepEqual(listed, tokens);
    });
});
