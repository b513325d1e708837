import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { errorName, SDK_CLIENT_SETTINGS, type OneTimeSchedule, type SchedulerGateway } from "./gateway";

/** `at(yyyy-mm-ddThh:mm:ss)`, read in ScheduleExpressionTimezone (UTC here). */
export function atExpression(at: number): string {
    return `at(${new Date(Math.ceil(at / 1000) * 1000).toISOString().slice(0, 19)})`;
}

/**
 * EventBridge Scheduler in each region: the AWS-side revert of a rehearsal. A one-time schedule
 * (`at(...)`) with a universal target calls the revert API itself, as the schedule's execution role,
 * and deletes itself once it has run (ActionAfterCompletion DELETE)
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html,
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#one-time).
 */
export class SdkSchedulerGateway implements SchedulerGateway {
    private readonly clients = new Map<string, SchedulerClient>();

    constructor(private readonly clientFor: (region: string) => SchedulerClient = (region) => new SchedulerClient({ region, ...SDK_CLIENT_SETTINGS })) {}

    private client(region: string): SchedulerClient {
        let client = this.clients.get(region);
        if (!client) {
            client = this.clientFor(region);
            this.clients.set(region, client);
        }
        return client;
    }

    async create(schedule: OneTimeSchedule): Promise<boolean> {
        try {
            await this.client(schedule.region).send(
                new CreateScheduleCommand({
                    Name: schedule.name,
                    Description: schedule.description,
                    ScheduleExpression: atExpression(schedule.at),
                    ScheduleExpressionTimezone: "UTC",
                    FlexibleTimeWindow: { Mode: "OFF" },
                    ActionAfterCompletion: "DELETE",
                    State: "ENABLED",
                    Target: {
                        Arn: schedule.targetArn,
                        RoleArn: schedule.roleArn,
                        Input: schedule.input,
                        // Scheduler's maxima: keep trying for a day rather than leave the lever pulled.
                        RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
                    },
                }),
            );
            return true;
        } catch (error) {
            if (errorName(error) === "ConflictException") return false;
            throw error;
        }
    }

    async delete(region: string, name: string): Promise<boolean> {
        try {
            await this.client(region).send(new DeleteScheduleCommand({ Name: name }));
            return true;
        } catch (error) {
            if (errorName(error) === "ResourceNotFoundException") return false;
            throw error;
        }
    }
}
