import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import * as ciCommand from "../../cli/commands/ci";
import { loadCatalog } from "../../stacks/catalog";
import { githubWorkflow, MANAGEMENT_ENVIRONMENT, WORKFLOW_FILE } from "../../stacks/deploy/github-workflow";
import { listStacks } from "../../stacks/stack-list";
import type { StackSpec } from "../../lib/contracts/stack-spec";
import { copyExampleCatalog } from "../helpers/example-catalog";
import { runCommand } from "../helpers/cli";

const ROOT = path.resolve(__dirname, "../..");
const PULUMI_VERSION = (require("@pulumi/pulumi/package.json") as { version: string }).version;

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
}
interface Job {
    needs?: string[];
    environment?: string;
    strategy?: { "fail-fast": boolean; matrix: { include: Array<Record<string, string>> } };
    steps: Step[];
}
interface Workflow {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, Job>;
}

function generate(stacks?: StackSpec[], matrixLimit?: number) {
    const catalog = loadCatalog(ROOT);
    return githubWorkflow(catalog, stacks ?? listStacks(catalog), { pulumiVersion: PULUMI_VERSION, matrixLimit });
}

describe("meridian ci github", () => {
    it("the committed workflow is what the catalog generates", () => {
        assert.equal(fs.readFileSync(path.join(ROOT, WORKFLOW_FILE), "utf8"), generate().text);
    });

    it("has one job per wave, each needing the one before, with a matrix of exactly that wave's stacks", () => {
        const catalog = loadCatalog(ROOT);
        const stacks = listStacks(catalog);
        const workflow = parse(generate().text) as Workflow;
        assert.deepEqual(Object.keys(workflow.jobs), ["check", "wave-0", "wave-1", "wave-2"]);
        assert.deepEqual(workflow.jobs["wave-0"].needs, ["check"]);
        assert.deepEqual(workflow.jobs["wave-1"].needs, ["wave-0"]);
        assert.deepEqual(workflow.jobs["wave-2"].needs, ["wave-1"]);
        for (const wave of [0, 1, 2]) {
            const expected = stacks.filter((spec) => spec.wave === wave && spec.accountId !== undefined).map((spec) => spec.name);
            assert.deepEqual(
                workflow.jobs[`wave-${wave}`].strategy!.matrix.include.map((entry) => entry.stack),
                expected,
            );
            assert.equal(workflow.jobs[`wave-${wave}`].strategy!["fail-fast"], false);
        }
    });

    it("leaves out the stacks of an account with no id yet, and says so", () => {
        const { text, pending } = generate();
        assert.deepEqual(pending, ["payments-staging.global", "payments-staging.eu-west-1", "payments-staging.us-east-1"]);
        assert.ok(!/stack: payments-staging/.test(text));
        assert.match(text, /# Not yet included \(account has no id\): payments-staging\.global, payments-staging\.eu-west-1, payments-staging\.us-east-1\./);
    });

    it("assumes each regional stack's account pipeline role, and the management pipeline role for waves 0 and 1, through OIDC", () => {
        const workflow = parse(generate().text) as Workflow;
        const entry = (wave: number, stack: string) => workflow.jobs[`wave-${wave}`].strategy!.matrix.include.find((candidate) => candidate.stack === stack);
        assert.deepEqual(entry(2, "orders-prod.eu-west-1"), {
            stack: "orders-prod.eu-west-1",
            "account-id": "555555555555",
            role: "orders-pipeline",
            region: "eu-west-1",
            environment: "prod",
        });
        assert.deepEqual(entry(2, "payments-prod.us-east-1"), {
            stack: "payments-prod.us-east-1",
            "account-id": "666666666666",
            role: "payments-pipeline",
            region: "us-east-1",
            environment: "prod",
        });
        assert.deepEqual(entry(0, "organization"), {
            stack: "organization",
            "account-id": "111111111111",
            role: "management-pipeline",
            region: "us-east-1",
            environment: MANAGEMENT_ENVIRONMENT,
        });
        assert.deepEqual(entry(1, "orders-staging.global"), {
            stack: "orders-staging.global",
            "account-id": "111111111111",
            role: "management-pipeline",
            region: "us-east-1",
            environment: MANAGEMENT_ENVIRONMENT,
        });

        assert.equal(workflow.permissions["id-token"], "write");
        const credentials = workflow.jobs["wave-2"].steps.find((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials@"))!;
        assert.equal(credentials.with!["role-to-assume"], "arn:aws:iam::${{ matrix.account-id }}:role/${{ matrix.role }}");
        assert.equal(credentials.with!["aws-region"], "${{ matrix.region }}");
        assert.equal(workflow.jobs["wave-2"].environment, "${{ matrix.environment }}");
    });

    it("previews with the policy pack on pull requests, deploys with it on main, and runs plan + policy check first", () => {
        const workflow = parse(generate().text) as Workflow;
        assert.deepEqual(Object.keys(workflow.on), ["pull_request", "push"]);
        for (const wave of ["wave-0", "wave-1", "wave-2"]) {
            const steps = workflow.jobs[wave].steps;
            const preview = steps.find((step) => step.run?.startsWith("pulumi preview"))!;
            const up = steps.find((step) => step.run?.startsWith("pulumi up"))!;
            assert.equal(preview.if, "github.event_name == 'pull_request'");
            assert.match(preview.run!, /--stack "\$\{\{ matrix\.stack \}\}" --policy-pack policies/);
            assert.equal(up.if, "github.event_name == 'push' && github.ref == 'refs/heads/main'");
            assert.match(up.run!, /^pulumi up --stack "\$\{\{ matrix\.stack \}\}" --policy-pack policies --yes/);
            assert.equal(steps.find((step) => step.uses?.startsWith("pulumi/actions@"))!.with!["pulumi-version"], PULUMI_VERSION);
        }
        const checkRuns = workflow.jobs.check.steps.map((step) => step.run).filter(Boolean);
        assert.ok(checkRuns.indexOf("npx meridian plan --out plan-out") < checkRuns.indexOf("npx meridian policy check plan-out/plan.json"));
        assert.ok(checkRuns.includes("npx meridian policy check plan-out/plan.json"));
    });

    it("splits a wave that outgrows one matrix into several jobs, and the next wave needs them all", () => {
        const catalog = loadCatalog(ROOT);
        const stacks = listStacks(catalog);
        const workflow = parse(generate(stacks, 3).text) as Workflow;
        // Wave 1 has 6 runnable stacks, wave 2 has 8: at 3 per matrix, 2 and 3 jobs.
        assert.deepEqual(Object.keys(workflow.jobs), ["check", "wave-0", "wave-1-part-1", "wave-1-part-2", "wave-2-part-1", "wave-2-part-2", "wave-2-part-3"]);
        assert.deepEqual(workflow.jobs["wave-2-part-1"].needs, ["wave-1-part-1", "wave-1-part-2"]);
        const wave2 = ["wave-2-part-1", "wave-2-part-2", "wave-2-part-3"].flatMap((job) =>
            workflow.jobs[job].strategy!.matrix.include.map((entry) => entry.stack),
        );
        assert.deepEqual(
            wave2,
            stacks.filter((spec) => spec.wave === 2 && spec.accountId).map((spec) => spec.name),
        );
    });

    it("--check exits 1 on a stale workflow and writes nothing; a plain run writes it, then --check exits 0", async () => {
        const root = copyExampleCatalog();
        const file = path.join(root, WORKFLOW_FILE);
        const missing = await runCommand(ciCommand, ["ci", "github", "--root", root, "--check"]);
        assert.equal(missing.status, 1);
        assert.match(missing.stdout, /meridian\.yml is missing: run `meridian ci github` and commit it\n$/);
        assert.equal(fs.existsSync(file), false);

        const written = await runCommand(ciCommand, ["ci", "github", "--root", root]);
        assert.equal(written.status, 0);
        assert.equal(fs.readFileSync(file, "utf8"), generate().text);

        fs.appendFileSync(file, "# hand edit\n");
        const stale = await runCommand(ciCommand, ["ci", "github", "--root", root, "--check"]);
        assert.equal(stale.status, 1);
        assert.match(stale.stdout, /is out of date/);
        assert.match(fs.readFileSync(file, "utf8"), /# hand edit\n$/);

        const staleJson = await runCommand(ciCommand, ["ci", "github", "--root", root, "--check", "--format", "json"]);
        assert.equal(staleJson.status, 1);
        assert.deepEqual(JSON.parse(staleJson.stdout), {
            file,
            state: "out-of-date",
            pending: ["payments-staging.global", "payments-staging.eu-west-1", "payments-staging.us-east-1"],
        });
    });

    it("exits 2 on a bad catalog and writes nothing", async () => {
        const root = copyExampleCatalog();
        const catalogFile = path.join(root, "stacks/subsystems.yaml");
        fs.writeFileSync(catalogFile, fs.readFileSync(catalogFile, "utf8").replace("repository: meridian-example/platform", "repository: not a repo"));
        const run = await runCommand(ciCommand, ["ci", "github", "--root", root]);
        assert.equal(run.status, 2);
        assert.equal(run.stderr, 'error: stacks/subsystems.yaml:7: pipeline.repository: "not a repo" is not a GitHub repository of the form owner/name\n');
        assert.equal(fs.existsSync(path.join(root, ".github")), false);
    });
});
