/**
 * The seam between the orchestrator and the engine. The orchestrator decides what runs when; a
 * StackRunner runs one stack operation. The real one drives the Pulumi Automation API
 * (`automation-runner.ts`); tests drive the orchestration with a fake.
 */

/** The three fleet operations. There is deliberately no destroy. */
export type DeployOperation = "up" | "preview" | "refresh";

export const DEPLOY_OPERATIONS: readonly DeployOperation[] = ["up", "preview", "refresh"];

/** Resource operation → count, as the engine reports it (`create`, `update`, `same`, ...). */
export type ChangeCounts = Record<string, number>;

export interface StackRunRequest {
    stack: string;
    operation: DeployOperation;
    /** Absolute paths of CrossGuard packs to enforce (up and preview only). */
    policyPacks: readonly string[];
    /** Receives the engine's output as it streams, for the stack's log. */
    onOutput: (text: string) => void;
}

export interface StackRunResult {
    changes: ChangeCounts;
}

export interface EnsureStackRequest {
    stack: string;
    /** The stack's secrets provider URL, as `pulumi stack init --secrets-provider` takes it. */
    secretsProvider: string;
    onOutput: (text: string) => void;
}

export interface StackRunner {
    /**
     * Makes sure the stack exists in the backend before an operation: selects it, or creates it with
     * the given secrets provider when the backend has none. Says whether it created it.
     */
    ensureStack(request: EnsureStackRequest): Promise<{ created: boolean }>;
    /** Resolves with the change summary, or rejects when the operation fails. */
    run(request: StackRunRequest): Promise<StackRunResult>;
    /** A deployed stack's outputs, for the checks that gate a wave on an earlier one. */
    outputs(stack: string): Promise<Record<string, unknown>>;
}
