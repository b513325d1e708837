import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountBaseline, AccountBaselineArgs } from "../../components/account-baseline";
import { BOOTSTRAP_ROLE_NAME, accountOwner, environmentZoneName, githubEnvironmentName, previewRoleName, roleArn } from "../../lib/contracts/naming";
import { hasDeploymentRoles, pipelineStateAccess } from "../ci-identity";
import { findAccount, findSubsystem, ownerOfAccount } from "../catalog";
import type { Catalog } from "../catalog-types";
import type { StackContext, StackOutputs } from "../program-context";
import { ORGANIZATION_STACK, globalStackName } from "../stack-list";

/**
 * Wave 1, `<account>.global`: the account's boundary, its preview role, its pipeline and deployment
 * roles when it deploys from CI (its own GitHub environment, its own stacks' state), its hosted
 * zone and account-wide settings. A subsystem account's zone is delegated from the parent zone,
 * which lives in another account: that NS record goes through an explicit provider into it.
 */
export function accountProgram(context: StackContext): StackOutputs {
    const { catalog } = context;
    const account = findAccount(catalog, context.account);
    if (!account) throw new Error(`stack ${context.stack}: account ${context.account} is not in accounts/organization.yaml`);
    const owner = accountOwner(account);
    const pipeline = catalog.subsystems.pipeline;
    const management = catalog.organization.managementAccount;
    const organizationId = context.stackReference(ORGANIZATION_STACK).requireOutput("organizationId") as pulumi.Output<string>;
    const baseline = new AccountBaseline(owner, {
        owner,
        // The catalog's id where it has one: adopting an existing OIDC provider names it by ARN when the program starts.
        accountId: account.id ?? context.accountId,
        deployment: hasDeploymentRoles(account)
            ? {
                  githubRepository: pipeline.repository,
                  githubEnvironment: githubEnvironmentName(account.name),
                  state: pipelineStateAccess(catalog, account.name),
                  bootstrapRoleArn: roleArn(management.id, BOOTSTRAP_ROLE_NAME),
                  organizationId,
                  githubOidcProvider: account.githubOidcProvider,
              }
            : undefined,
        preview: {
            entryRoleArn: roleArn(management.id, previewRoleName(management.name)),
            organizationId,
        },
        dns: zoneFor(context, catalog),
        tags: { ...account.tags, "meridian:stack": context.stack },
    });
    return {
        boundaryArn: baseline.boundaryArn,
        previewRoleArn: baseline.previewRoleArn,
        // Accounts without CI roles or a zone export no such outputs rather than undefined ones.
        ...(baseline.pipelineRoleArn ? { pipelineRoleArn: baseline.pipelineRoleArn, deploymentRoleArn: baseline.deploymentRoleArn } : {}),
        ...(baseline.zoneId ? { zoneId: baseline.zoneId, nameServers: baseline.nameServers } : {}),
    };
}

function zoneFor(context: StackContext, catalog: Catalog): AccountBaselineArgs["dns"] {
    const dns = catalog.subsystems.dns;
    if (context.account === dns.account) return { kind: "parent", zoneName: dns.parentZone };
    const subsystem = findSubsystem(catalog, context.subsystem ?? "");
    if (!subsystem || !context.environment) return undefined;
    const parentAccountId = context.accountIdOf(dns.account);
    const parentProvider = new aws.Provider("dns-parent", {
        region: catalog.regions.homeRegion,
        allowedAccountIds: [parentAccountId],
        // The NS record is the only write into the parent account; the bootstrap access role is what
        // a global stack already runs with, so this adds no new trust. A pull-request preview reads the
        // parent zone through the parent account's read-only preview role instead.
        assumeRoles: [
            {
                roleArn: parentAccountId.apply((id) =>
                    roleArn(id, context.previewOnly ? previewRoleName(ownerOfAccount(catalog, dns.account)) : catalog.organization.accessRoleName),
                ),
                sessionName: `meridian-${context.stack}-dns`.slice(0, 64),
            },
        ],
    });
    return {
        kind: "delegated",
        zoneName: environmentZoneName(subsystem.dnsName, context.environment),
        parentZoneId: context.stackReference(globalStackName(dns.account)).requireOutput("zoneId") as pulumi.Output<string>,
        parentProvider,
    };
}
