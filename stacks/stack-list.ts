import { rankByLatency } from "../regions/routing-model";
import { ownerOfAccount } from "./catalog";
import type { Catalog, Subsystem } from "./catalog-types";
import { StackSpec, WAVE_OF_KIND } from "../lib/contracts/stack-spec";

export const ORGANIZATION_STACK = "organization";

export function globalStackName(account: string): string {
    return `${account}.global`;
}

export function regionalStackName(account: string, region: string): string {
    return `${account}.${region}`;
}

/**
 * Where a region's EventBridge global endpoint fails over to: its nearest peer, ranked exactly as
 * the failover simulation ranks regions for a client there. The endpoint names the peer's bus by
 * its computed ARN, so regional stacks never wait on one another: losing one region never blocks
 * deploying another.
 */
export function endpointSecondaryRegion(subsystem: Subsystem, region: string): string {
    return rankByLatency(
        region,
        subsystem.regions.filter((code) => code !== region),
    )[0];
}

/**
 * Every stack the catalog implies, in deployment order: wave, then dependencies, then name.
 * `dependsOn` lists the stacks whose outputs or resources a stack needs at deploy time.
 */
export function listStacks(catalog: Catalog): StackSpec[] {
    const home = catalog.regions.homeRegion;
    const management = catalog.organization.managementAccount;
    const dnsAccount = catalog.subsystems.dns.account;
    const specs: StackSpec[] = [
        {
            name: ORGANIZATION_STACK,
            wave: WAVE_OF_KIND.organization,
            kind: "organization",
            account: management.name,
            accountId: management.id,
            region: home,
            dependsOn: [],
        },
    ];
    // Every account is read for its global stack anyway; a lookup per subsystem account would make the listing quadratic.
    const idOf = new Map<string, string | undefined>();
    for (const account of catalog.organization.accounts) {
        if (!idOf.has(account.name)) idOf.set(account.name, account.id);
        const dependsOn = [ORGANIZATION_STACK];
        if (account.subsystem && account.name !== dnsAccount) dependsOn.push(globalStackName(dnsAccount));
        specs.push({
            name: globalStackName(account.name),
            wave: WAVE_OF_KIND.account,
            kind: "account",
            account: account.name,
            accountId: account.id,
            region: home,
            subsystem: account.subsystem,
            environment: account.environment,
            dependsOn,
        });
    }
    for (const subsystem of catalog.subsystems.subsystems) {
        for (const [environment, accountName] of Object.entries(subsystem.accounts)) {
            specs.push(...regionalStacks(subsystem, environment, accountName, idOf.get(accountName)));
        }
    }
    return orderForDeployment(specs);
}

/** A subsystem's stacks in one of its accounts: one per region. */
function regionalStacks(subsystem: Subsystem, environment: string, account: string, accountId: string | undefined): StackSpec[] {
    return subsystem.regions.map((region) => ({
        name: regionalStackName(account, region),
        wave: WAVE_OF_KIND.subsystem,
        kind: "subsystem",
        account,
        accountId,
        region,
        subsystem: subsystem.name,
        environment,
        // The bus policy reads the organisation's ids; the zone comes from the account's own global stack.
        dependsOn: [ORGANIZATION_STACK, globalStackName(account)],
    }));
}

/**
 * The regional stacks of one account, in deployment order, as listStacks has them (same wave and
 * dependencies outside the set, so by name), without listing the fleet: an account's stack reads
 * only the subsystems' account maps and the regions of its own, so a change elsewhere in the
 * catalog does not reach it, and an account's cost stays independent of the fleet's size.
 */
export function accountRegionalStacks(catalog: Catalog, account: string): StackSpec[] {
    return catalog.subsystems.subsystems
        .flatMap((subsystem) =>
            Object.entries(subsystem.accounts)
                .filter(([, name]) => name === account)
                .flatMap(([environment]) => regionalStacks(subsystem, environment, account, undefined)),
        )
        .sort((a, b) => a.name.localeCompare(b.name));
}

/** Stable topological order: by wave, and within a wave every stack after the stacks it depends on. */
export function orderForDeployment(specs: readonly StackSpec[]): StackSpec[] {
    const byName = new Map(specs.map((spec) => [spec.name, spec]));
    const sorted = [...specs].sort((a, b) => a.wave - b.wave || a.name.localeCompare(b.name));
    const placed = new Set<string>();
    const ordered: StackSpec[] = [];
    const visiting = new Set<string>();
    const place = (spec: StackSpec) => {
        if (placed.has(spec.name)) return;
        if (visiting.has(spec.name)) throw new Error(`stack dependency cycle through ${spec.name}`);
        visiting.add(spec.name);
        for (const dependency of spec.dependsOn) {
            const target = byName.get(dependency);
            if (target) place(target);
        }
        visiting.delete(spec.name);
        placed.add(spec.name);
        ordered.push(spec);
    };
    sorted.forEach(place);
    return ordered;
}

/** Owner of the IAM prefix for a stack's account (subsystem name, or the account name). */
export function stackOwner(catalog: Catalog, spec: StackSpec): string {
    return ownerOfAccount(catalog, spec.account);
}
