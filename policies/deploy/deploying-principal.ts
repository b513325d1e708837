import type { PlannedStack } from "../../lib/contracts/plan-document";
import { StackRole, stackRoles } from "../iam/stack-roles";
import { MANAGEMENT_CREDENTIALS_POLICY, ORGANIZATION_ACCESS_ROLE_POLICY } from "./aws-authorization-facts";
import { OrganizationStructure, organizationStructure } from "./organization-structure";
import type { PrincipalPolicies } from "./principal-decision";

/** Who a provider acts as, and where that knowledge comes from. */
export interface DeployingPrincipal extends PrincipalPolicies {
    /** The assume-role chain that reaches it, first hop first; empty for the ambient credentials. */
    chain: string[];
    /** `planned in orders-prod.global`, `created by AWS Organizations`, ...: why these are its policies. */
    origin: string;
}

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/**
 * Resolves deploying principals against the planned fleet: a role is modelled by the stack that
 * defines it (its inline and attached policies and its boundary), the organisation access role by
 * what AWS gives it, and the management account's own credentials as the bootstrap leaves them.
 * SCPs come from the organization stack's plan.
 */
export class FleetPrincipals {
    private readonly organization?: OrganizationStructure;
    private readonly roleStacks = new Map<string, PlannedStack>();
    private readonly rolesOfStack = new Map<string, StackRole[]>();
    private readonly resolved = new Map<string, DeployingPrincipal>();

    constructor(stacks: readonly PlannedStack[]) {
        const organizationStack = stacks.find((stack) => stack.kind === "organization");
        if (organizationStack?.accountId) {
            const organizationId = typeof organizationStack.outputs.organizationId === "string" ? organizationStack.outputs.organizationId : undefined;
            this.organization = organizationStructure(organizationStack.resources, organizationStack.accountId, organizationId);
        }
        for (const stack of stacks) {
            for (const resource of stack.resources) {
                if (resource.type === "aws:iam/role:Role" && typeof resource.outputs.arn === "string") this.roleStacks.set(resource.outputs.arn, stack);
            }
        }
    }

    get organizationId(): string | undefined {
        return this.organization?.organizationId;
    }

    /** The principal at the end of an assume-role chain; `ambientAccountId` is the account of a chain-less provider. */
    resolve(chain: readonly string[], ambientAccountId: string): DeployingPrincipal {
        const key = `${ambientAccountId}|${chain.join(",")}`;
        let principal = this.resolved.get(key);
        if (!principal) {
            principal = this.build([...chain], ambientAccountId);
            this.resolved.set(key, principal);
        }
        return principal;
    }

    /** The SCPs and RCPs over an account: none in the management account, nor when no organization stack is planned. */
    private organizationPoliciesOf(accountId: string): Pick<PrincipalPolicies, "scps" | "rcps"> {
        if (!this.organization || accountId === this.organization.managementAccountId) return { scps: "exempt", rcps: "exempt" };
        return { scps: this.organization.scpLevels.get(accountId) ?? [], rcps: this.organization.rcpLevels.get(accountId) ?? [] };
    }

    private build(chain: string[], ambientAccountId: string): DeployingPrincipal {
        const last = chain[chain.length - 1];
        if (!last) {
            const management = this.organization?.managementAccountId === ambientAccountId;
            return {
                arn: `arn:aws:iam::${ambientAccountId}:root`,
                accountId: ambientAccountId,
                identity: management ? [{ label: MANAGEMENT_CREDENTIALS_POLICY.name, document: MANAGEMENT_CREDENTIALS_POLICY.document }] : [],
                ...this.organizationPoliciesOf(ambientAccountId),
                chain,
                origin: management ? "the management account's own credentials" : "ambient credentials that no stack plans",
            };
        }
        const match = ROLE_ARN.exec(last);
        const accountId = match?.[2] ?? ambientAccountId;
        const roleName = match?.[3] ?? last;
        const base = { arn: last, accountId, ...this.organizationPoliciesOf(accountId), chain };
        const stack = this.roleStacks.get(last);
        if (stack) {
            const model = this.rolesIn(stack).find((role) => role.name === this.roleResourceName(stack, last));
            if (model) return { ...base, identity: model.identity, boundary: model.boundary, origin: `planned in ${stack.name}` };
        }
        if (this.organization?.accessRoleNames.has(roleName)) {
            return {
                ...base,
                identity: [{ label: `${ORGANIZATION_ACCESS_ROLE_POLICY.name} of ${roleName}`, document: ORGANIZATION_ACCESS_ROLE_POLICY.document }],
                origin: "created by AWS Organizations with the account",
            };
        }
        return { ...base, identity: [], origin: "not planned by any stack, so none of its policies are known" };
    }

    private rolesIn(stack: PlannedStack): StackRole[] {
        let roles = this.rolesOfStack.get(stack.name);
        if (!roles) {
            const views = stack.resources.map((resource) => ({ type: resource.type, urn: resource.urn, name: resource.name, props: resource.inputs }));
            roles = stackRoles(views, stack.policyContext.knownPolicyDocuments ?? {});
            this.rolesOfStack.set(stack.name, roles);
        }
        return roles;
    }

    private roleResourceName(stack: PlannedStack, roleArn: string): string | undefined {
        return stack.resources.find((resource) => resource.type === "aws:iam/role:Role" && resource.outputs.arn === roleArn)?.name;
    }
}
