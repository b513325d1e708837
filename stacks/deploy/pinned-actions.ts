/**
 * The GitHub Actions the generated workflow uses, each pinned to the full commit SHA of a release
 * tag: a tag can be moved to other code, a commit cannot. The workflow writes the tag in a comment
 * next to the SHA so a reader (and Dependabot) sees which release it is.
 *
 * Each SHA is the commit the tag points at in the action's repository, read from the repository's
 * tags (source column); update a row by re-reading the tag, never by hand-editing the SHA alone.
 */
export interface PinnedAction {
    /** `owner/repo` or `owner/repo/path` as written after `uses:`. */
    action: string;
    tag: string;
    sha: string;
    source: string;
}

export const PINNED_ACTIONS = {
    checkout: {
        action: "actions/checkout",
        tag: "v6.1.0",
        sha: "d23441a48e516b6c34aea4fa41551a30e30af803",
        source: "https://github.com/actions/checkout/releases/tag/v6.1.0",
    },
    setupNode: {
        action: "actions/setup-node",
        tag: "v6.5.0",
        sha: "249970729cb0ef3589644e2896645e5dc5ba9c38",
        source: "https://github.com/actions/setup-node/releases/tag/v6.5.0",
    },
    pulumi: {
        action: "pulumi/actions",
        tag: "v7.0.0",
        sha: "8e5e406f4007fca908480587cb9893c07090f58d",
        source: "https://github.com/pulumi/actions/releases/tag/v7.0.0",
    },
    awsCredentials: {
        action: "aws-actions/configure-aws-credentials",
        tag: "v6.2.3",
        sha: "e6de054238d6b7531b4efff3b6587d9aade6a06c",
        source: "https://github.com/aws-actions/configure-aws-credentials/releases/tag/v6.2.3",
    },
    uploadSarif: {
        action: "github/codeql-action/upload-sarif",
        tag: "v4.36.2",
        sha: "8aad20d150bbac5944a9f9d289da16a4b0d87c1e",
        source: "https://github.com/github/codeql-action/releases/tag/v4.36.2",
    },
} as const satisfies Record<string, PinnedAction>;

/** `owner/repo@<sha>`: the value of a step's `uses:`. */
export function pinnedUses(pinned: PinnedAction): string {
    return `${pinned.action}@${pinned.sha}`;
}
