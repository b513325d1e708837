/**
 * How a rehearsal hears that its operator is gone. Ctrl-C (SIGINT), `kill` (SIGTERM) and a dropped
 * SSH session or closed terminal (SIGHUP) all stop the run and put the lever back; without a
 * handler Node exits at once on each of them, lever pulled. After a hangup the terminal is gone
 * too, so log lines must not be able to kill the process either.
 */

export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Aborts `controller` on any stop signal; returns the function that removes the handlers. */
export function stopOnSignals(controller: AbortController, log: (line: string) => void, target: NodeJS.EventEmitter = process): () => void {
    const onSignal = (signal: NodeJS.Signals) => {
        log(`${signal} received: stopping and putting the lever back (this can take a few seconds)`);
        controller.abort(signal);
    };
    for (const signal of STOP_SIGNALS) target.on(signal, onSignal);
    return () => {
        for (const signal of STOP_SIGNALS) target.off(signal, onSignal);
    };
}

/**
 * A line writer that outlives its terminal: a write to a hung-up tty fails (EIO, EPIPE), either
 * at once or as an 'error' event that would otherwise crash the process with the lever pulled.
 */
export function resilientWriter(stream: NodeJS.WritableStream): (line: string) => void {
    let broken = false;
    stream.on("error", () => {
        broken = true;
    });
    return (line) => {
        if (broken) return;
        try {
            stream.write(`${line}\n`);
        } catch {
            broken = true;
        }
    };
}
