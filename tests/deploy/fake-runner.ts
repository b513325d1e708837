import type { EnsureStackRequest, StackRunner, StackRunRequest, StackRunResult } from "../../stacks/deploy/stack-runner";

/** The fake backend behind a FakeRunner: which stacks exist, what they export, what stack init does. */
export interface FakeBackend {
    /** Stacks the backend has; any other is created by ensureStack. All exist when omitted. */
    existing?: Set<string>;
    outputs?: Record<string, Record<string, unknown>>;
    /** Runs when ensureStack creates a stack, as `pulumi stack init` would (e.g. it rewrites the stack file). */
    onCreate?: (request: EnsureStackRequest) => void;
}

/**
 * A StackRunner that runs nothing: each stack "takes" a number of event-loop turns (no timers,
 * no sleeps), fails if told to (a set of stacks, or a test of the stack and the runner's record so far), and records what ran, in what order and how many at once, and
 * every engine operation in `operations` ("create x", "select x", "up x", "outputs x").
 */
export class FakeRunner implements StackRunner {
    readonly started: string[] = [];
    readonly finished: string[] = [];
    readonly requests: StackRunRequest[] = [];
    readonly operations: string[] = [];
    readonly created: EnsureStackRequest[] = [];
    /** Stack → how many stacks had finished when it started. */
    readonly startSnapshots = new Map<string, number>();
    running = 0;
    maxRunning = 0;

    constructor(
        private readonly failing: ReadonlySet<string> | ((stack: string, runner: FakeRunner) => boolean) = new Set(),
        private readonly turns: (stack: string) => number = () => 3,
        private readonly backend: FakeBackend = {},
    ) {}

    async ensureStack(request: EnsureStackRequest): Promise<{ created: boolean }> {
        await new Promise((resolve) => setImmediate(resolve));
        const existing = this.backend.existing;
        const exists = existing === undefined || existing.has(request.stack);
        this.operations.push(`${exists ? "select" : "create"} ${request.stack}`);
        if (exists) return { created: false };
        existing.add(request.stack);
        this.created.push(request);
        this.backend.onCreate?.(request);
        return { created: true };
    }

    async outputs(stack: string): Promise<Record<string, unknown>> {
        this.operations.push(`outputs ${stack}`);
        return this.backend.outputs?.[stack] ?? {};
    }

    async run(request: StackRunRequest): Promise<StackRunResult> {
        this.operations.push(`${request.operation} ${request.stack}`);
        this.requests.push(request);
        this.started.push(request.stack);
        this.startSnapshots.set(request.stack, this.finished.length);
        this.running += 1;
        this.maxRunning = Math.max(this.maxRunning, this.running);
        try {
            for (let turn = 0; turn < this.turns(request.stack); turn += 1) await new Promise((resolve) => setImmediate(resolve));
            request.onOutput(`${request.operation} ${request.stack}\n`);
            const fails = typeof this.failing === "function" ? this.failing(request.stack, this) : this.failing.has(request.stack);
            if (fails) throw new Error(`error: ${request.stack} exploded\nmore detail`);
            return { changes: { create: request.stack.length % 3, same: 2 } };
        } finally {
            this.running -= 1;
            this.finished.push(request.stack);
        }
    }
}

/** A clock the tests advance by hand; durations are then exact. */
export function steppingClock(stepMs = 100): () => number {
    let now = 0;
    return () => (now += stepMs);
}
