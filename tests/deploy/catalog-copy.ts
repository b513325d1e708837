import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "../..");
const CATALOG_PATHS = ["accounts/organization.yaml", "accounts/scps", "regions/regions.yaml", "stacks/subsystems.yaml"];

/** A scratch copy of the example catalog, so runs can write `.meridian/` without touching the repository. */
export function copyExampleCatalog(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-deploy-"));
    for (const relative of CATALOG_PATHS) fs.cpSync(path.join(REPO, relative), path.join(root, relative), { recursive: true });
    return root;
}
