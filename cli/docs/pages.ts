import type { Command } from "commander";
import * as fs from "fs";
import * as path from "path";
import { catalogReferencePage } from "./catalog-reference";
import { cliReferencePage } from "./cli-reference";
import { escalationReferencePage } from "./escalation-reference";
import { type GeneratedPage, pageText } from "./generated-page";
import { planReferencePage } from "./plan-reference";
import { rulesReferencePage } from "./rules-reference";

/** Every generated reference page; the CLI page documents `program`, the whole `meridian` command. */
export function generatedPages(program: Command): GeneratedPage[] {
    return [cliReferencePage(program), catalogReferencePage, planReferencePage, rulesReferencePage, escalationReferencePage];
}

export interface PageStatus {
    path: string;
    state: "ok" | "stale" | "missing";
}

export function pageStatuses(root: string, pages: readonly GeneratedPage[]): PageStatus[] {
    return pages.map((page) => {
        const file = path.join(root, page.path);
        if (!fs.existsSync(file)) return { path: page.path, state: "missing" };
        return { path: page.path, state: fs.readFileSync(file, "utf8") === pageText(page) ? "ok" : "stale" };
    });
}

/** Writes the pages that differ; returns their paths. */
export function writePages(root: string, pages: readonly GeneratedPage[]): string[] {
    const changed = pageStatuses(root, pages).filter((status) => status.state !== "ok");
    for (const status of changed) {
        const page = pages.find((candidate) => candidate.path === status.path)!;
        fs.mkdirSync(path.dirname(path.join(root, page.path)), { recursive: true });
        fs.writeFileSync(path.join(root, page.path), pageText(page));
    }
    return changed.map((status) => status.path);
}
