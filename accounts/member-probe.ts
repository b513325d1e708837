import { IAMClient, ListOpenIDConnectProvidersCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

/**
 * What the management account finds in each member account through the organisation access role:
 * whether the role can be assumed at all (an account that joined by invitation has none until
 * someone creates it), and, through it, whether the account already has the GitHub Actions OIDC
 * provider (an account may hold only one per URL, so wave 1 must adopt it rather than create it).
 * It assumes the role for 15 minutes and makes one read call with it; it changes nothing.
 */

export type MemberState =
    | { accessRole: "assumable"; githubOidcProvider: boolean }
    /** `reason`: the STS error, e.g. `AccessDenied: ... is not authorized to perform: sts:AssumeRole on ...`. */
    | { accessRole: "not-assumable"; reason: string };

/** The access role's temporary credentials, as an SDK client takes them. */
export interface TemporaryCredentials {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
}

export interface MemberProbeClients {
    sts: STSClient;
    iam: (credentials: TemporaryCredentials) => IAMClient;
}

const GITHUB_OIDC_PROVIDER_SUFFIX = ":oidc-provider/token.actions.githubusercontent.com";
/** STS's shortest session: the probe needs a few seconds. */
const PROBE_SESSION_SECONDS = 900;

export function defaultProbeClients(region: string): MemberProbeClients {
    return { sts: new STSClient({ region }), iam: (credentials) => new IAMClient({ region, credentials }) };
}

/** Account id → what was found; accounts are probed one after another, as the Organizations reader reads. */
export async function probeMembers(accountIds: readonly string[], accessRoleName: string, clients: MemberProbeClients): Promise<Map<string, MemberState>> {
    const states = new Map<string, MemberState>();
    for (const accountId of accountIds) states.set(accountId, await probeMember(accountId, accessRoleName, clients));
    return states;
}

async function probeMember(accountId: string, accessRoleName: string, clients: MemberProbeClients): Promise<MemberState> {
    let credentials: TemporaryCredentials;
    try {
        const assumed = await clients.sts.send(
            new AssumeRoleCommand({
                RoleArn: `arn:aws:iam::${accountId}:role/${accessRoleName}`,
                RoleSessionName: "meridian-accounts-check",
                DurationSeconds: PROBE_SESSION_SECONDS,
            }),
        );
        const issued = assumed.Credentials;
        if (!issued?.AccessKeyId || !issued.SecretAccessKey) throw new Error(`STS returned no credentials for ${accessRoleName} in ${accountId}`);
        credentials = { accessKeyId: issued.AccessKeyId, secretAccessKey: issued.SecretAccessKey, sessionToken: issued.SessionToken };
    } catch (error) {
        if ((error as { name?: string }).name !== "AccessDenied") throw error;
        return { accessRole: "not-assumable", reason: `AccessDenied: ${(error as Error).message}` };
    }
    const iam = clients.iam(credentials);
    try {
        const providers = await iam.send(new ListOpenIDConnectProvidersCommand({}));
        return {
            accessRole: "assumable",
            githubOidcProvider: (providers.OpenIDConnectProviderList ?? []).some((provider) => provider.Arn?.endsWith(GITHUB_OIDC_PROVIDER_SUFFIX)),
        };
    } finally {
        iam.destroy();
    }
}
