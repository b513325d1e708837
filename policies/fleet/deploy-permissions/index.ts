import type { FleetRule } from "../fleet-kit";

/**
 * Reports what the planner's deployability check found (policies/deploy/deployability.ts): each
 * provider call that a stack's deploying principal would be refused, and each call it could not
 * check. Stacks with no deployability record (a preview or an export, which carry no plan of the
 * fleet's roles and SCPs) are not judged.
 */
export const deployPermissions: FleetRule = {
    name: "deploy-permissions",
    description:
        "Every stack's deploying principal (the last role of its provider's assume-role chain) may make every call the provider makes to create, read, update and delete its resources: its identity policies allow it, no explicit Deny, its permissions boundary and every SCP on its account's path allow it.",
    remediationSteps:
        "Grant the action on the named ARN to the principal, with the request context the call carries (request tags, iam:PermissionsBoundary, iam:PassedToService), or remove the Deny that refuses it. A call marked unchecked needs a row in policies/deploy/provider-calls/.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateFleet: (stacks, _config, report) => {
        const checked = stacks.filter((stack) => stack.deployability);
        if (!checked.length) return { notApplicable: "no stack carries a deployability record (a preview or an export, not a meridian plan)" };
        for (const stack of checked) {
            const record = stack.deployability!;
            for (const call of record.denied) {
                const why = call.deniedBy ? call.reason : `nothing allows it (${call.reason})`;
                report(`${call.principal} may not ${call.action} on ${call.resource} (${call.phase}): ${why}`, stack.name, call.urn);
            }
            for (const entry of record.unmodelled) report(`unchecked: ${entry}; the provider-call table has no way to check it`, stack.name);
        }
    },
};
