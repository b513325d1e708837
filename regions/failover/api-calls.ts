import type { Clock } from "./gateway";

/**
 * Every AWS call of a rehearsal goes through here: it is logged (the dry run prints the list),
 * retried with exponential backoff when AWS throttles, and, in a dry run, a mutating call is
 * printed and not sent.
 */

export interface ApiCallRecord {
    at: string;
    api: string;
    params: Record<string, unknown>;
    mutating: boolean;
    sent: boolean;
}

const THROTTLING_ERRORS = new Set(["Throttling", "ThrottlingException", "TooManyRequestsException", "PriorRequestNotComplete", "RequestLimitExceeded"]);
const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;

export function isThrottling(error: unknown): boolean {
    const name = (error as { name?: string; Code?: string } | null)?.name ?? (error as { Code?: string } | null)?.Code;
    return typeof name === "string" && THROTTLING_ERRORS.has(name);
}

/** What stops a run: checked before each attempt, and a backoff ends early on the signal or when the run's time is up. */
export interface CallGuard {
    /** Throws when the run must stop (signal, timeout). */
    checkpoint(): void;
    signal?: AbortSignal;
    /** Milliseconds left before the run's timeout. */
    remainingMs(): number;
}

const UNGUARDED: CallGuard = { checkpoint: () => undefined, remainingMs: () => Infinity };

export class ApiCaller {
    constructor(
        private readonly clock: Clock,
        private readonly log: (line: string) => void,
        private readonly dryRun: boolean,
        private readonly guard: CallGuard = UNGUARDED,
        readonly calls: ApiCallRecord[] = [],
    ) {}

    /**
     * A caller sharing this one's log that ignores the guard: for putting a lever back, which must
     * finish, backing off in full even after a Ctrl-C or the timeout.
     */
    unguarded(): ApiCaller {
        return new ApiCaller(this.clock, this.log, this.dryRun, UNGUARDED, this.calls);
    }

    read<T>(api: string, params: Record<string, unknown>, send: () => Promise<T>): Promise<T> {
        return this.send(api, params, false, send);
    }

    /** A mutating call; in a dry run it is logged and skipped. */
    async write(api: string, params: Record<string, unknown>, send: () => Promise<void>): Promise<void> {
        if (this.dryRun) {
            this.record(api, params, true, false);
            return;
        }
        await this.send(api, params, true, send);
    }

    /** Logs a call the dry run would make later (a poll or the restore) without sending it. */
    plan(api: string, params: Record<string, unknown>, mutating: boolean): void {
        this.record(api, params, mutating, false);
    }

    private record(api: string, params: Record<string, unknown>, mutating: boolean, sent: boolean): void {
        this.calls.push({ at: new Date(this.clock.now()).toISOString(), api, params, mutating, sent });
        this.log(`${sent ? "call" : "would call"} ${api} ${JSON.stringify(params)}${mutating && !sent ? "  (dry run: not sent)" : ""}`);
    }

    private async send<T>(api: string, params: Record<string, unknown>, mutating: boolean, send: () => Promise<T>): Promise<T> {
        this.record(api, params, mutating, true);
        for (let attempt = 1; ; attempt++) {
            this.guard.checkpoint();
            try {
                return await send();
            } catch (error) {
                if (!isThrottling(error) || attempt >= MAX_ATTEMPTS) throw error;
                const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
                this.log(`${api} throttled (${(error as Error).name}); retrying in ${delay} ms`);
                // Never past the timeout: the checkpoint after the sleep then stops the run on time.
                await this.clock.sleep(Math.max(0, Math.min(delay, this.guard.remainingMs())), this.guard.signal);
            }
        }
    }
}
