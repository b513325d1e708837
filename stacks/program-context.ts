import * as pulumi from "@pulumi/pulumi";
import type { Catalog } from "./catalog-types";
import { CONFIG_KEYS, CONFIG_NAMESPACE } from "./stack-config";
import type { StackKind } from "../lib/contracts/stack-spec";
import { ORGANIZATION_STACK } from "./stack-list";

/** What every stack program is told about the stack it runs as, read from the generated `meridian:*` config. */
export interface StackContext {
    catalog: Catalog;
    stack: string;
    kind: StackKind;
    account: string;
    /** Known from the catalog, or, for an account still being created, from the organization stack. */
    accountId: pulumi.Output<string>;
    region: string;
    subsystem?: string;
    environment?: string;
    /** A read-only pull-request preview: explicit providers must assume preview roles, never deploying ones. */
    previewOnly: boolean;
    /** One StackReference per referenced stack, however many parts of the program read it; read by output name only. */
    stackReference(name: string): ReferencedStack;
    /** An account's id: from the catalog, or for one still being created, the organization stack's output. */
    accountIdOf(account: string): pulumi.Output<string>;
}

export type StackOutputs = Record<string, unknown>;

/**
 * Another stack's outputs, read one named output at a time, never wholesale: which outputs a
 * program reads is then all it depends on of that stack, and the offline plan re-renders a stack
 * only when one of those changed (stacks/offline/render-cache.ts).
 */
export interface ReferencedStack {
    requireOutput(name: string): pulumi.Output<unknown>;
}

/** Told of every output a program reads from another stack (the offline plan records them; `pulumi up` passes none). */
export type OutputReadListener = (stack: string, output: string) => void;

export function readStackContext(catalog: Catalog, onOutputRead: OutputReadListener = () => undefined): StackContext {
    const config = new pulumi.Config(CONFIG_NAMESPACE);
    const kind = config.require(CONFIG_KEYS.kind) as StackKind;
    if (!["organization", "account", "subsystem"].includes(kind)) {
        throw new Error(`${CONFIG_NAMESPACE}:${CONFIG_KEYS.kind} is "${kind}"; expected organization, account or subsystem (re-run meridian stacks sync)`);
    }
    const account = config.require(CONFIG_KEYS.account);
    const references = new Map<string, ReferencedStack>();
    const stackReference = (name: string): ReferencedStack => {
        const existing = references.get(name);
        if (existing) return existing;
        const reference = new pulumi.StackReference(name);
        const created: ReferencedStack = {
            requireOutput: (output) => {
                onOutputRead(name, output);
                return reference.requireOutput(output);
            },
        };
        references.set(name, created);
        return created;
    };
    const accountIdOf = (name: string): pulumi.Output<string> => {
        const known = name === account ? config.get(CONFIG_KEYS.accountId) : catalog.organization.accounts.find((candidate) => candidate.name === name)?.id;
        if (known) return pulumi.output(known);
        return stackReference(ORGANIZATION_STACK)
            .requireOutput("accountIds")
            .apply((ids) => {
                const id = (ids as Record<string, string>)[name];
                if (!id) throw new Error(`the organization stack has no account id for ${name}`);
                return id;
            });
    };
    return {
        catalog,
        stack: pulumi.getStack(),
        kind,
        account,
        accountId: accountIdOf(account),
        stackReference,
        accountIdOf,
        region: config.require(CONFIG_KEYS.region),
        subsystem: config.get(CONFIG_KEYS.subsystem),
        environment: config.get(CONFIG_KEYS.environment),
        previewOnly: config.getBoolean(CONFIG_KEYS.previewOnly) ?? false,
    };
}
