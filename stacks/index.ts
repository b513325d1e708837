/**
 * Pulumi's entry point (package.json "main"). Loads the catalogs from the repository and runs the
 * stack program for whichever stack is selected. A broken catalog fails here, before any resource
 * is registered, with the same messages `meridian plan` prints.
 */
import { loadCatalog } from "./catalog";
import { PROJECT_ROOT, runStackProgram } from "./program";

export = async () => runStackProgram(loadCatalog(PROJECT_ROOT));
