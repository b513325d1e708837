/** A stack whose program failed offline: every cause, so one run shows them all. */
export class StackRenderError extends Error {
    constructor(
        readonly stackName: string,
        readonly causes: string[],
    ) {
        super(`stack ${stackName} failed to render:\n  ${causes.join("\n  ")}`);
        this.name = "StackRenderError";
    }
}
