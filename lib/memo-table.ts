/**
 * Memo tables for pure functions the pack calls with the same arguments thousands of times (IAM
 * globs, condition operators, action patterns, policy text). They are registered here so that
 * mutation testing, which reruns the tests in one process for each mutant, can empty them between
 * runs: a result the unmutated code computed must not answer for a mutant.
 */
const tables: Array<Map<unknown, unknown>> = [];

export function memoTable<K, V>(): Map<K, V> {
    const table = new Map<K, V>();
    tables.push(table as Map<unknown, unknown>);
    return table;
}

export function clearMemoTables(): void {
    for (const table of tables) table.clear();
}
