import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { WAVE_OF_KIND } from "../../lib/contracts/stack-spec";
import type { Catalog } from "../catalog-types";
import { loadCatalog } from "../catalog";
import { isPending, secretsProvider } from "../stack-config";
import { syncStackFile } from "../stack-files";
import { globalStackName, listStacks } from "../stack-list";
import { type NameServerResolver, checkDelegation, systemNameServerResolver } from "./delegation";
import { readDeployState, recordRun, succeededLastTime } from "./deploy-state";
import { FleetRunReport, ProgressEvent, runFleet } from "./fleet-run";
import { PEER_BUS_RETRY_REASON, retriesAfterPeers } from "./peer-retry";
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
    /** Public DNS lookups for the delegation check before wave 2; the system resolver by default. */
    resolveNameServers?: NameServerResolver;
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

    const engine = await options.createRunner(catalog.root);
    const runner = options.operation === "refresh" ? engine : creatingStacks(catalog, engine);
    const record = recordRun(catalog.root, state, options.operation, new Date());
    const logs = openStackLogs(catalog.root, options.operation);
    return runFleet({
        stacks,
        operation: options.operation,
        runner,
        beforeWave:
            options.operation === "up"
                ? (wave) =>
                      wave === WAVE_OF_KIND.subsystem
                          ? delegationProblem(catalog, engine, options.resolveNameServers ?? systemNameServerResolver)
                          : Promise.resolve(undefined)
                : undefined,
        parallel: options.parallel,
        continueOnError: options.continueOnError,
        policyPacks,
        alreadySucceeded,
        unavailable,
        retryReason: options.operation === "up" ? (spec) => (retriesAfterPeers(spec, stacks) ? PEER_BUS_RETRY_REASON : undefined) : undefined,
        now: options.now ?? (() => performance.now()),
        onOutput: (stack, text) => logs.write(stack, text),
        onProgress: (event) => {
            if ("outcome" in event) {
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

/**
 * Up and preview need the stack to exist: a stack the backend lacks is created first with the
 * catalog's secrets provider (idempotent: an existing stack is only selected), and its file, which
 * `pulumi stack init` rewrote with the stack's encrypted data key, is put back in the generated
 * layout with that key kept. Refresh never creates a stack: there is nothing yet to refresh.
 */
function creatingStacks(catalog: Catalog, engine: StackRunner): StackRunner {
    const specs = new Map(listStacks(catalog).map((spec) => [spec.name, spec]));
    return {
        ensureStack: (request) => engine.ensureStack(request),
        outputs: (stack) => engine.outputs(stack),
        async run(request) {
            const { created } = await engine.ensureStack({
                stack: request.stack,
                secretsProvider: secretsProvider(catalog, request.stack),
                onOutput: request.onOutput,
            });
            if (created) syncStackFile(catalog, specs.get(request.stack)!);
            return engine.run(request);
        },
    };
}

/** Why wave 2 must not start: the parent zone is not delegated to the hosted zone the DNS account's global stack holds. */
async function delegationProblem(catalog: Catalog, engine: StackRunner, resolve: NameServerResolver): Promise<string | undefined> {
    const dnsStack = globalStackName(catalog.subsystems.dns.account);
    const nameServers = (await engine.outputs(dnsStack)).nameServers;
    if (!Array.isArray(nameServers) || nameServers.length === 0) {
        return `${dnsStack} has no nameServers output yet: deploy it, then delegate ${catalog.subsystems.dns.parentZone} to the zone's name servers`;
    }
    const check = await checkDelegation(catalog.subsystems.dns.parentZone, nameServers.map(String), resolve);
    return check.delegated ? undefined : `${check.message} (then \`meridian up --resume\`)`;
}
