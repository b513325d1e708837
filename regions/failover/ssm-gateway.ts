import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { errorName, SDK_CLIENT_SETTINGS, type ParameterGateway } from "./gateway";

/** SSM Parameter Store in each region: where the force-unhealthy switch and the rehearsal lock live. */
export class SdkParameterGateway implements ParameterGateway {
    private readonly clients = new Map<string, SSMClient>();

    constructor(private readonly clientFor: (region: string) => SSMClient = (region) => new SSMClient({ region, ...SDK_CLIENT_SETTINGS })) {}

    private client(region: string): SSMClient {
        let client = this.clients.get(region);
        if (!client) {
            client = this.clientFor(region);
            this.clients.set(region, client);
        }
        return client;
    }

    async get(region: string, name: string, signal?: AbortSignal): Promise<string | undefined> {
        try {
            const response = await this.client(region).send(new GetParameterCommand({ Name: name }), { abortSignal: signal });
            return response.Parameter?.Value;
        } catch (error) {
            if (errorName(error) === "ParameterNotFound") return undefined;
            throw error;
        }
    }

    async put(region: string, name: string, value: string): Promise<void> {
        await this.client(region).send(new PutParameterCommand({ Name: name, Value: value, Type: "String", Overwrite: true }));
    }

    async create(region: string, name: string, value: string): Promise<boolean> {
        try {
            await this.client(region).send(new PutParameterCommand({ Name: name, Value: value, Type: "String", Overwrite: false }));
            return true;
        } catch (error) {
            if (errorName(error) === "ParameterAlreadyExists") return false;
            throw error;
        }
    }

    async delete(region: string, name: string): Promise<boolean> {
        try {
            await this.client(region).send(new DeleteParameterCommand({ Name: name }));
            return true;
        } catch (error) {
            if (errorName(error) === "ParameterNotFound") return false;
            throw error;
        }
    }
}
