import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PLAN_DIFF_WORKFLOW_FILE, planDiffWorkflow } from "../../stacks/plan-diff/diff-workflow";
import { COMMENT_MARKER } from "../../stacks/plan-diff/render-markdown";
import { copyExampleCatalog, REPO_ROOT } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    "working-directory"?: string;
    with?: Record<string, unknown>;
}
interface Workflow {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Step[] }>;
}

describe("meridian plan diff-workflow", () => {
    const workflow = parse(planDiffWorkflow()) as Workflow;
    const steps = workflow.jobs["plan-diff"].steps;

    it("the committed workflow is what the generator writes", () => {
        assert.equal(fs.readFileSync(path.join(REPO_ROOT, PLAN_DIFF_WORKFLOW_FILE), "utf8"), planDiffWorkflow());
    });

    it("runs on pull requests with no cloud credentials: no id-token, no credentials step", () => {
        assert.deepEqual(Object.keys(workflow.on), ["pull_request"]);
        assert.deepEqual(workflow.permissions, { contents: "read", "pull-requests": "write" });
        assert.ok(!steps.some((step) => step.uses?.startsWith("aws-actions/")));
    });

    it("plans the base with the base's code and the head with the head's, then diffs them with the head's", () => {
        const base = steps.find((step) => step.uses === "actions/checkout@v4" && step.with?.path === "base")!;
        assert.equal(base.with?.ref, "${{ github.event.pull_request.base.sha }}");
        const plans = steps.filter((step) => step.run?.includes("meridian plan --out"));
        assert.deepEqual(
            plans.map((step) => [step["working-directory"], step.run]),
            [
                ["base", "npx meridian plan --out ../plans/base --quiet || [ $? -eq 1 ]"],
                ["head", "npx meridian plan --out ../plans/head --quiet || [ $? -eq 1 ]"],
            ],
        );
        const diff = steps.find((step) => step.run?.includes("meridian plan diff"))!;
        assert.equal(diff["working-directory"], "head");
        assert.match(diff.run!, /plan diff \.\.\/plans\/base\/plan\.json \.\.\/plans\/head\/plan\.json --format markdown > \.\.\/plans\/diff\.md/);
    });

    it("updates its own earlier comment, found by the marker the markdown starts with, or posts one", () => {
        const script = String(steps.find((step) => step.uses === "actions/github-script@v7")!.with?.script);
        assert.ok(script.includes(JSON.stringify(COMMENT_MARKER)));
        assert.match(script, /updateComment\(/);
        assert.match(script, /createComment\(/);
        assert.match(script, /readFileSync\("plans\/diff\.md"/);
    });

    it("--check reports a missing or stale file (exit 1) and writes nothing; without it, writes the file", async () => {
        const root = copyExampleCatalog("meridian-diff-workflow-");
        const file = path.join(root, PLAN_DIFF_WORKFLOW_FILE);
        const missing = await runMeridianInProcess(["plan", "diff-workflow", "--root", root, "--check", "--format", "json"]);
        assert.equal(missing.status, 1);
        assert.equal(JSON.parse(missing.stdout).state, "missing");
        assert.ok(!fs.existsSync(file));
        const written = await runMeridianInProcess(["plan", "diff-workflow", "--root", root]);
        assert.equal(written.status, 0, written.stderr);
        assert.equal(fs.readFileSync(file, "utf8"), planDiffWorkflow());
        const inSync = await runMeridianInProcess(["plan", "diff-workflow", "--root", root, "--check"]);
        assert.equal(inSync.status, 0);
    });
});
