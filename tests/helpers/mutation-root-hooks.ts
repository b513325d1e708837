import { clearMemoTables } from "../../lib/memo-table";

/**
 * Mocha root hooks for mutation testing only (stryker.config.json requires them after
 * root-hooks.ts). Stryker runs the tests once per mutant in the same process, so the memo tables
 * are emptied before each test: otherwise a glob compiled by the unmutated code answers for the
 * mutant, and per-test coverage credits memoised code only to the first test that computed it, so
 * a mutant there is never run against a later test that would catch it.
 */
export const mochaHooks = {
    beforeEach(): void {
        clearMemoTables();
    },
};
