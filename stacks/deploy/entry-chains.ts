import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, githubOidcProviderArn, githubSubject } from "../../components/policy-documents/trust";
import { accountTrustDocument } from "../../components/policy-documents/bootstrap-roles";
import { BOOTSTRAP_ROLE_NAME, roleArn } from "../../lib/contracts/naming";
import type { StackSpec } from "../../lib/contracts/stack-spec";
import type { PlanDocument } from "../../lib/contracts/plan-document";
import { type AssumeRequest, type Decision, identityAllows, trustAllows } from "../../policies/iam/assume-role-decision";
import type { LabelledDocument } from "../../policies/iam/permissions";
import { type StackResourceView, stackRoles } from "../../policies/iam/stack-roles";
import type { Catalog } from "../catalog-types";
import { isPending, stackConfig } from "../stack-config";
import { listStacks } from "../stack-list";
import { deployEntry } from "./github-workflow";
import { handMadeRoles } from "./hand-made-roles";

/**
 * Walks every provider's assume-role chain, from each way in, through the trust policies the plan
 * will create: the default provider's chain from the stack config (`aws:assumeRoles`), and the
 * chain of every explicit provider the program declares. The ways in are the two the deployment
 * pipeline documents (docs/design/deployment-pipeline.md): a CI job, which enters the role its
 * matrix entry names through GitHub OIDC in its GitHub environment, and a workstation, which enters
 * the management account's bootstrap role. Each hop must be allowed by the assumed role's trust and,
 * for a planned caller, by the caller's own policies inside its boundary.
 */

export type EntryKind = "ci" | "workstation";

export interface ChainHop {
    role: string;
    allowed: boolean;
    reason: string;
}

export interface EntryChain {
    stack: string;
    /** `default` for the stack's own provider, else the explicit provider's logical name. */
    provider: string;
    entry: EntryKind;
    /** The first role, entered from outside (OIDC, or a management administrator), then the chain's roles. */
    hops: ChainHop[];
    holds: boolean;
}

interface RoleModel {
    trust: unknown;
    identity: LabelledDocument[];
    boundary?: LabelledDocument;
    /** Identity side not modelled: an administrator (AWS-made or hand-made with AdministratorAccess). */
    administrator: boolean;
}

const PROVIDER_TYPE = "pulumi:providers:aws";
const ROLE_TYPE = "aws:iam/role:Role";

export function entryChains(catalog: Catalog, plan: PlanDocument): EntryChain[] {
    const roles = knownRoles(catalog, plan);
    const specs = new Map(listStacks(catalog).map((spec) => [spec.name, spec]));
    const organizationId = String(plan.stacks.find((stack) => stack.kind === "organization")?.outputs.organizationId ?? "");
    const chains: EntryChain[] = [];
    for (const stack of plan.stacks) {
        const spec = specs.get(stack.name);
        // A stack whose account has no id yet has no config, and no way in until it has one.
        if (!spec || isPending(spec)) continue;
        const providers: Array<{ provider: string; chain: string[] }> = [
            { provider: "default", chain: chainOf(stackConfig(catalog, spec)["aws:assumeRoles"]) },
            ...stack.resources
                .filter((resource) => resource.type === PROVIDER_TYPE && !resource.name.startsWith("default"))
                .map((resource) => ({ provider: resource.name, chain: chainOf(resource.inputs.assumeRoles) })),
        ];
        for (const { provider, chain } of providers) {
            for (const entry of ["ci", "workstation"] as const) {
                const start = entry === "ci" ? ciStart(catalog, spec) : workstationStart(catalog);
                const hops = walk(start, chain, roles, organizationId);
                chains.push({ stack: stack.name, provider, entry, hops, holds: hops.every((hop) => hop.allowed) });
            }
        }
    }
    return chains;
}

interface Start {
    role: string;
    request: AssumeRequest;
}

