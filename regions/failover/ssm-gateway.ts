import { GetParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { REQUEST_TIMEOUTS, type ParameterGateway } from "./gateway";

/** SSM Parameter Store in each region: where the force-unhealthy switch lives. */
export class SdkParameterGateway implements ParameterGateway {
    private readonly clients = new Map<string, SSMClient>();

    constructor(private readonly clientFor: (region: string) => SSMClient = (region) => new SSMClient({ region, requestHandler: REQUEST_TIMEOUTS })) {}

    private client(region: string): SSMClient {
        let client = this.clients.get(region);
        if (!client) {
            client = this.clientFor(region);
            this.clients.set(region, client);
        }
        return client;
    }

    async get(region: string, name: string): Promise<string | undefined> {
        try {
            const response = await this.client(region).send(new GetParameterCommand({ Name: name }));
            return response.Parameter?.Value;
        } catch (error) {
            if ((error as Error).name === "ParameterNotFound") return undefined;
            throw error;
        }
    }

    async put(region: string, name: string, value: string): Promise<void> {
        await this.client(region).send(new PutParameterCommand({ Name: name, Value: value, Type: "String", Overwrite: true }));
    }
}
