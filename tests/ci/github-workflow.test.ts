import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import * as ciCommand from "../../cli/commands/ci";
import { PIPELINE_SESSION_SECONDS } from "../../components/policy-documents/deployment";
import { MANAGEMENT_GITHUB_ENVIRONMENT, githubEnvironmentName } from "../../lib/contracts/naming";
import { loadCatalog } from "../../stacks/catalog";
import { JOB_TIMEOUT_MINUTES, PREVIEW_JOB_TIMEOUT_MINUTES, SARIF_FILE, WORKFLOW_FILE, githubWorkflow } from "../../stacks/deploy/github-workflow";
import { PEER_BUS_RETRY_REASON } from "../../stacks/deploy/peer-retry";
import { PINNED_ACTIONS } from "../../stacks/deploy/pinned-actions";
import { secretsProvider } from "../../stacks/stack-config";
import { listStacks } from "../../stacks/stack-list";
import { copyExampleCatalog, editFile, exampleLine } from "../helpers/example-catalog";
import { runCommand } from "../helpers/cli";

const ROOT = path.resolve(__dirname, "../..");
const PULUMI_VERSION = (require("@pulumi/pulumi/package.json") as { version: string }).version;

interface Step {
    id?: string;
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
    "continue-on-error"?: boolean;
}
interface Job {
    needs?: string[];
    if?: string;
    environment?: string;
    permissions?: Record<string, string>;
    "timeout-minutes"?: number;
    strategy?: { "fail-fast": boolean; matrix: { include: Array<Record<string, string>> } };
    steps: Step[];
}
interface Workflow {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    env: Record<string, string>;
    jobs: Record<string, Job>;
}

function generate(root = ROOT, matrixLimit?: number) {
    const catalog = loadCatalog(root);
    return githubWorkflow(catalog, listStacks(catalog), { pulumiVersion: PULUMI_VERSION, matrixLimit });
}

const stacksOf = (job: Job) => job.strategy!.matrix.include.map((entry) => entry.stack);
const deployJobs = (workflow: Workflow) => Object.entries(workflow.jobs).filter(([id]) => id.startsWith("wave-") && !id.includes("-retry"));
const retryJobs = (workflow: Workflow) => Object.entries(workflow.jobs).filter(([id]) => /^wave-\d+-retry/.test(id));
const previewJobs = (workflow: Workflow) => Object.entries(workflow.jobs).filter(([id]) => id.startsWith("preview-"));
const runIndex = (steps: Step[], prefix: string) => steps.findIndex((step) => step.run?.startsWith(prefix));

