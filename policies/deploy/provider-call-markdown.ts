import { resourceTypeRecord } from "../iam/action-catalog";
import type { ProviderCall, ResourceTypeCalls } from "./provider-call-kit";
import { PROVIDER_CALLS } from "./provider-call-table";
import { requiredResourceTypes } from "./resource-arns";

function cell(value: string): string {
    return value.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function arnFormats(entry: ResourceTypeCalls, call: ProviderCall): string {
    if (call.passesRole) return `the role in \`${call.passesRole.roleArn}\``;
    const types = call.resourceTypes ?? requiredResourceTypes(call.action);
    if (!types.length) return "`*`";
    const service = call.action.split(":")[0].toLowerCase();
    return types
        .map((alternatives) =>
            alternatives
                .split("|")
                .map((type) => {
                    const whole = entry.arns?.[type];
                    if (whole) return `\`${whole}\``;
                    const format = (resourceTypeRecord(service, type) ?? resourceTypeRecord(service, type.toLowerCase()))?.arn ?? type;
                    return format
                        .split(/,\s*/)
                        .map((alternative) => `\`${alternative}\``)
                        .join(" or ");
                })
                .join(" or "),
        )
        .join(" and ");
}

function requestContext(entry: ResourceTypeCalls, call: ProviderCall): string {
    const parts: string[] = [];
    if (call.creates) parts.push("creates the resource");
    if (call.sendsTags) parts.push("request tags");
    if (call.passesRole) parts.push(`iam:PassedToService = ${call.passesRole.toService}`);
    if (entry.permissionsBoundary) parts.push("iam:PermissionsBoundary");
    if (call.when) parts.push(`when \`${call.when.input}\`${call.when.equals === undefined ? " is set" : ` = ${String(call.when.equals)}`}`);
    return parts.join("; ");
}

function variables(entry: ResourceTypeCalls): string {
    const bound = [...Object.entries(entry.arnVariables), ...Object.entries(entry.arns ?? {})].map(([name, field]) => `\`${name}\` ← \`${field}\``);
    return bound.length ? bound.join(", ") : "none";
}

function section(entry: ResourceTypeCalls): string {
    const rows = entry.calls.map((call) =>
        [call.phases.join(", "), `\`${call.action}\``, arnFormats(entry, call), requestContext(entry, call), call.source].map(cell).join(" | "),
    );
    return [
        `### \`${entry.type}\``,
        "",
        `ARN variables: ${variables(entry)}. Tags: ${entry.tags ? `\`${entry.tags}\` with the provider's default tags` : "none"}. Sources: ${entry.sources.join("; ")}.`,
        "",
        "| phases | action | authorised against | request context | source |",
        "|---|---|---|---|---|",
        ...rows.map((row) => `| ${row} |`),
    ].join("\n");
}

/**
 * The provider-call table as a reference page: per resource type, each call the Pulumi AWS
 * provider makes, the ARN format it is authorised against (from the service authorization
 * reference), the request context that matters, and the row's source. Pure: the docs generator
 * writes it to the generated reference.
 */
export function providerCallTableMarkdown(): string {
    return [
        "# Provider calls",
        "",
        "What the Pulumi AWS provider calls to create, read, update and delete each resource type the stack programs create, as `meridian plan` checks it against each stack's deploying principal (docs/design/deployability.md). ARN formats come from the AWS service authorization reference; a `generated.` field is `*` in the call that creates the resource.",
        "",
        ...PROVIDER_CALLS.flatMap((entry) => [section(entry), ""]),
    ].join("\n");
}
