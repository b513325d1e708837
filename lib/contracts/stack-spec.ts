/** The three kinds of stack and the wave each runs in (see DESIGN.md, "Stacks and waves"). */
export type StackKind = "organization" | "account" | "subsystem";

export const WAVE_OF_KIND: Record<StackKind, number> = { organization: 0, account: 1, subsystem: 2 };

export interface StackSpec {
    /** `organization`, `<account>.global` or `<account>.<region>`. */
    name: string;
    wave: number;
    kind: StackKind;
    /** The account the stack deploys into: the management account for `organization`. */
    account: string;
    /** The account's 12-digit id, when the catalog knows it (accounts still to be created have none). */
    accountId?: string;
    region: string;
    subsystem?: string;
    environment?: string;
    /** Stacks whose outputs this one reads; they must deploy first. */
    dependsOn: string[];
}
