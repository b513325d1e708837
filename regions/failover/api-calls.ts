import type { Clock } from "./gateway";

/**
 * Every AWS call of a rehearsal goes through here: it is logged (the dry run prints the list),
 * checked against the run's stop conditions first and, in a dry run, a mutating call is printed
 * and not sent. Retrying throttled calls is the SDK's job (SDK_CLIENT_SETTINGS in gateway.ts).
 */

export interface ApiCallRecord {
    at: string;
    api: string;
    params: Record<string, unknown>;
    mutating: boolean;
    sent: boolean;
}

/** What stops a run: checked before each call, and handed to the SDK so that its retry backoff ends too. */
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
     * finish, retries and all, even after a Ctrl-C or the timeout.
     */
    unguarded(): ApiCaller {
        return new ApiCaller(this.clock, this.log, this.dryRun, UNGUARDED, this.calls);
    }

    read<T>(api: string, params: Record<string, unknown>, send: (signal?: AbortSignal) => Promise<T>): Promise<T> {
        return this.send(api, params, false, send);
    }

    /** A mutating call; in a dry run it is logged and skipped. */
    async write<T>(api: string, params: Record<string, unknown>, send: () => Promise<T>, dryRunResult: T): Promise<T> {
        if (this.dryRun) {
            this.record(api, params, true, false);
            return dryRunResult;
        }
        return this.send(api, params, true, send);
    }

    /** Logs a call the dry run would make later (a poll or the restore) without sending it. */
    plan(api: string, params: Record<string, unknown>, mutating: boolean): void {
        this.record(api, params, mutating, false);
    }

    private record(api: string, params: Record<string, unknown>, mutating: boolean, sent: boolean): void {
        this.calls.push({ at: new Date(this.clock.now()).toISOString(), api, params, mutating, sent });
        this.log(`${sent ? "call" : "would call"} ${api} ${JSON.stringify(params)}${mutating && !sent ? "  (dry run: not sent)" : ""}`);
    }

    private callSignal(): AbortSignal | undefined {
        const remaining = this.guard.remainingMs();
        const signals = [
            ...(this.guard.signal ? [this.guard.signal] : []),
            ...(Number.isFinite(remaining) ? [AbortSignal.timeout(Math.max(0, remaining))] : []),
        ];
        return signals.length > 0 ? AbortSignal.any(signals) : undefined;
    }

    private async send<T>(api: string, params: Record<string, unknown>, mutating: boolean, send: (signal?: AbortSignal) => Promise<T>): Promise<T> {
        this.record(api, params, mutating, true);
        this.guard.checkpoint();
        try {
            return await send(this.callSignal());
        } catch (error) {
            // An aborted call is the run stopping: say why (signal or timeout) rather than "aborted".
            this.guard.checkpoint();
            throw error;
        }
    }
}
