import type { PlannedResource, PlannedStack } from "../../lib/contracts/plan-document";

/**
 * How long the Pulumi AWS provider (the Terraform AWS provider underneath) may wait for one
 * resource to settle when it creates it: each row is the resource's default create timeout, from
 * its schema in hashicorp/terraform-provider-aws. A program bounds a wait with `customTimeouts`.
 * Resource types not listed return as soon as their API call does.
 */
export interface ProviderWait {
    /** Default create timeout, in minutes. */
    createMinutes: number;
    /** What the provider waits for. */
    waitsFor: string;
    source: string;
}

export const PROVIDER_WAITS: Readonly<Record<string, ProviderWait>> = {
    "aws:acm/certificateValidation:CertificateValidation": {
        createMinutes: 75,
        waitsFor: "the certificate to be issued (DNS validation)",
        source: "hashicorp/terraform-provider-aws internal/service/acm/certificate_validation.go (Timeouts.Create 75m, waitCertificateIssued)",
    },
    "aws:route53/record:Record": {
        createMinutes: 30,
        waitsFor: "the change to be INSYNC on Route 53's name servers",
        source: "hashicorp/terraform-provider-aws internal/service/route53/record.go (Timeouts.Create 30m, waitChangeInsync)",
    },
    "aws:dynamodb/table:Table": {
        createMinutes: 30,
        waitsFor: "the table to be ACTIVE",
        source: "hashicorp/terraform-provider-aws internal/service/dynamodb/wait.go (createTableTimeout 30m)",
    },
    "aws:lambda/function:Function": {
        createMinutes: 10,
        waitsFor: "the function to be Active",
        source: "hashicorp/terraform-provider-aws internal/service/lambda/function.go (Timeouts.Create 10m)",
    },
};

export interface WaitChain {
    /** The longest total of create waits along one dependency path of the stack, in minutes. */
    minutes: number;
    /** That path's waiting resources, first created first. */
    path: string[];
}

/** `30m`, `1h30m`, `90s` (Pulumi's customTimeouts take Go durations) → minutes. */
export function durationMinutes(duration: string): number {
    const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
    if (parts.length === 0 || parts.map((part) => part[0]).join("") !== duration) throw new Error(`"${duration}" is not a duration such as 30m or 1h30m`);
    return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (unit === "h" ? 60 : unit === "m" ? 1 : 1 / 60), 0);
}

export function createWaitMinutes(resource: PlannedResource): number {
    const bound = resource.customTimeouts?.create;
    if (bound) return durationMinutes(bound);
    return PROVIDER_WAITS[resource.type]?.createMinutes ?? 0;
}

/**
 * The worst first deployment of one stack: Pulumi creates independent resources in parallel, so a
 * stack takes as long as its longest dependency path, and on that path every provider wait can run
 * to its timeout. A dependency on a component means on everything inside it.
 */
export function longestWaitChain(stack: PlannedStack): WaitChain {
    const byUrn = new Map(stack.resources.map((resource) => [resource.urn, resource]));
    const children = new Map<string, PlannedResource[]>();
    for (const resource of stack.resources)
        if (resource.parent) (children.get(resource.parent) ?? children.set(resource.parent, []).get(resource.parent)!).push(resource);
    const memo = new Map<string, WaitChain>();

    const waitedOn = (urn: string): PlannedResource[] => {
        const resource = byUrn.get(urn);
        if (!resource) return [];
        return resource.custom ? [resource] : (children.get(urn) ?? []).flatMap((child) => waitedOn(child.urn));
    };
    const chainTo = (resource: PlannedResource): WaitChain => {
        const known = memo.get(resource.urn);
        if (known) return known;
        const before = resource.dependencies.flatMap(waitedOn).map(chainTo);
        const longest = before.reduce<WaitChain>((best, chain) => (chain.minutes > best.minutes ? chain : best), { minutes: 0, path: [] });
        const own = createWaitMinutes(resource);
        const chain = own > 0 ? { minutes: longest.minutes + own, path: [...longest.path, resource.urn] } : longest;
        memo.set(resource.urn, chain);
        return chain;
    };
    return stack.resources
        .filter((resource) => resource.custom)
        .map(chainTo)
        .reduce<WaitChain>((best, chain) => (chain.minutes > best.minutes ? chain : best), { minutes: 0, path: [] });
}
