import { answerLine, detectionLine, endpointLine, findingLine, stackLines, stackTally, summaryRows } from "./diff-lines";
import { hasChanges, PlanDiff, StackDiff } from "./plan-diff";

/**
 * `meridian plan diff --format markdown`: a pull-request comment. The summary table comes first,
 * then the changed stacks, then the details in collapsible sections. GitHub rejects a comment
 * longer than 65,536 characters ("Body is too long (maximum is 65536 characters)", the REST API's
 * validation error for an issue comment: see danger/danger#424 and telia-oss/github-pr-resource#259),
 * so a diff that would not fit first drops property changes (keeping every resource name), then
 * whole sections, and says what it left out.
 */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Marks the comment so that the workflow updates it instead of adding another. */
export const COMMENT_MARKER = "<!-- meridian-plan-diff -->";

/** Room kept for the note that says what was left out. */
const NOTE_ROOM = 400;

const codeBlock = (lines: readonly string[]) => ["```diff", ...lines, "```"].join("\n");

function details(summary: string, body: string): string {
    return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function header(diff: PlanDiff): string {
    const rows = summaryRows(diff).filter(([, count]) => count > 0);
    return [
        COMMENT_MARKER,
        "### Meridian plan diff",
        "",
        `Base: ${diff.base.stacks} stacks, ${diff.base.resources} resources. Head: ${diff.head.stacks} stacks, ${diff.head.resources} resources.`,
        "",
        "| Change | Count |",
        "| --- | ---: |",
        ...rows.map(([label, count]) => `| ${label} | ${count} |`),
    ].join("\n");
}

function stackRow(stack: StackDiff): string {
    return `| \`${stack.stack}\` | ${stack.status} | ${stack.added.length} | ${stack.removed.length} | ${stack.replaced.length} | ${stack.updated.length} |`;
}

function stackTable(stacks: readonly StackDiff[]): string[] {
    return ["| Stack | Status | Added | Removed | Replaced | Updated |", "| --- | --- | ---: | ---: | ---: | ---: |", ...stacks.map(stackRow)];
}

/** The detail sections, most important first: new findings, failover, then each stack. */
function sections(diff: PlanDiff, properties: boolean): string[] {
    const result: string[] = [];
    const { findings, failover } = diff;
    if (findings.new.length > 0)
        result.push(details(`Policy findings: ${findings.new.length} new`, codeBlock(findings.new.map((finding) => `+ ${findingLine(finding)}`))));
    if (findings.fixed.length > 0)
        result.push(details(`Policy findings: ${findings.fixed.length} fixed`, codeBlock(findings.fixed.map((finding) => `- ${findingLine(finding)}`))));
    if ("skipped" in failover) result.push(`Failover: not compared (${failover.skipped}).`);
    else {
        const lines = [...failover.answers.map(answerLine), ...failover.endpoints.map(endpointLine), ...failover.detection.map(detectionLine)];
        if (lines.length > 0)
            result.push(details(`Failover: ${lines.length} change${lines.length === 1 ? "" : "s"}`, codeBlock(lines.map((line) => `~ ${line}`))));
    }
    for (const stack of diff.stacks)
        result.push(details(`<code>${stack.stack}</code> ${stack.status}: ${stackTally(stack)}`, codeBlock(stackLines(stack, properties))));
    return result;
}

function assemble(parts: readonly string[]): string {
    return `${parts.join("\n\n")}\n`;
}

export function renderDiffMarkdown(diff: PlanDiff, limit = GITHUB_COMMENT_LIMIT): string {
    if (!hasChanges(diff)) return assemble([COMMENT_MARKER, "### Meridian plan diff", "No changes: the head plans the same fleet as the base."]);
    const top = header(diff);
    const table = stackTable(diff.stacks);
    for (const properties of [true, false]) {
        const whole = assemble([top, table.join("\n"), ...sections(diff, properties)]);
        if (whole.length <= limit) return whole;
    }
    // Too big even with resource names only: keep sections in order while they fit, then say what is missing.
    const budget = limit - NOTE_ROOM;
    const kept: string[] = [top];
    let length = top.length;
    const fit = (part: string) => {
        if (length + part.length + 2 > budget) return false;
        kept.push(part);
        length += part.length + 2;
        return true;
    };
    let rows = table.length;
    while (rows > 2 && !fit(table.slice(0, rows).join("\n"))) rows = Math.max(2, rows - Math.ceil(table.length / 10));
    const leftOutStacks = table.length - rows;
    const all = sections(diff, false);
    const shown = all.filter(fit).length;
    const notes = [
        leftOutStacks > 0 ? `${leftOutStacks} more changed stack${leftOutStacks === 1 ? "" : "s"} not listed in the table` : "",
        shown < all.length ? `${all.length - shown} detail section${all.length - shown === 1 ? "" : "s"} left out` : "",
    ].filter(Boolean);
    kept.push(
        `_Truncated to fit GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString("en")}-character comment limit: ${notes.join("; ")}. The full diff: \`meridian plan diff BASE HEAD\`, or the workflow's plan-diff artifact._`,
    );
    return assemble(kept);
}
