import { sampleStateKeys } from "../../../lib/contracts/state-layout";
import { IamGlobIndex } from "../../../lib/iam-glob";
import { statementActions } from "../../iam/permissions";
import type { PolicyStatement } from "../../iam/policy-document";
import { stackRoles } from "../../iam/stack-roles";
import { parseUrn, type NormalisedStack } from "../../normalised-stack";
import { FleetRule, stateOf } from "../fleet-kit";

/** Object-level S3 actions (Service Authorization Reference names): those that act on a checkpoint, a lock or a history entry. */
function objectActions(statement: PolicyStatement): { writes: string[]; reads: string[] } {
    const names = statementActions(statement)
        .filter((action) => action.key.startsWith("s3:") && /object|multipartupload/i.test(action.key))
        .map((action) => action.name);
    return { writes: names.filter((name) => !/^s3:(Get|List)/.test(name)), reads: names.filter((name) => /^s3:Get/.test(name)) };
}

/** Every stack's sample state objects in the bucket, by ARN, for asking which stacks a pattern reaches. */
function stateObjectIndex(bucket: string, project: string, stacks: readonly string[]): IamGlobIndex<string> {
    return new IamGlobIndex(stacks.flatMap((stack) => sampleStateKeys(project, stack).map((key) => [`arn:aws:s3:::${bucket}/${key}`, stack] as const)));
}

/** Which of the fleet's stacks (in the fleet's order) a statement's resources reach in the state bucket (`NotResource` reaches everything). */
function reachedStacks(statement: PolicyStatement, objects: IamGlobIndex<string>, stacks: readonly string[]): string[] {
    const patterns = statement.notResources ? ["*"] : (statement.resources ?? []);
    const reached = new Set(patterns.flatMap((pattern) => objects.matching(pattern)));
    return stacks.filter((stack) => reached.has(stack));
}

function projectOf(stacks: readonly NormalisedStack[]): string {
    const urn = stacks.flatMap((stack) => stack.resources)[0]?.urn;
    return urn ? parseUrn(urn).project : "";
}

export const fleetStateAccessOwnStacks: FleetRule = {
    name: "fleet-state-access-own-stacks",
    description:
        "No role outside the management account reaches another account's Pulumi state: it may write (put, delete) only the state objects of its own account's stacks, and read only those and the checkpoints of the stacks they reference.",
    remediationSteps:
        "Grant state access per stack, as the pipeline role's policy does (components/policy-documents/state.ts): object ARNs under .pulumi/stacks|history|backups|locks for the stacks the role deploys, and GetObject on the checkpoints of the stacks they reference; never the whole bucket.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateFleet: (stacks, _config, report) => {
        const bucket = stacks.find((stack) => stack.context?.stateBucket)?.context?.stateBucket;
        if (!bucket) return { notApplicable: "the plan names no state bucket" };
        const management = stacks.find((stack) => stack.facts?.kind === "organization")?.facts?.account;
        const members = stacks.filter((stack) => stack.facts?.account && stack.facts.account !== management);
        if (members.length === 0) return { notApplicable: "the fleet has no stack outside the management account" };
        const project = projectOf(stacks);
        const names = stacks.map((stack) => stack.name);
        const objects = stateObjectIndex(bucket, project, names);
        for (const stack of members) {
            const account = stack.facts!.account!;
            const own = stacks.filter((candidate) => candidate.facts?.account === account);
            const readable = new Set([...own.map((candidate) => candidate.name), ...own.flatMap((candidate) => candidate.facts?.dependsOn ?? [])]);
            const views = stack.resources.map((resource) => ({ type: resource.type, urn: resource.urn, name: resource.name, props: stateOf(resource) }));
            for (const role of stackRoles(views, stack.context?.knownPolicyDocuments)) {
                const roleName = String(views.find((view) => view.urn === role.urn)?.props.name ?? role.name);
                for (const { label, document } of role.identity) {
                    for (const statement of document.statements.filter((candidate) => candidate.effect === "Allow")) {
                        const { writes, reads } = objectActions(statement);
                        const reached = writes.length || reads.length ? reachedStacks(statement, objects, names) : [];
                        const written = writes.length ? reached.filter((name) => !own.some((candidate) => candidate.name === name)) : [];
                        const read = reads.length ? reached.filter((name) => !readable.has(name)) : [];
                        if (written.length)
                            report(
                                `role ${roleName} (account ${account}) may ${writes.join(", ")} the state of ${written.join(", ")}, stacks of other accounts (${label})`,
                                stack.name,
                                role.urn,
                            );
                        if (read.length)
                            report(
                                `role ${roleName} (account ${account}) may read the state of ${read.join(", ")}, which its account's stacks do not reference (${label})`,
                                stack.name,
                                role.urn,
                            );
                    }
                }
            }
        }
    },
};
