import { ESCALATION_METHODS, EscalationMethod } from "./escalation-methods";

/**
 * The escalation-method table as Markdown, for the reference documentation: one row per method,
 * with its kind, the actions it needs and its upstream ids, each linked to its source.
 */
export function escalationMethodsMarkdown(methods: readonly EscalationMethod[] = ESCALATION_METHODS): string {
    const cell = (text: string) => text.replace(/\|/g, "\\|");
    const rows = methods.map((method) =>
        [
            `\`${method.id}\``,
            method.kind,
            method.actions.map((action) => `\`${action}\``).join(" + ") + (method.passedToService ? ` (to \`${method.passedToService}\`)` : ""),
            cell(method.description),
            method.upstream.map((upstream) => `[${upstream.catalog} ${upstream.id}](${upstream.source})`).join(", "),
        ].join(" | "),
    );
    return [
        `${methods.length} privilege-escalation methods.`,
        "",
        "| Method | Kind | Actions | What it does | Upstream |",
        "|---|---|---|---|---|",
        ...rows.map((row) => `| ${row} |`),
        "",
    ].join("\n");
}
