import * as path from "path";
import { loadActionCatalog } from "../policies/iam/action-catalog";
import type { Catalog } from "./catalog-types";
import { readStackContext, type OutputReadListener, type StackOutputs } from "./program-context";

/**
 * The one Pulumi program behind every stack. It reads which stack it is from the `meridian:*`
 * config that `meridian stacks sync` generated, and dispatches on the stack's kind. `pulumi up`
 * and `meridian plan` run exactly this code; only the runtime underneath differs.
 */

/** The repository root, where the catalogs live when Pulumi runs the program. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

export async function runStackProgram(catalog: Catalog, onOutputRead?: OutputReadListener): Promise<StackOutputs> {
    const context = readStackContext(catalog, onOutputRead);
    // Policy documents read the IAM action catalog: the deployment ceiling keeps only the denies whose
    // actions it grants, and the preview role's grants are the read-level actions of the deployment role's.
    await loadActionCatalog();
    switch (context.kind) {
        case "organization":
            return (await import("./programs/organization-program")).organizationProgram(context);
        case "account":
            return (await import("./programs/account-program")).accountProgram(context);
        case "subsystem":
            return (await import("./programs/subsystem-program")).subsystemProgram(context);
    }
}