describe("meridian ci github", () => {
    const catalog = loadCatalog(ROOT);
    const stacks = listStacks(catalog);
    const byName = new Map(stacks.map((spec) => [spec.name, spec]));
    const workflow = parse(generate().text) as Workflow;

    it("the committed workflow is what the catalog generates", () => {
        assert.equal(fs.readFileSync(path.join(ROOT, WORKFLOW_FILE), "utf8"), generate().text);
    });

    it("deploys a wave's stacks that others in the wave read from in an earlier job (shared-services.global first)", () => {
        assert.deepEqual(
            deployJobs(workflow).map(([id, job]) => [id, job.needs]),
            [
                ["wave-0", ["check"]],
                ["wave-1-step-1", ["wave-0"]],
                ["wave-1-step-2", ["wave-1-step-1"]],
                ["wave-2", ["wave-1-step-2"]],
            ],
        );
        assert.deepEqual(stacksOf(workflow.jobs["wave-1-step-1"]), ["audit.global", "log-archive.global", "shared-services.global"]);
        // No stack runs in the same job as, or an earlier job than, a stack it reads from.
        const jobOf = new Map(deployJobs(workflow).flatMap(([, job], index) => stacksOf(job).map((stack) => [stack, index] as const)));
        for (const [stack, index] of jobOf) {
            for (const dependency of byName.get(stack)!.dependsOn) {
                if (jobOf.has(dependency)) assert.ok(jobOf.get(dependency)! < index, `${stack} runs alongside or before ${dependency}, which it reads`);
            }
        }
        const deployed = deployJobs(workflow).flatMap(([, job]) => stacksOf(job));
        assert.deepEqual(
            [...deployed].sort(),
            stacks
                .filter((spec) => spec.accountId !== undefined)
                .map((spec) => spec.name)
                .sort(),
        );
    });

    it("creates each stack, with its own secrets provider (the catalog's key under the stack's encryption context), before previewing or deploying it", () => {
        for (const [id, job] of [...deployJobs(workflow), ...retryJobs(workflow), ...previewJobs(workflow)]) {
            const create = runIndex(job.steps, "pulumi stack select --create");
            assert.ok(create >= 0, `${id} never creates its stack`);
            assert.equal(
                job.steps[create].run,
                `pulumi stack select --create --stack "\${{ matrix.stack }}" --secrets-provider "${secretsProvider(catalog, "${{ matrix.stack }}")}"`,
            );
            const operation = job.steps.findIndex((step) => /pulumi (up|preview) /.test(step.run ?? ""));
            assert.ok(create < operation, `${id} runs its operation before creating the stack`);
        }
    });

    it("deploys waves 0 and 1 in the management environment and each regional stack in its own account's environment", () => {
        const entry = (stack: string) =>
            deployJobs(workflow)
                .flatMap(([, job]) => job.strategy!.matrix.include)
                .find((candidate) => candidate.stack === stack);
        assert.deepEqual(entry("orders-prod.eu-west-1"), {
            stack: "orders-prod.eu-west-1",
            "account-id": "555555555555",
            role: "orders-pipeline",
            region: "eu-west-1",
            environment: githubEnvironmentName("orders-prod"),
        });
        assert.equal(entry("orders-staging.eu-west-1")!.environment, "orders-staging");
        assert.deepEqual(entry("organization"), {
            stack: "organization",
            "account-id": "111111111111",
            role: "management-pipeline",
            region: "us-east-1",
            environment: MANAGEMENT_GITHUB_ENVIRONMENT,
        });
        assert.equal(entry("orders-staging.global")!.environment, MANAGEMENT_GITHUB_ENVIRONMENT);
        for (const [id, job] of deployJobs(workflow)) {
            assert.equal(job.if, "github.event_name == 'push' && github.ref == 'refs/heads/main'", id);
            assert.equal(job.environment, "${{ matrix.environment }}", id);
        }
    });

    it("previews pull requests with each account's read-only preview role, in no environment and never through the management account", () => {
        for (const [id, job] of previewJobs(workflow)) {
            assert.equal(job.if, "github.event_name == 'pull_request'", id);
            assert.deepEqual(job.needs, ["check"]);
            assert.equal(job.environment, undefined, id);
            for (const entry of job.strategy!.matrix.include) {
                const spec = byName.get(entry.stack)!;
                assert.equal(entry.environment, undefined);
                assert.equal(entry["account-id"], spec.accountId, `${entry.stack} previews outside its own account`);
                assert.match(entry.role, /-preview$/, entry.stack);
            }
            const steps = job.steps;
            const readOnly = steps.find((step) => step.name === "preview as the read-only role")!;
            assert.equal(
                readOnly.run,
                'pulumi config set --stack "${{ matrix.stack }}" meridian:previewOnly true\npulumi config rm --stack "${{ matrix.stack }}" aws:assumeRoles',
            );
            assert.ok(steps.indexOf(readOnly) < runIndex(steps, "pulumi preview"));
            assert.ok(runIndex(steps, "pulumi up") < 0, `${id} deploys`);
        }
        const wave1 = workflow.jobs["preview-wave-1"].strategy!.matrix.include.find((entry) => entry.stack === "orders-staging.global");
        assert.deepEqual(wave1, { stack: "orders-staging.global", "account-id": "555555555556", role: "orders-preview", region: "us-east-1" });
        assert.equal(workflow.jobs["preview-wave-0"].strategy!.matrix.include[0].role, "management-preview");
    });

    it("asks OIDC for a session longer than the deploying job may run, and leaves previews on the default hour", () => {
        assert.ok(JOB_TIMEOUT_MINUTES * 60 < PIPELINE_SESSION_SECONDS);
        assert.ok(PREVIEW_JOB_TIMEOUT_MINUTES * 60 < 3600);
        for (const [id, job] of deployJobs(workflow)) {
            assert.equal(job["timeout-minutes"], JOB_TIMEOUT_MINUTES, id);
            const credentials = job.steps.find((step) => step.uses?.startsWith(`${PINNED_ACTIONS.awsCredentials.action}@`))!;
            assert.equal(credentials.with!["role-duration-seconds"], PIPELINE_SESSION_SECONDS, id);
            assert.equal(credentials.with!["role-to-assume"], "arn:aws:iam::${{ matrix.account-id }}:role/${{ matrix.role }}");
        }
        for (const [id, job] of previewJobs(workflow)) {
            assert.equal(job["timeout-minutes"], PREVIEW_JOB_TIMEOUT_MINUTES, id);
            const credentials = job.steps.find((step) => step.id === "credentials")!;
            assert.equal(credentials.with!["role-duration-seconds"], undefined, id);
            assert.equal(credentials["continue-on-error"], true);
        }
        assert.equal(workflow.permissions["id-token"], "write");
    });

    it("checks the parent zone's delegation right after the DNS account's global stack deploys, before wave 2", () => {
        const withCheck = deployJobs(workflow).filter(([, job]) => job.steps.some((step) => step.run?.includes("meridian dns check-delegation")));
        assert.deepEqual(
            withCheck.map(([id]) => id),
            ["wave-1-step-1"],
        );
        const steps = withCheck[0][1].steps;
        const check = steps.find((step) => step.run?.includes("meridian dns check-delegation"))!;
        assert.equal(check.if, "matrix.stack == 'shared-services.global'");
        assert.ok(steps.indexOf(check) > runIndex(steps, "pulumi up"));
        assert.match(check.run!, /--name-servers "\$\(pulumi stack output nameServers --json --stack "\$\{\{ matrix\.stack \}\}"\)"/);
    });

    it("pins every action by commit SHA, with its release tag in a comment", () => {
        const text = generate().text;
        const uses = [...text.matchAll(/uses: (\S+)(.*)$/gm)];
        assert.ok(uses.length > 0);
        for (const [, reference, rest] of uses) {
            assert.match(reference, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, reference);
            const pinned = Object.values(PINNED_ACTIONS).find((candidate) => reference === `${candidate.action}@${candidate.sha}`)!;
            assert.ok(pinned, `${reference} is not in the pinned-actions table`);
            assert.equal(rest, ` # ${pinned.tag}`);
        }
    });

    it("keeps every matrix in stack-name order, so adding an account only adds lines", () => {
        const root = copyExampleCatalog();
        editFile(root, "accounts/organization.yaml", (text) =>
            text.replace(
                "accounts:\n",
                'accounts:\n  - name: aardvark-dev\n    id: "777777777777"\n    email: aws-aardvark-dev@meridian.example.com\n    ou: Workloads/Staging\n    environment: dev\n    subsystem: orders\n',
            ),
        );
        editFile(root, "stacks/subsystems.yaml", (text) =>
            text.replace("      staging: orders-staging\n", "      staging: orders-staging\n      dev: aardvark-dev\n"),
        );
        const grown = parse(generate(root).text) as Workflow;
        for (const [id, job] of Object.entries(workflow.jobs)) {
            if (!job.strategy) continue;
            const before = stacksOf(job);
            const after = stacksOf(grown.jobs[id]);
            assert.deepEqual(
                after.filter((stack) => before.includes(stack)),
                before,
                `${id} reordered its existing entries`,
            );
            assert.deepEqual(
                after.filter((stack) => !before.includes(stack)).every((stack) => stack.startsWith("aardvark-dev.")),
                true,
            );
            assert.deepEqual(after, [...after].sort(), `${id} is not in stack-name order`);
        }
    });

    it("uploads the pack's findings as SARIF to code scanning, even when the plan fails", () => {
        const check = workflow.jobs.check;
        assert.deepEqual(check.permissions, { contents: "read", "security-events": "write" });
        const steps = check.steps;
        const sarif = steps.find((step) => step.run?.startsWith("npx meridian policy check"))!;
        assert.equal(sarif.run, `npx meridian policy check plan-out/plan.json --format sarif > ${SARIF_FILE}`);
        assert.match(sarif.if!, /!cancelled\(\)/);
        const upload = steps.find((step) => step.uses?.startsWith(`${PINNED_ACTIONS.uploadSarif.action}@`))!;
        assert.equal(upload.with!.sarif_file, SARIF_FILE);
        assert.match(upload.if!, /!cancelled\(\)/);
        assert.ok(runIndex(steps, "npx meridian plan") < steps.indexOf(sarif) && steps.indexOf(sarif) < steps.indexOf(upload));
        const chains = steps.find((step) => step.run === "npx meridian stacks chains --plan plan-out/plan.json")!;
        assert.ok(chains && steps.indexOf(chains) > runIndex(steps, "npx meridian plan"), "the check job does not walk the assume-role chains");
    });

    it("splits a step that outgrows one matrix into several jobs, and the next step needs them all", () => {
        const split = parse(generate(ROOT, 3).text) as Workflow;
        assert.deepEqual(
            deployJobs(split).map(([id]) => id),
            ["wave-0", "wave-1-step-1", "wave-1-step-2", "wave-2-part-1", "wave-2-part-2", "wave-2-part-3"],
        );
        assert.deepEqual(split.jobs["wave-2-part-1"].needs, ["wave-1-step-2"]);
        assert.deepEqual(
            previewJobs(split).map(([id]) => id),
            ["preview-wave-0", "preview-wave-1-part-1", "preview-wave-1-part-2", "preview-wave-2-part-1", "preview-wave-2-part-2", "preview-wave-2-part-3"],
        );
        const wave2 = ["wave-2-part-1", "wave-2-part-2", "wave-2-part-3"].flatMap((job) => stacksOf(split.jobs[job]));
        assert.deepEqual(wave2, stacksOf(workflow.jobs["wave-2"]));
        assert.deepEqual(
            retryJobs(split).map(([id, job]) => [id, job.needs]),
            ["wave-2-retry-part-1", "wave-2-retry-part-2", "wave-2-retry-part-3"].map((id) => [id, ["wave-2-part-1", "wave-2-part-2", "wave-2-part-3"]]),
        );
    });

    it("after a failed wave-2 job, runs `pulumi up` once more for each regional stack with a peer region, unless it is already up at this commit", () => {
        assert.deepEqual(
            retryJobs(workflow).map(([id, job]) => [id, job.needs]),
            [["wave-2-retry", ["wave-2"]]],
        );
        const retry = workflow.jobs["wave-2-retry"];
        // Every wave-2 stack here has a peer region in its account, so each can be retried.
        assert.deepEqual(stacksOf(retry), stacksOf(workflow.jobs["wave-2"]));
        assert.deepEqual(retry.strategy!.matrix.include, workflow.jobs["wave-2"].strategy!.matrix.include);
        assert.equal(retry.if, "${{ !cancelled() && github.event_name == 'push' && github.ref == 'refs/heads/main' && contains(needs.*.result, 'failure') }}");
        assert.equal(retry["timeout-minutes"], JOB_TIMEOUT_MINUTES);
        const step = retry.steps.find((candidate) => candidate.run?.includes("pulumi up"))!;
        const lines = step.run!.split("\n");
        assert.match(lines[0], /pulumi stack history --stack "\$\{\{ matrix\.stack \}\}" --json --page-size 1 \| jq -r/);
        assert.ok(lines[0].includes(`.result == "succeeded" and .environment["git.head"] == env.GITHUB_SHA`));
        assert.ok(lines.some((line) => line.includes(PEER_BUS_RETRY_REASON)));
        assert.equal(lines.filter((line) => line.trim().startsWith("pulumi up")).length, 1);
        assert.ok(!Object.values(workflow.jobs).some((job) => job.needs?.includes("wave-2-retry")), "nothing waits on a job that is usually skipped");
    });

    it("leaves out the stacks of an account with no id yet, and says so", () => {
        const { text, pending } = generate();
        assert.deepEqual(pending, ["payments-staging.global", "payments-staging.eu-west-1", "payments-staging.us-east-1"]);
        assert.ok(!/stack: payments-staging/.test(text));
        assert.match(text, /# Not yet included \(account has no id\): payments-staging\.global, payments-staging\.eu-west-1, payments-staging\.us-east-1\./);
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
        assert.equal(
            run.stderr,
            `error: stacks/subsystems.yaml:${exampleLine("stacks/subsystems.yaml", "  repository: meridian-example/platform")}: pipeline.repository: "not a repo" is not a GitHub repository of the form owner/name\n`,
        );
        assert.equal(fs.existsSync(path.join(root, ".github")), false);
    });
});
