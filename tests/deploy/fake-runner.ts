import type { StackRunner, StackRunRequest, StackRunResult } from "../../stacks/deploy/stack-runner";

/**
 * A StackRunner that runs nothing: each stack "takes" a number of event-loop turns (no timers,
 * no sleeps), fails if told to, and records what ran, in what order and how many at once.
 */
export class FakeRunner implements StackRunner {
    readonly started: string[] = [];
    readonly finished: string[] = [];
    readonly requests: StackRunRequest[] = [];
    /** Stack → how many stacks had finished when it started. */
    readonly startSnapshots = new Map<string, number>();
    running = 0;
    maxRunning = 0;

    constructor(
        private readonly failing: ReadonlySet<string> = new Set(),
        private readonly turns: (stack: string) => number = () => 3,
    ) {}

    async run(request: StackRunRequest): Promise<StackRunResult> {
        this.requests.push(request);
        this.started.push(request.stack);
        this.startSnapshots.set(request.stack, this.finished.length);
        this.running += 1;
        this.maxRunning = Math.max(this.maxRunning, this.running);
        try {
            for (let turn = 0; turn < this.turns(request.stack); turn += 1) await new Promise((resolve) => setImmediate(resolve));
            request.onOutput(`${request.operation} ${request.stack}\n`);
            if (this.failing.has(request.stack)) throw new Error(`error: ${request.stack} exploded\nmore detail`);
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
