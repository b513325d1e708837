import { rehearsalRevertRoleName, roleArn } from "../../lib/contracts/naming";
import type { ApiCaller } from "./api-calls";
import type { OneTimeSchedule, ParameterGateway, Route53Gateway, SchedulerGateway } from "./gateway";
import type { RehearsalState } from "./state-file";

/**
 * The two levers, and the one call that puts each back. The same call is made three ways: by the
 * run itself, by `meridian failover restore`, and by the AWS-side revert (a Scheduler universal
 * target whose input is that call's request, named as in the service's API reference).
 */

export type Lever = RehearsalState["lever"];

export interface LeverDeps {
    route53: Route53Gateway;
    parameters: ParameterGateway;
}

interface LeverCall {
    /** The IAM action, as the API call log names it. */
    api: string;
    /** The universal target's service and action (`arn:aws:scheduler:::aws-sdk:<service>:<action>`). */
    service: string;
    action: string;
    /** The request, with the API's own parameter names. */
    input: Record<string, string | boolean>;
    /** Where the call goes: Route 53 is global, a parameter lives in one region. */
    region?: string;
    send: (deps: LeverDeps) => Promise<void>;
}

function leverCall(state: RehearsalState, pulled: boolean): LeverCall {
    if (state.lever === "invert") {
        return {
            api: "route53:UpdateHealthCheck",
            service: "route53",
            action: "updateHealthCheck",
            input: { HealthCheckId: state.healthCheckId, Inverted: pulled },
            send: (deps) => deps.route53.setInverted(state.healthCheckId, pulled),
        };
    }
    const parameter = state.parameter;
    if (!parameter) throw new Error("switch lever without a parameter");
    const value = pulled ? "true" : parameter.previousValue;
    return {
        api: "ssm:PutParameter",
        service: "ssm",
        action: "putParameter",
        input: { Name: parameter.name, Value: value, Type: "String", Overwrite: true },
        region: parameter.region,
        send: (deps) => deps.parameters.put(parameter.region, parameter.name, value),
    };
}

async function call(state: RehearsalState, pulled: boolean, api: ApiCaller, deps: LeverDeps): Promise<void> {
    const lever = leverCall(state, pulled);
    await api.write(lever.api, { ...lever.input, ...(lever.region ? { region: lever.region } : {}) }, () => lever.send(deps), undefined);
}

export function pullLever(state: RehearsalState, api: ApiCaller, deps: LeverDeps): Promise<void> {
    return call(state, true, api, deps);
}

/** Idempotent: putting a lever back twice leaves it where one restore does. */
export function restoreLever(state: RehearsalState, api: ApiCaller, deps: LeverDeps): Promise<void> {
    return call(state, false, api, deps);
}

/** What the lever does, for the operator and the report. */
export function describeLever(state: RehearsalState, pulled: boolean): string {
    if (state.lever === "invert") return pulled ? `invert health check ${state.healthCheckId}` : `health check ${state.healthCheckId} no longer inverted`;
    return pulled
        ? `set ${state.parameter?.name} to "true" in ${state.parameter?.region}`
        : `${state.parameter?.name} in ${state.parameter?.region} back to ${JSON.stringify(state.parameter?.previousValue)}`;
}

/**
 * Where the AWS-side revert runs. A universal target calls its API in the schedule's own region,
 * so the switch lever's revert must run where its parameter is. Route 53's API is global, so the
 * invert lever's revert runs in a healthy peer: it keeps working if the drained region really fails
 * during the drill, which is exactly when an inverted check would send clients to it.
 */
export function revertRegion(lever: Lever, drained: string, healthyPeers: readonly string[]): string {
    return lever === "switch" ? drained : (healthyPeers[0] ?? drained);
}

/** The one-time schedule that puts the lever back at `at` if nothing else has by then. */
export function revertSchedule(state: RehearsalState, at: number, partition = "aws"): OneTimeSchedule {
    const lever = leverCall(state, false);
    return {
        region: state.revert.region,
        name: state.revert.name,
        at,
        description:
            `meridian failover rehearsal ${state.runId}: ${describeLever(state, false)} (${state.subsystem}/${state.environment} ${state.region})`.slice(
                0,
                512,
            ),
        targetArn: `arn:${partition}:scheduler:::aws-sdk:${lever.service}:${lever.action}`,
        roleArn: roleArn(state.account, rehearsalRevertRoleName(state.subsystem, state.revert.region), partition),
        input: JSON.stringify(lever.input),
    };
}

/** Arms the AWS-side revert; it must exist before the lever is pulled. */
export async function armRevert(state: RehearsalState, at: number, api: ApiCaller, scheduler: SchedulerGateway): Promise<boolean> {
    const schedule = revertSchedule(state, at);
    return api.write(
        "scheduler:CreateSchedule",
        {
            Name: schedule.name,
            region: schedule.region,
            at: new Date(at).toISOString(),
            Target: schedule.targetArn,
            Input: schedule.input,
            RoleArn: schedule.roleArn,
        },
        () => scheduler.create(schedule),
        true,
    );
}

/** Removes the AWS-side revert once the lever is back; false when it had already fired (it deletes itself). */
export function disarmRevert(state: RehearsalState, api: ApiCaller, scheduler: SchedulerGateway): Promise<boolean> {
    return api.write(
        "scheduler:DeleteSchedule",
        { Name: state.revert.name, region: state.revert.region },
        () => scheduler.delete(state.revert.region, state.revert.name),
        true,
    );
}
