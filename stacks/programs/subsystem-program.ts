import * as pulumi from "@pulumi/pulumi";
import { Subsystem } from "../../components/subsystem";
import { boundaryPolicyArn, environmentZoneName } from "../../lib/contracts/naming";
import { findSubsystem } from "../catalog";
import type { StackContext, StackOutputs } from "../program-context";
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
        organizationId: organization.requireOutput("organizationId") as pulumi.Output<string>,
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
