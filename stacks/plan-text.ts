import type { PlanDocument, PlannedStack } from "../lib/contracts/plan-document";
import type { RenderedStack } from "./policy-context";

/**
 * plan.json's text, exactly `JSON.stringify(plan, null, 2)`, assembled from each stack's text as it
 * was serialised where it rendered (a worker thread) or as the render cache kept it, so that the
 * main thread does not serialise the whole fleet again. A planned stack is never changed after
 * planning: code that needs a different stack makes a new object, which is serialised afresh.
 */

/** A stack in plan.json sits inside the document and the stacks array. */
const STACK_DEPTH = 2;
const STACK_INDENT = "    ";

/**
 * `value` as JSON.stringify(…, null, 2) writes it `depth` levels deep: every line after the first
 * indented by two spaces per level. Made by nesting it in arrays and cutting them off again, which
 * is much cheaper than re-indenting a large text.
 */
function nestedJson(value: unknown, depth: number): string {
    // Each level adds `[` + newline before and newline + `]` after, indented two spaces per level above it.
    const brackets = depth * (depth + 1);
    return JSON.stringify(nestInArrays(value, depth), null, 2).slice(brackets + 2 * depth, -brackets);
}

function nestInArrays(value: unknown, depth: number): unknown {
    return depth === 0 ? value : [nestInArrays(value, depth - 1)];
}

/** A rendered stack's JSON as plan.json lists it, before its policy context is known. */
export function renderedStackText(stack: RenderedStack): string {
    return nestedJson(stack, STACK_DEPTH);
}

const renderedTexts = new WeakMap<PlannedStack, string | (() => string)>();

/**
 * Remembers the rendered text a planned stack was made from, or where to read it when the plan is
 * written (a large fleet's texts need not stay in memory until then); its policy context is added then.
 */
export function rememberRenderedText(stack: PlannedStack, renderedText: string | (() => string)): void {
    renderedTexts.set(stack, renderedText);
}

/**
 * A policy context as nestedJson writes it `depth` levels deep, each object or array in it written
 * once per plan (`written`, by identity): the stacks of one account share their context's policy
 * documents and every stack shares the organisation's account list, so writing every context in
 * full cost the number of stacks times the number of accounts.
 */
function contextText(context: object, depth: number, written: Map<object, string>): string {
    const fields = Object.entries(context).filter(([, value]) => value !== undefined);
    if (fields.length === 0) return "{}";
    const indent = "  ".repeat(depth + 1);
    const lines = fields.map(([key, value]) => {
        let text = value !== null && typeof value === "object" ? written.get(value as object) : undefined;
        if (text === undefined) {
            text = nestedJson(value, depth + 1);
            if (value !== null && typeof value === "object") written.set(value as object, text);
        }
        return `${indent}${JSON.stringify(key)}: ${text}`;
    });
    return `{\n${lines.join(",\n")}\n${"  ".repeat(depth)}}`;
}

function stackText(stack: PlannedStack, written: Map<object, string>): string {
    const remembered = renderedTexts.get(stack);
    const rendered = typeof remembered === "function" ? remembered() : remembered;
    if (rendered === undefined) return nestedJson(stack, STACK_DEPTH);
    // The planned stack is the rendered one with `policyContext` and then `deployability` added as its last keys.
    const close = `\n${STACK_INDENT}}`;
    const context = contextText(stack.policyContext, STACK_DEPTH + 1, written);
    const record = stack.deployability === undefined ? "" : `,\n${STACK_INDENT}  "deployability": ${nestedJson(stack.deployability, STACK_DEPTH + 1)}`;
    return `${rendered.slice(0, -close.length)},\n${STACK_INDENT}  "policyContext": ${context}${record}${close}`;
}

/** plan.json in pieces, one per stack, so that a large plan is written without ever being one string. */
export function* planJsonChunks(plan: PlanDocument): Generator<string> {
    const skeleton = JSON.stringify({ ...plan, stacks: [] }, null, 2);
    if (plan.stacks.length === 0) return yield `${skeleton}\n`;
    const at = skeleton.indexOf('"stacks": []');
    yield `${skeleton.slice(0, at)}"stacks": [\n${STACK_INDENT}`;
    const written = new Map<object, string>();
    for (const [index, stack] of plan.stacks.entries()) yield `${index > 0 ? `,\n${STACK_INDENT}` : ""}${stackText(stack, written)}`;
    yield `\n  ]${skeleton.slice(at + '"stacks": []'.length)}\n`;
}

export function planJson(plan: PlanDocument): string {
    return [...planJsonChunks(plan)].join("");
}
