import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateFleet, shapeForStacks } from "../../bench/fleet-generator";
import { loadCatalog } from "../../stacks/catalog";
import type { Catalog } from "../../stacks/catalog-types";
import { pipelineStateAccess, sharedPipelineReads } from "../../stacks/ci-identity";
import { CatalogReads, recordingView } from "../../stacks/offline/catalog-reads";
import { listStacks } from "../../stacks/stack-list";
import { REPO_ROOT } from "../helpers/example-catalog";

/**
 * What one stack program reads from the catalog must grow with the fleet at most linearly: the
 * plan renders every stack, so a program that lists the fleet once per account makes the whole
 * plan cubic. Counted as property reads through a view of the catalog, the way the offline
 * renderer's recording view sees them (stacks/offline/catalog-reads.ts).
 */

/** The catalog behind a view that counts every property read, at any depth. */
function countingView(catalog: Catalog): { view: Catalog; reads: () => number } {
    let count = 0;
    const views = new WeakMap<object, object>();
    const wrap = (target: object): object => {
        const existing = views.get(target);
        if (existing) return existing;
        const proxy = new Proxy(target, {
            get(object, key, receiver) {
                const value: unknown = Reflect.get(object, key, receiver);
                if (typeof key === "string" && Object.prototype.hasOwnProperty.call(object, key)) count += 1;
                return value !== null && typeof value === "object" ? wrap(value) : value;
            },
        });
        views.set(target, proxy);
        return proxy;
    };
    return { view: wrap(catalog) as Catalog, reads: () => count };
}

function fleetOf(stacks: number): Catalog {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `meridian-scale-${stacks}-`));
    generateFleet(root, shapeForStacks(stacks), path.join(REPO_ROOT, "accounts", "scps"));
    const catalog = loadCatalog(root);
    fs.rmSync(root, { recursive: true, force: true });
    return catalog;
}

function readsOf(catalog: Catalog, use: (view: Catalog) => unknown): number {
    const { view, reads } = countingView(catalog);
    use(view);
    return reads();
}

describe("catalog reads at fleet scale", () => {
    const small = fleetOf(40);
    const large = fleetOf(400);

    it("generates fleets ten times apart", () => {
        assert.equal(listStacks(small).length, 40);
        assert.equal(listStacks(large).length, 400);
    });

    it("lists the fleet once for the organization stack's shared pipeline reads: linear in the fleet, not quadratic", () => {
        const ratio = readsOf(large, sharedPipelineReads) / readsOf(small, sharedPipelineReads);
        assert.ok(ratio < 15, `10x the stacks cost ${ratio.toFixed(1)}x the reads`);
        assert.deepEqual(sharedPipelineReads(large), ["organization"]);
    });

    it("reads only the subsystems for one account's pipeline, never the account list, so a new account does not reach its stack", () => {
        const reads: CatalogReads = {};
        const access = pipelineStateAccess(recordingView(large, reads), "sub0-prod");
        const paths = Object.keys(reads).map((read) => read.slice(read.indexOf(" ") + 1));
        assert.deepEqual(
            paths.filter((read) => read.startsWith('["organization"')),
            [],
            "the organisation's accounts are not read",
        );
        const listed = listStacks(large).filter((spec) => spec.account === "sub0-prod" && spec.kind === "subsystem");
        assert.equal(listed.length, 3);
        assert.deepEqual(
            access.writes,
            listed.map((spec) => spec.name),
        );
        assert.deepEqual(access.reads, ["organization", "sub0-prod.global"]);
    });
});
