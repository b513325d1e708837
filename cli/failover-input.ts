import * as fs from "fs";
import * as path from "path";
import { InputError } from "../lib/input-error";
import type { PlanDocument } from "../lib/contracts/plan-document";
import { readPlanFile } from "../lib/plan-file";
import type { RegionCatalog } from "../regions/region-schema";

/**
 * What the failover commands start from: a plan (read from `--plan FILE`, or made here by planning
 * the catalog under `--root DIR`; regions/ never runs the planner) and the region catalog. The
 * catalog is always read from the tree, `--root` or else the plan's own root, because it holds
 * what the plan does not: the client locations and the failover target.
 */

export interface PlanSource {
    plan?: string;
    root?: string;
}

export interface FailoverInput {
    plan: PlanDocument;
    regions: RegionCatalog;
}

export async function loadFailoverInput(source: PlanSource): Promise<FailoverInput> {
    const { loadCatalog } = await import("../stacks/catalog");
    if (source.plan && source.root === undefined) {
        const plan = readPlanFile(source.plan);
        if (!fs.existsSync(plan.root)) {
            throw InputError.single(
                source.plan,
                "root",
                `${JSON.stringify(plan.root)} does not exist here; pass --root DIR, the tree holding regions/regions.yaml`,
            );
        }
        return { plan, regions: loadCatalog(plan.root).regions };
    }
    const catalog = loadCatalog(path.resolve(source.root ?? "."));
    if (source.plan) return { plan: readPlanFile(source.plan), regions: catalog.regions };
    const { planCatalog } = await import("../stacks/plan");
    return { plan: await planCatalog(catalog, {}), regions: catalog.regions };
}
