import type { ApiCaller } from "./api-calls";
import type { ParameterGateway } from "./gateway";
import { parseState, type RehearsalState } from "./state-file";

/**
 * The lock that makes a rehearsal the only one of its subsystem environment: an SSM parameter in
 * the home region, created with Overwrite false, which fails with ParameterAlreadyExists while
 * another run holds it (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html).
 * Its value is the run's undo record, so whoever finds it knows what is drained, where and how.
 */

/** The record held in the lock, or undefined when it is free. */
export async function readLock(place: RehearsalState["lock"], api: ApiCaller, parameters: ParameterGateway): Promise<RehearsalState | undefined> {
    const value = await api.read("ssm:GetParameter", { Name: place.name, region: place.region }, (signal) => parameters.get(place.region, place.name, signal));
    return value === undefined ? undefined : parseState(value, `lock ${place.name} in ${place.region}`);
}

export function describeHolder(holder: RehearsalState): string {
    return `${holder.subsystem}/${holder.environment} ${holder.region} (${holder.lever} lever, account ${holder.account}, started ${holder.startedAt}, run ${holder.runId})`;
}

/** Takes the lock, or returns the record of the run that holds it. */
export async function acquireLock(
    state: RehearsalState,
    api: ApiCaller,
    parameters: ParameterGateway,
): Promise<{ acquired: true } | { acquired: false; holder?: RehearsalState }> {
    const created = await api.write(
        "ssm:PutParameter",
        { Name: state.lock.name, Overwrite: false, region: state.lock.region },
        () => parameters.create(state.lock.region, state.lock.name, JSON.stringify(state)),
        true,
    );
    if (created) return { acquired: true };
    return { acquired: false, holder: await readLock(state.lock, api, parameters).catch(() => undefined) };
}

/** Frees the lock if this run still holds it; another run's lock is left alone. */
export async function releaseLock(state: RehearsalState, api: ApiCaller, parameters: ParameterGateway): Promise<"released" | "absent" | "held-by-another"> {
    const holder = await readLock(state.lock, api, parameters);
    if (!holder) return "absent";
    if (holder.runId !== state.runId) return "held-by-another";
    await api.write(
        "ssm:DeleteParameter",
        { Name: state.lock.name, region: state.lock.region },
        () => parameters.delete(state.lock.region, state.lock.name),
        true,
    );
    return "released";
}
