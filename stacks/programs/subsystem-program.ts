import * as pulumi from "@pulumi/pulumi";
import { Subsystem } from "../../components/subsystem";
import { boundaryPolicyArn, environmentZoneName } from "../../lib/contracts/naming";
import { findAccount, findSubsystem } from "../catalog";
import { type OrganizationIds, organizationPath, ROOT_TARGET } from "../../accounts/organization-tree";
import type { BusPublishers } from "../../components/policy-documents/bus";
import type { ReferencedStack, StackContext, StackOutputs } from "../program-context";
import { endpointSecondaryRegion, globalStackName, ORGANIZATION_STACK } from "../stack-list";

/** Wave 2, `<account>.<region>`: one subsystem in one region of one of its accounts. */
export function subsystemProgram(context: StackContext): StackOutputs {
    const { catalog } = context;
    const subsystem = findSubsystem(catalog, context.subsystem ?? "");
    const environment = context.environment;
    if (!subsystem || !environment)
        throw new Error(`stack ${context.stack}: meridian:subsystem and meridian:environment must name a catalog subsystem (re-run meridian stacks sync)`);
    const region = catalog.regions.regions.find((candidate) => candidate.code === context.region);
    if (!region) throw new Error(`stack ${context.stack}: region ${context.region} is not in rotation in regions/regions.yaml`);

    const organization = context.stackReference(ORGANIZATION_STACK);
    const accountStack = context.stackReference(globalStackName(context.account));
    const subsystemResource = new Subsystem(subsystem.name, {
        subsystem: subsystem.name,
        environment,
        accountId: context.accountId,
        region: context.region,
        peerRegions: subsystem.regions.filter((code) => code !== context.region),
        secondaryRegion: endpointSecondaryRegion(subsystem, context.region),
        publishers: busPublishers(context, organization),
        zoneId: accountStack.requireOutput("zoneId") as pulumi.Output<string>,
        zoneName: environmentZoneName(subsystem.dnsName, environment),
        healthCheck: region.healthCheck,
        dnsTtlSeconds: region.dnsTtl,
        boundaryArn: context.accountId.apply((accountId) => boundaryPolicyArn(accountId, subsystem.name)),
        tags: { "meridian:stack": context.stack },
    });
    return {
        busArn: subsystemResource.busArn,
        endpointUrl: subsystemResource.endpointUrl,
        calculatedHealthCheckId: subsystemResource.calculatedHealthCheckId,
        recordFqdn: subsystemResource.recordFqdn,
        apiHost: subsystemResource.apiHost,
        workloadRoleArn: subsystemResource.workloadRoleArn,
    };
}

/** The principals under the account's OU may publish; an account directly under the root admits only itself. */
function busPublishers(context: StackContext, organization: ReferencedStack): pulumi.Output<BusPublishers> {
    const ou = findAccount(context.catalog, context.account)?.ou ?? ROOT_TARGET;
    if (ou === ROOT_TARGET) return context.accountId.apply((accountId) => ({ accountId }));
    return pulumi
        .all([organization.requireOutput("organizationId"), organization.requireOutput("rootId"), organization.requireOutput("organizationalUnitIds")])
        .apply(([organizationId, rootId, organizationalUnitIds]) => ({
            organizationPath: organizationPath({ organizationId, rootId, organizationalUnitIds } as OrganizationIds, ou),
        }));
}
