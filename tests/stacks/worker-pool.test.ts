import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { loadCatalog } from "../../stacks/catalog";
import { renderWorkerScript, workerPool } from "../../stacks/offline/worker-pool";
import type { RenderJob } from "../../stacks/offline/render-result";
import { PULUMI_PROJECT } from "../../lib/contracts/naming";
import { stackConfig } from "../../stacks/stack-config";
import { listStacks } from "../../stacks/stack-list";
import { REPO_ROOT } from "../helpers/example-catalog";

describe("render workers", () => {
    it("replace a worker whose heap has grown past the limit, and the next stack renders on a fresh one", async () => {
        const catalog = loadCatalog(REPO_ROOT);
        const job = (name: string, dependencyOutputs: RenderJob["dependencyOutputs"]): RenderJob => {
            const spec = listStacks(catalog).find((candidate) => candidate.name === name)!;
            const config = stackConfig(catalog, spec);
            return {
                spec,
                project: PULUMI_PROJECT,
                config,
                accountId: spec.accountId!,
                managementAccountId: catalog.organization.managementAccount.id,
                partition: "aws",
                dependencyOutputs,
            };
        };
        // A limit every heap exceeds: each stack leaves its worker to be replaced.
        const pool = workerPool(catalog, 1, await renderWorkerScript(), { startAll: true, recycleHeapMB: 0 });
        const organization = await pool.render(job("organization", {}));
        const audit = await pool.render(job("audit.global", { organization: organization.stack.outputs }));
        const [report] = await pool.close();
        assert.deepEqual([report.stacks, report.replaced], [2, 2]);
        assert.equal(audit.stack.name, "audit.global");
        assert.ok(audit.stack.resources.length > 0);
    });
});

describe("start-up", () => {
    it("meridian catalog validate loads neither @pulumi/pulumi nor @pulumi/aws", async () => {
        const builder = require("../../bin/build") as { isStale(): boolean; build(): Promise<void> };
        if (builder.isStale()) await builder.build();
        const probe = [
            `require(${JSON.stringify(path.join(REPO_ROOT, ".build", "meridian.js"))})`,
            `.main(["node", "meridian", "catalog", "validate", "--root", ${JSON.stringify(REPO_ROOT)}])`,
            `.then(() => process.stderr.write(JSON.stringify(Object.keys(require.cache).filter((file) => file.includes("@pulumi")))))`,
        ].join("");
        const result = spawnSync(process.execPath, ["-e", probe], { encoding: "utf8" });
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /^catalog is valid/);
        assert.deepEqual(JSON.parse(result.stderr), []);
    });
});
