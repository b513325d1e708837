import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { PLAN_SCHEMA_VERSION, type PlanDocument } from "../../stacks/plan-document";
import type { RegionCatalog } from "../region-schema";

/**
 * What the failover commands start from: a plan (read from `--plan FILE`, or made by planning the
 * catalog under `--root DIR`) and the region catalog. The catalog is always read from the tree,
 * `--root` or else the plan's own root, because it holds what the plan does not: the client
 * locations, the failover target and the DNS TTL that alias records inherit.
 */

export interface PlanSource {
    plan?: string;
    root?: string;
}

export interface FailoverInput {
    plan: PlanDocument;
    regions: RegionCatalog;
}

export function readPlanFile(file: string): PlanDocument {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw InputError.single(
            file,
            "",
            `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); pass a plan.json written by \`meridian plan\``,
        );
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        throw InputError.single(file, "", `is not JSON (${(error as Error).message})`);
    }
    const document = value as Partial<PlanDocument> | null;
    if (!document || typeof document !== "object" || document.schemaVersion !== PLAN_SCHEMA_VERSION) {
        throw InputError.single(
            file,
            "schemaVersion",
            `must be ${PLAN_SCHEMA_VERSION} (a plan.json written by \`meridian plan\`); got ${JSON.stringify(document?.schemaVersion)}`,
        );
    }
    if (!Array.isArray(document.stacks) || typeof document.root !== "string") {
        throw InputError.single(file, document.root === undefined ? "root" : "stacks", "is missing; the file is not a complete plan.json");
    }
    return document as PlanDocument;
}

export async function loadFailoverInput(source: PlanSource): Promise<FailoverInput> {
    if (source.plan && source.root === undefined) {
        const plan = readPlanFile(source.plan);
        const root = fs.existsSync(plan.root) ? plan.root : undefined;
        if (!root) {
            throw InputError.single(
                source.plan,
                "root",
                `${JSON.stringify(plan.root)} does not exist here; pass --root DIR, the tree holding regions/regions.yaml`,
            );
        }
        const { loadCatalog } = await import("../../stacks/catalog");
        return { plan, regions: loadCatalog(root).regions };
    }
    const root = path.resolve(source.root ?? ".");
    const { loadCatalog } = await import("../../stacks/catalog");
    const catalog = loadCatalog(root);
    if (source.plan) return { plan: readPlanFile(source.plan), regions: catalog.regions };
    const { planCatalog } = await import("../../stacks/plan");
    return { plan: await planCatalog(catalog, {}), regions: catalog.regions };
}

/**
 * `--down` values: each is one scenario, a comma-separated list of regions in rotation
 * (`--down us-east-1,eu-west-1` takes both down at once).
 */
export function parseScenarios(values: readonly string[] | undefined, regions: RegionCatalog): string[][] | undefined {
    if (!values || values.length === 0) return undefined;
    const known = regions.regions.map((r) => r.code);
    const problems = values.flatMap((value, index) =>
        value
            .split(",")
            .map((code) => code.trim())
            .filter((code) => !known.includes(code))
            .map((code) => ({
                file: "command line",
                path: `--down[${index}]`,
                message: `${JSON.stringify(code)} is not a region in rotation (regions/regions.yaml lists ${known.join(", ")})`,
            })),
    );
    if (problems.length > 0) throw new InputError(problems);
    return values.map((value) => [...new Set(value.split(",").map((code) => code.trim()))]);
}
