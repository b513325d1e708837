/**
 * Where Pulumi's self-managed (S3) backend keeps one stack's state, in project mode (the layout of
 * every state created by a current CLI: `.pulumi/meta.yaml` with `version: 1`). Policies name these
 * keys to give each principal its own stacks' state and nothing else, and the policy pack reads
 * them back to check that. Source: pulumi/pulumi, pkg/backend/diy/
 * - store.go, projectReferenceStore: checkpoints at `.pulumi/stacks/<project>/<stack>.json`
 *   (`.json.gz`/`.json.zst` when compressed), history under `.pulumi/history/<project>/<stack>/`,
 *   backups under `.pulumi/backups/<project>/<stack>/`;
 * - state.go: `backupTarget` writes `<checkpoint>.bak` beside the checkpoint, `addToHistory` writes
 *   `<stack>-<ns>.history.json` and copies the checkpoint to `<stack>-<ns>.checkpoint.json`,
 *   `backupStack` writes `<stack>.<ns>.json`;
 * - lock.go: locks at `.pulumi/locks/<fully qualified stack>/<lock id>.json`, where the fully
 *   qualified name is `organization/<project>/<stack>` (backend.go, FullyQualifiedName);
 * - meta.go: `.pulumi/meta.yaml`, read at every login and written once when missing;
 * - bucket.go, listBucket: listings pass `<dir>/` as the prefix, `stackPath` lists with the
 *   checkpoint's own key as the prefix.
 */

export const STATE_METADATA_KEY = ".pulumi/meta.yaml";

/** The key patterns (IAM wildcards) holding one stack's checkpoints, history, backups and locks. */
export function stackStateKeyPatterns(project: string, stack: string): string[] {
    return [
        checkpointKeyPattern(project, stack),
        `.pulumi/history/${project}/${stack}/*`,
        `.pulumi/backups/${project}/${stack}/*`,
        `.pulumi/locks/organization/${project}/${stack}/*`,
    ];
}

/** The key pattern of one stack's checkpoint in all its forms (`.json`, `.json.gz`, `.json.zst`, `.json.bak`): what a StackReference reads. */
export function checkpointKeyPattern(project: string, stack: string): string {
    return `.pulumi/stacks/${project}/${stack}.json*`;
}

/** The prefixes the backend lists to find one stack's checkpoint, locks, history and backups (`s3:prefix` values). */
export function stackStateListPrefixes(project: string, stack: string): string[] {
    return [
        checkpointListPrefix(project, stack),
        `.pulumi/history/${project}/${stack}/`,
        `.pulumi/backups/${project}/${stack}/`,
        `.pulumi/locks/organization/${project}/${stack}/`,
    ];
}

export function checkpointListPrefix(project: string, stack: string): string {
    return `.pulumi/stacks/${project}/${stack}.json`;
}

/** A concrete key of each kind for one stack, for checking what a key pattern reaches. */
export function sampleStateKeys(project: string, stack: string): string[] {
    return [
        `.pulumi/stacks/${project}/${stack}.json`,
        `.pulumi/history/${project}/${stack}/${stack}-1.history.json`,
        `.pulumi/backups/${project}/${stack}/${stack}.1.json`,
        `.pulumi/locks/organization/${project}/${stack}/lock.json`,
    ];
}
