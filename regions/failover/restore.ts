import { ApiCaller, type ApiCallRecord } from "./api-calls";
import type { Clock, IdentityGateway, ParameterGateway, Route53Gateway, SchedulerGateway } from "./gateway";
import { disarmRevert, restoreLever } from "./levers";
import { readLock, releaseLock } from "./lock";
import { readState, removeState, type RehearsalState } from "./state-file";
import { TAG_ENVIRONMENT, TAG_REGION, TAG_SUBSYSTEM } from "../topology";

/**
 * `meridian failover restore`: finishes a rehearsal that did not, from its record on this machine
 * or, when the machine that ran it is gone, from the lock it holds in AWS. Guarded: it acts only in
 * the account and region the record names, and only on a health check tagged as that record's.
 * Idempotent: with no record there is nothing to do, and every step may be repeated.
 */

export class RestoreRefused extends Error {
    override readonly name = "RestoreRefused";
}

export interface RestoreRequest {
    stateFile: string;
    /** Where to look for the lock when this machine has no record (`--subsystem`/`--env` and the home region). */
    lock?: RehearsalState["lock"];
    /** `--region`: the region the operator means to restore; refused if the record names another. */
    region?: string;
    dryRun: boolean;
}

export interface RestoreDeps {
    route53: Route53Gateway;
    parameters: ParameterGateway;
    scheduler: SchedulerGateway;
    identity: IdentityGateway;
    clock: Clock;
    log: (line: string) => void;
}

export interface RestoreResult {
    restored: boolean;
    state?: RehearsalState;
    /** Where the record came from. */
    source?: "state-file" | "lock";
    /** False when the AWS-side revert had already fired (it deletes itself) or was never armed. */
    revertDisarmed?: boolean;
    lock?: "released" | "absent" | "held-by-another";
    apiCalls: ApiCallRecord[];
}

export async function restoreRehearsal(request: RestoreRequest, deps: RestoreDeps): Promise<RestoreResult> {
    const api = new ApiCaller(deps.clock, deps.log, request.dryRun);
    const fromFile = readState(request.stateFile);
    const lockPlace = fromFile?.lock ?? request.lock;
    const fromLock = lockPlace ? await readLock(lockPlace, api, deps.parameters) : undefined;
    const state = fromFile ?? fromLock;
    if (!state) return { restored: false, apiCalls: api.calls };
    const source = fromFile ? "state-file" : "lock";

    const account = await api.read("sts:GetCallerIdentity", {}, (signal) => deps.identity.accountId(signal));
    if (account !== state.account) {
        throw new RestoreRefused(
            `the credentials act in account ${account}, but the rehearsal pulled its lever in account ${state.account}: ` +
                `use that account's credentials; nothing was changed and the record is kept`,
        );
    }
    if (request.region && request.region !== state.region) {
        throw new RestoreRefused(`--region ${request.region}, but the rehearsal drained ${state.region}: nothing was changed and the record is kept`);
    }
    if (state.parameter && state.parameter.region !== state.region) {
        throw new RestoreRefused(
            `the record sets ${state.parameter.name} in ${state.parameter.region}, not in the drained region ${state.region}: inspect it; nothing was changed`,
        );
    }
    if (state.lever === "invert") {
        const checks = await api.read("route53:ListHealthChecks,route53:ListTagsForResources", {}, (signal) => deps.route53.listHealthChecks(signal));
        const check = checks.find((c) => c.id === state.healthCheckId);
        const tagged =
            check &&
            check.tags[TAG_SUBSYSTEM] === state.subsystem &&
            check.tags[TAG_ENVIRONMENT] === state.environment &&
            check.tags[TAG_REGION] === state.region;
        if (!tagged) {
            throw new RestoreRefused(
                `health check ${state.healthCheckId} ${check ? "is not tagged" : "is not in this account, or not tagged"} as ${state.subsystem}/${state.environment} ${state.region}: nothing was changed`,
            );
        }
    }

    await restoreLever(state, api, deps);
    const revertDisarmed = await disarmRevert(state, api, deps.scheduler);
    const lock = request.dryRun ? undefined : await releaseLock(state, api, deps.parameters);
    if (request.dryRun) api.plan("ssm:DeleteParameter", { Name: state.lock.name, region: state.lock.region }, true);
    else if (fromFile) removeState(request.stateFile);
    return { restored: !request.dryRun, state, source, revertDisarmed: request.dryRun ? undefined : revertDisarmed, lock, apiCalls: api.calls };
}
