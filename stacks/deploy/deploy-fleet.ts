import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { loadCatalog } from "../catalog";
import { isPending } from "../stack-config";
import { listStacks } from "../stack-list";
import { readDeployState, recordRun, succeededLastTime } from "./deploy-state";
import { FleetRunReport, ProgressEvent, runFleet } from "./fleet-run";
import { StackSelection, selectForRun } from "./stack-selection";
import { openStackLogs } from "./stack-logs";
import type { DeployOperation, StackRunner } from "./stack-runner";

/**
 * `meridian up|preview|refresh`: the catalog's stacks, narrowed by the selection, run through a
 * StackRunner with progress, per-stack logs and a resumable state file. The runner is created only
 * after every input has been validated, so bad input never reaches the engine.
 */
export interface DeployFleetOptions {
    root: string;
    operation: DeployOperation;
    selection: StackSelection;
    parallel: number;
    continueOnError: boolean;
    /** Policy pack directories as given on the command line (relative to the working directory). */
    policyPacks: readonly string[];
    resume: boolean;
    createRunner: (workDir: string) => Promise<StackRunner>;
    onProgress: (event: ProgressEvent) => void;
    now?: () => number;
}

export async function deployFleet(options: DeployFleetOptions): Promise<FleetRunReport> {
    const catalog = loadCatalog(options.root);
    const stacks = selectForRun(listStacks(catalog), options.selection);
    const policyPacks = options.policyPacks.map(resolvePolicyPack);
    const state = readDeployState(catalog.root);
    const alreadySucceeded = options.resume ? succeededLastTime(state, options.operation) : new Set<string>();
    const unavailable = new Map(
        stacks
            .filter(isPending)
            .map((spec) => [
                spec.name,
                `account ${spec.account} has no id yet: deploy organization, add the id to accounts/organization.yaml, run meridian stacks sync`,
            ]),
    );

    const runner = await options.createRunner(catalog.root);
    const record = recordRun(catalog.root, state, options.operation, new Date());
    const logs = openStackLogs(catalog.root, options.operation);
    return runFleet({
        stacks,
        operation: options.operation,
        runner,
        parallel: options.parallel,
        continueOnError: options.continueOnError,
        policyPacks,
        alreadySucceeded,
        unavailable,
        now: options.now ?? (() => performance.now()),
        onOutput: (stack, text) => logs.write(stack, text),
        onProgress: (event) => {
            if (event.state !== "started") {
                record(event.outcome);
                // The engine's error is one line; the log holds the rest, so point at it where the failure is shown.
                if (event.outcome.result === "failed") event.outcome.detail = `${event.outcome.detail} (log: ${logs.pathOf(event.stack)})`;
            }
            options.onProgress(event);
        },
    });
}

/** Relative to the working directory, like any path typed on a command line. */
function resolvePolicyPack(dir: string): string {
    const absolute = path.resolve(dir);
    if (!fs.existsSync(path.join(absolute, "PulumiPolicy.yaml"))) {
        throw InputError.single("--policy-pack", "", `"${dir}" is not a policy pack directory (no PulumiPolicy.yaml in ${absolute})`);
    }
    return absolute;
}
