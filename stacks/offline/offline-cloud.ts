import type { CloudModel, NewResourceArgs } from "./plan-monitor";
import { synthesiseOutputs } from "./resource-outputs";
import { hashHex } from "./synthetic-ids";

/**
 * The offline stand-in for AWS and the Pulumi service, for one stack. Resources get synthetic but
 * realistic outputs, invokes are answered from the catalog, and StackReferences from the outputs
 * of stacks already rendered. An invoke it cannot answer is an error naming the token, so a
 * program never plans against a silently invented value.
 */

export interface OfflineCloudContext {
    stack: string;
    /** The stacks this one declares it reads (its spec's dependsOn): its pipeline may read those stacks' state and no others. */
    references: readonly string[];
    project: string;
    region: string;
    accountId: string;
    managementAccountId: string;
    partition: string;
    /** Outputs of the stacks already rendered, by stack name. */
    renderedOutputs: ReadonlyMap<string, Record<string, unknown>>;
}

interface ProviderTarget {
    region: string;
    accountId: string;
}

const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";
const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

export function organizationIds(managementAccountId: string): { organizationId: string; rootId: string } {
    return { organizationId: `o-${hashHex(managementAccountId, 10)}`, rootId: `r-${hashHex(`${managementAccountId}/root`, 4)}` };
}

export class OfflineCloud implements CloudModel {
    private readonly providers = new Map<string, ProviderTarget>();
    private readonly organizationId: string;
    private readonly rootId: string;

    constructor(private readonly context: OfflineCloudContext) {
        ({ organizationId: this.organizationId, rootId: this.rootId } = organizationIds(context.managementAccountId));
    }

    newResource(args: NewResourceArgs): { id: string; state: Record<string, unknown> } {
        if (args.type === STACK_REFERENCE_TYPE) return this.stackReference(args);
        if (args.type.startsWith(PROVIDER_TYPE_PREFIX)) {
            const id = hashHex(args.urn, 12);
            this.providers.set(`${args.urn}::${id}`, this.providerTarget(args.inputs));
            return { id, state: { ...args.inputs } };
        }
        if (!args.custom) return { id: "", state: {} };
        const target = this.target(args.providerRef);
        return synthesiseOutputs({
            type: args.type,
            logicalName: args.name,
            urn: args.urn,
            inputs: args.inputs,
            region: target.region,
            accountId: target.accountId,
            partition: this.context.partition,
            importId: args.importId,
            organizationId: this.organizationId,
            rootId: this.rootId,
            managementAccountId: this.context.managementAccountId,
        });
    }

    /** Region of the provider behind a provider reference; the stack's region for the default provider. */
    regionOf(providerRef: string | undefined): string {
        return this.target(providerRef).region;
    }

    invoke(token: string, inputs: Record<string, unknown>, providerRef?: string): Record<string, unknown> {
        const target = this.target(providerRef);
        const partition = this.context.partition;
        switch (token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    accountId: target.accountId,
                    arn: `arn:${partition}:sts::${target.accountId}:assumed-role/meridian-plan/${this.context.stack}`,
                    userId: `AROA${hashHex(this.context.stack, 17).toUpperCase()}:${this.context.stack}`,
                    id: target.accountId,
                };
            case "aws:index/getRegion:getRegion":
                return {
                    id: target.region,
                    name: target.region,
                    region: target.region,
                    endpoint: `ec2.${target.region}.amazonaws.com`,
                    description: target.region,
                };
            case "aws:index/getPartition:getPartition":
                return { id: partition, partition, dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
            case "aws:organizations/getOrganization:getOrganization":
                return {
                    id: this.organizationId,
                    arn: `arn:${partition}:organizations::${this.context.managementAccountId}:organization/${this.organizationId}`,
                    masterAccountId: this.context.managementAccountId,
                    featureSet: "ALL",
                    roots: [
                        {
                            id: this.rootId,
                            name: "Root",
                            arn: `arn:${partition}:organizations::${this.context.managementAccountId}:root/${this.organizationId}/${this.rootId}`,
                            policyTypes: [
                                { type: "SERVICE_CONTROL_POLICY", status: "ENABLED" },
                                { type: "RESOURCE_CONTROL_POLICY", status: "ENABLED" },
                            ],
                        },
                    ],
                };
            case "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider":
                return this.openIdConnectProvider(inputs, target);
            default:
                throw new Error(
                    `the offline plan has no answer for invoke ${token} (inputs ${JSON.stringify(inputs)}); ` +
                        "compute the value from the catalog, or add an answer in stacks/offline/offline-cloud.ts",
                );
        }
    }

    /**
     * An account's existing OIDC provider, which the catalog says is there (`githubOidcProvider: reuse`);
     * IAM names a provider by its URL's host, so its ARN follows from the URL.
     */
    private openIdConnectProvider(inputs: Record<string, unknown>, target: ProviderTarget): Record<string, unknown> {
        const url = String(inputs.url ?? "");
        const host = url.replace(/^https:\/\//, "");
        const arn = `arn:${this.context.partition}:iam::${target.accountId}:oidc-provider/${host}`;
        return { id: arn, arn, url: host, clientIdLists: ["sts.amazonaws.com"], thumbprintLists: [], tags: {} };
    }

    private stackReference(args: NewResourceArgs): { id: string; state: Record<string, unknown> } {
        const name = String(args.inputs.name ?? args.name);
        if (!this.context.references.includes(name)) {
            throw new Error(
                `stack ${this.context.stack} reads stack ${name}, which it does not declare; its pipeline may read only the state of the stacks it declares: ` +
                    `add "${name}" to its dependsOn in stacks/stack-list.ts`,
            );
        }
        const outputs = this.context.renderedOutputs.get(name);
        if (!outputs) {
            throw new Error(
                `stack ${this.context.stack} reads stack ${name}, which has not been rendered before it; ` +
                    `add "${name}" to its dependsOn in stacks/stack-list.ts`,
            );
        }
        return { id: name, state: { name, outputs, secretOutputNames: [] } };
    }

    private target(providerRef: string | undefined): ProviderTarget {
        return (providerRef && this.providers.get(providerRef)) || { region: this.context.region, accountId: this.context.accountId };
    }

    private providerTarget(inputs: Record<string, unknown>): ProviderTarget {
        const region = typeof inputs.region === "string" ? inputs.region : this.context.region;
        const roles = parseMaybeJson(inputs.assumeRoles);
        const roleArn = Array.isArray(roles) ? (roles[0] as { roleArn?: unknown } | undefined)?.roleArn : undefined;
        const accountId = typeof roleArn === "string" ? (roleArn.split(":")[4] ?? this.context.accountId) : this.context.accountId;
        return { region, accountId };
    }
}

/** Providers receive structured config as JSON strings on the wire. */
function parseMaybeJson(value: unknown): unknown {
    if (typeof value !== "string") return value;
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}
