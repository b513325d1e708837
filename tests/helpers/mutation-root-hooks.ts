import { clearMemoTables } from "../../lib/memo-table";

/**
 * Mocha root hooks for mutation testing only (stryker.config.json requires them after
 * root-hooks.ts). Stryker runs the tests once per mutant in the same process, so the memo tables
 * are emptied before each run: otherwise a glob compiled by the unmutated code answers for the mutant.
 */
export const mochaHooks = {
    beforeAll(): void {
        clearMemoTables();
    },
};
