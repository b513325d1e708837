import { PULUMI_PROJECT, previewRoleName, roleArn } from "../lib/contracts/naming";
import type { StackSpec } from "../lib/contracts/stack-spec";
import type { StateAccess, StateStore } from "../components/policy-documents/state";
import { ownerOfAccount } from "./catalog";
import type { Catalog, MemberAccount } from "./catalog-types";
import { accountRegionalStacks, globalStackName, listStacks, ORGANIZATION_STACK } from "./stack-list";

/**
 * Which CI identity deploys each stack, and the share of the Pulumi state that identity gets.
 * The organization stack and every `<account>.global` stack run as the management pipeline (they
 * act in member accounts through the bootstrap role); each account's regional stacks run as that
 * account's own pipeline role, which writes their state and reads the stacks they reference.
 */

/** An account gets a pipeline and deployment role when it runs a subsystem, or when the catalog asks (`deploymentRoles: true`). */
export function hasDeploymentRoles(account: MemberAccount): boolean {
    return account.subsystem !== undefined || account.deploymentRoles === true;
}

export function deploysAsManagementPipeline(spec: StackSpec): boolean {
    return spec.kind !== "subsystem";
}

export function stateStore(catalog: Catalog, partition = "aws"): StateStore {
    const pipeline = catalog.subsystems.pipeline;
    return { bucketName: pipeline.stateBucket, keyArn: pipeline.stateKeyArn, project: PULUMI_PROJECT, partition };
}

/** An account's pipeline: writes the stacks it deploys, reads the stacks they reference. */
export function pipelineStateAccess(catalog: Catalog, account: string, partition = "aws"): StateAccess {
    const own = accountRegionalStacks(catalog, account);
    const writes = own.map((spec) => spec.name);
    const reads = [...new Set(own.flatMap((spec) => spec.dependsOn))].filter((stack) => !writes.includes(stack)).sort();
    return { ...stateStore(catalog, partition), account, writes, reads };
}

/**
 * Stacks some member account's pipeline reads outside its own account: the state bucket and key
 * grant these to every pipeline. One listing of the fleet, not one per account: the organization
 * stack calls this, and its cost must grow with the fleet, not with its square.
 */
export function sharedPipelineReads(catalog: Catalog): string[] {
    const specs = listStacks(catalog);
    const accountOf = new Map(specs.map((spec) => [spec.name, spec.account]));
    const members = new Set(catalog.organization.accounts.map((account) => account.name));
    const shared = specs
        .filter((spec) => members.has(spec.account) && !deploysAsManagementPipeline(spec))
        .flatMap((spec) => spec.dependsOn.filter((stack) => accountOf.get(stack) !== spec.account));
    return [...new Set(shared)].sort();
}

/**
 * The stacks only the management account may write, as stack-name patterns: the organization stack
 * and every account's global stack. Patterns keep the bucket policy one size however many accounts
 * the organisation has (account names hold no dots, so `*.global` names global stacks only).
 */
export function managementPipelineStacks(): string[] {
    return [ORGANIZATION_STACK, globalStackName("*")];
}

/** How a pull-request preview of a stack reaches AWS. */
export interface PreviewCredentials {
    /** The role the job assumes through GitHub OIDC with `sub` = `repo:<org/repo>:pull_request`: the management account's preview entry role. */
    entryRoleArn: string;
    /**
     * The role the stack's provider then assumes in place of its deploying chain (the job sets
     * `aws:assumeRoles` to it and `meridian:previewOnly`): the stack account's preview role. None
     * for a stack in the management account, which the entry role previews itself.
     */
    providerRoleArn?: string;
}

export function previewCredentials(catalog: Catalog, spec: StackSpec): PreviewCredentials {
    const management = catalog.organization.managementAccount;
    const entryRoleArn = roleArn(management.id, previewRoleName(management.name));
    if (spec.account === management.name || !spec.accountId) return { entryRoleArn };
    return { entryRoleArn, providerRoleArn: roleArn(spec.accountId, previewRoleName(ownerOfAccount(catalog, spec.account))) };
}