/** A CI job enters the role of its matrix entry through GitHub OIDC, with the `sub` of its GitHub environment. */
function ciStart(catalog: Catalog, spec: StackSpec): Start {
    const entry = deployEntry(catalog, spec);
    const role = roleArn(entry["account-id"], entry.role);
    return {
        role,
        request: {
            action: "sts:AssumeRoleWithWebIdentity",
            caller: githubOidcProviderArn(entry["account-id"]),
            role,
            context: {
                [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
                [`${GITHUB_OIDC_HOST}:sub`]: githubSubject(catalog.subsystems.pipeline.repository, entry.environment!),
            },
        },
    };
}

/** A person enters the bootstrap role from the management account (any administrator there). */
function workstationStart(catalog: Catalog): Start {
    const management = catalog.organization.managementAccount.id;
    const role = roleArn(management, BOOTSTRAP_ROLE_NAME);
    return { role, request: { action: "sts:AssumeRole", caller: roleArn(management, "administrator"), role, context: {} } };
}

function walk(start: Start, chain: readonly string[], roles: ReadonlyMap<string, RoleModel>, organizationId: string): ChainHop[] {
    const hops: ChainHop[] = [hop(start.role, trustOf(start.role, roles, start.request))];
    let caller = start.role;
    for (const role of chain) {
        const request: AssumeRequest = {
            action: "sts:AssumeRole",
            caller,
            role,
            context: { "aws:PrincipalOrgID": organizationId, "aws:PrincipalArn": caller },
        };
        const trust = trustOf(role, roles, request);
        const callerModel = roles.get(caller);
        const identity: Decision =
            !callerModel || callerModel.administrator
                ? { allowed: true, reason: "administrator" }
                : identityAllows(callerModel.identity, callerModel.boundary, request);
        hops.push(
            trust.allowed && identity.allowed
                ? hop(role, { allowed: true, reason: `${trust.reason}; ${identity.reason}` })
                : hop(role, trust.allowed ? identity : trust),
        );
        caller = role;
    }
    return hops;
}

function trustOf(role: string, roles: ReadonlyMap<string, RoleModel>, request: AssumeRequest): Decision {
    const model = roles.get(role);
    return model ? trustAllows(model.trust, request) : { allowed: false, reason: `no stack plans ${role}, and it is not a role AWS or the bootstrap creates` };
}

function hop(role: string, decision: Decision): ChainHop {
    return { role, allowed: decision.allowed, reason: decision.reason };
}

/**
 * Every role a chain can meet: the planned ones, with their trust, policies and boundary; the
 * access role in each member account, as Organizations creates it; and the management account's
 * two hand-made roles, as the bootstrap guide creates them.
 */
function knownRoles(catalog: Catalog, plan: PlanDocument): Map<string, RoleModel> {
    const management = catalog.organization.managementAccount.id;
    const roles = new Map<string, RoleModel>();
    const administrator = (trust: unknown): RoleModel => ({ trust, identity: [], administrator: true });
    for (const role of handMadeRoles(catalog)) roles.set(role.arn, administrator(role.trust));
    const accountIds = plan.stacks.find((stack) => stack.kind === "organization")?.outputs.accountIds as Record<string, string> | undefined;
    for (const account of catalog.organization.accounts) {
        const id = account.id ?? accountIds?.[account.name];
        if (id) roles.set(roleArn(id, catalog.organization.accessRoleName), administrator(accountTrustDocument(management)));
    }
    const policyDocuments = Object.fromEntries(
        plan.stacks.flatMap((stack) =>
            stack.resources
                .filter((resource) => resource.type === "aws:iam/policy:Policy")
                .map((resource) => [String(resource.outputs.arn), resource.inputs.policy]),
        ),
    );
    for (const stack of plan.stacks) {
        const views: StackResourceView[] = stack.resources.map((resource) => ({
            type: resource.type,
            urn: resource.urn,
            name: resource.name,
            props: resource.inputs,
        }));
        const arns = new Map(stack.resources.filter((resource) => resource.type === ROLE_TYPE).map((resource) => [resource.urn, resource]));
        for (const role of stackRoles(views, policyDocuments)) {
            const resource = arns.get(role.urn)!;
            roles.set(String(resource.outputs.arn), {
                trust: resource.inputs.assumeRolePolicy,
                identity: role.identity,
                boundary: role.boundary,
                administrator: false,
            });
        }
    }
    return roles;
}

/** `aws:assumeRoles` as config or provider inputs carry it (a list, or its JSON text): the role ARNs, first hop first. */
function chainOf(value: unknown): string[] {
    const list: unknown = typeof value === "string" ? JSON.parse(value) : value;
    if (!Array.isArray(list)) return [];
    return list.map((item) => String((item as { roleArn?: unknown }).roleArn));
}
