import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { SDK_CLIENT_SETTINGS, type IdentityGateway } from "./gateway";

/** Which account the operator's credentials act in: the rehearsal and `restore` refuse any but the recorded one. */
export class SdkIdentityGateway implements IdentityGateway {
    constructor(private readonly client: STSClient = new STSClient({ ...SDK_CLIENT_SETTINGS })) {}

    async accountId(signal?: AbortSignal): Promise<string> {
        const response = await this.client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
        if (!response.Account) throw new Error("STS GetCallerIdentity returned no account");
        return response.Account;
    }
}
