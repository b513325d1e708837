import { Document, isScalar, visit } from "yaml";
import { MANAGEMENT_GITHUB_ENVIRONMENT, githubEnvironmentName, pipelineRoleName, previewRoleName, roleArn } from "../../lib/contracts/naming";
import type { StackSpec } from "../../lib/contracts/stack-spec";
import { PIPELINE_SESSION_SECONDS } from "../../components/policy-documents/deployment";
import type { Catalog } from "../catalog-types";
import { CONFIG_KEYS, CONFIG_NAMESPACE, isPending, secretsProvider } from "../stack-config";
import { globalStackName, stackOwner } from "../stack-list";
import { PEER_BUS_RETRY_REASON, retriesAfterPeers } from "./peer-retry";
import { PINNED_ACTIONS, type PinnedAction, pinnedUses } from "./pinned-actions";

/**
 * The GitHub Actions workflow that runs the fleet on CI runners. Pushes to main deploy: one job per
 * step of a wave (a wave's stacks that others in the wave read from form an earlier step), a matrix
 * entry per stack, each job needing the step before, each entry in its account's GitHub environment.
 * Pull requests preview every wave at once with each account's read-only preview role and no
 * environment. GitHub schedules the matrices across runners, so the fleet scales out without a
 * home-made distributed engine.
 */
export const WORKFLOW_FILE = ".github/workflows/meridian.yml";

/** GitHub runs at most 256 jobs from one matrix; a larger step becomes several jobs. */
export const GITHUB_MATRIX_LIMIT = 256;

/**
 * A stack job's hard limit. It stays below the OIDC session it runs in, so credentials never expire
 * under a running `pulumi up` (which would strand pending operations in the state); the provider's
 * own waits inside one stack are bounded well below it (see provider-waits.ts).
 */
export const JOB_TIMEOUT_MINUTES = 110;

/**
 * A preview changes nothing and waits on nothing, so it asks OIDC for the default one-hour session
 * (which every role's MaxSessionDuration allows) and stops well inside it.
 */
export const PREVIEW_JOB_TIMEOUT_MINUTES = 45;

export const POLICY_PACK_DIR = "policies";
export const SARIF_FILE = "plan-out/policy.sarif";

const ON_MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'";
const ON_PULL_REQUEST = "github.event_name == 'pull_request'";

export interface WorkflowOptions {
    /** The Pulumi CLI version to install; the project's @pulumi/pulumi version keeps CLI and SDK in step. */
    pulumiVersion: string;
    /** Largest matrix per job; GITHUB_MATRIX_LIMIT unless a test wants smaller. */
    matrixLimit?: number;
}

export interface MatrixEntry {
    stack: string;
    "account-id": string;
    role: string;
    region: string;
    /** The GitHub environment of a deploying entry; preview entries run in none. */
    environment?: string;
}

export interface GithubWorkflow {
    /** The workflow as YAML, ready to commit. */
    text: string;
    /** Stacks left out because their account has no id yet (re-run after the organization stack creates it). */
    pending: string[];
}

/**
 * Which role a stack's deploying job assumes through OIDC, and in which GitHub environment. The
 * organization stack runs in the management account; `<account>.global` stacks assume the
 * organisation access role, which trusts only the management account: both run as the management
 * pipeline role in the management environment. Regional stacks run as their account's pipeline
 * role in that account's own environment, whose provider then assumes the deployment role.
 */
export function deployEntry(catalog: Catalog, spec: StackSpec): MatrixEntry {
    const management = catalog.organization.managementAccount;
    const throughManagement = spec.kind === "organization" || spec.kind === "account";
    return {
        stack: spec.name,
        "account-id": throughManagement ? management.id : spec.accountId!,
        role: pipelineRoleName(throughManagement ? management.name : stackOwner(catalog, spec)),
        region: spec.region,
        environment: throughManagement ? MANAGEMENT_GITHUB_ENVIRONMENT : githubEnvironmentName(spec.account),
    };
}

/**
 * A pull request previews each stack in the stack's own account with that account's read-only
 * preview role (OIDC `sub` of the pull_request form), never through the management account or a
 * deploying environment: unmerged code never holds a role that can change anything.
 */
export function previewEntry(catalog: Catalog, spec: StackSpec): MatrixEntry {
    return { stack: spec.name, "account-id": spec.accountId!, role: previewRoleName(stackOwner(catalog, spec)), region: spec.region };
}

/**
 * A wave's stacks in steps: a stack that another stack of the same wave reads from (its `dependsOn`)
 * runs in an earlier step, so `shared-services.global` is deployed before the `.global` stacks that
 * read its zone. Each step is sorted by stack name, so adding an account adds lines and moves none.
 */
export function waveSteps(wave: readonly StackSpec[]): StackSpec[][] {
    const inWave = new Map(wave.map((spec) => [spec.name, spec]));
    const depth = new Map<string, number>();
    const depthOf = (spec: StackSpec, visiting: ReadonlySet<string>): number => {
        const known = depth.get(spec.name);
        if (known !== undefined) return known;
        if (visiting.has(spec.name)) throw new Error(`stack dependency cycle through ${spec.name}`);
        const before = spec.dependsOn.map((name) => inWave.get(name)).filter((dependency): dependency is StackSpec => dependency !== undefined);
        const own = before.length === 0 ? 0 : 1 + Math.max(...before.map((dependency) => depthOf(dependency, new Set([...visiting, spec.name]))));
        depth.set(spec.name, own);
        return own;
    };
    const steps: StackSpec[][] = [];
    for (const spec of wave) (steps[depthOf(spec, new Set())] ??= []).push(spec);
    return steps.filter(Boolean).map((step) => [...step].sort((a, b) => a.name.localeCompare(b.name)));
}

export function githubWorkflow(catalog: Catalog, stacks: readonly StackSpec[], options: WorkflowOptions): GithubWorkflow {
    const limit = options.matrixLimit ?? GITHUB_MATRIX_LIMIT;
    const pending = stacks.filter(isPending).map((spec) => spec.name);
    const runnable = stacks.filter((spec) => !isPending(spec));
    const waves = [...new Set(runnable.map((spec) => spec.wave))].sort((a, b) => a - b);
    const context: JobContext = {
        pulumiVersion: options.pulumiVersion,
        secretsProvider: secretsProvider(catalog, "${{ matrix.stack }}"),
        delegationStack: globalStackName(catalog.subsystems.dns.account),
    };

    const jobs: Record<string, unknown> = { check: checkJob() };
    for (const wave of waves) {
        const chunks = chunk(
            runnable
                .filter((spec) => spec.wave === wave)
                .map((spec) => previewEntry(catalog, spec))
                .sort(byStack),
            limit,
        );
        chunks.forEach((include, index) => {
            jobs[partId(`preview-wave-${wave}`, index, chunks.length)] = previewJob(`preview wave ${wave}${partLabel(index, chunks.length)}`, include, context);
        });
    }
    let previous = ["check"];
    for (const wave of waves) {
        const inWave = runnable.filter((spec) => spec.wave === wave);
        const steps = waveSteps(inWave);
        const waveJobs: string[] = [];
        steps.forEach((step, stepIndex) => {
            const base = steps.length === 1 ? `wave-${wave}` : `wave-${wave}-step-${stepIndex + 1}`;
            const stepLabel = steps.length === 1 ? "" : ` step ${stepIndex + 1} of ${steps.length}`;
            const chunks = chunk(
                step.map((spec) => deployEntry(catalog, spec)),
                limit,
            );
            const ids = chunks.map((_, index) => partId(base, index, chunks.length));
            chunks.forEach((include, index) => {
                jobs[ids[index]] = deployJob(`wave ${wave}${stepLabel}${partLabel(index, chunks.length)}`, previous, include, context);
            });
            waveJobs.push(...ids);
            previous = ids;
        });
        // The next wave does not wait for these: a job that needs a skipped job is skipped itself.
        const retried = chunk(
            inWave.filter((spec) => retriesAfterPeers(spec, runnable)).map((spec) => deployEntry(catalog, spec)),
            limit,
        );
        retried.forEach((include, index) => {
            jobs[partId(`wave-${wave}-retry`, index, retried.length)] = retryJob(
                `wave ${wave}, second attempt${partLabel(index, retried.length)}`,
                waveJobs,
                include,
                context,
            );
        });
    }

    const workflow = {
        name: "meridian",
        on: { pull_request: { branches: ["main"] }, push: { branches: ["main"] } },
        permissions: { contents: "read", "id-token": "write" },
        // One deployment at a time per branch; a queued run waits rather than cancelling one mid-update.
        concurrency: { group: "meridian-${{ github.ref }}", "cancel-in-progress": false },
        env: {
            PULUMI_BACKEND_URL: `s3://${catalog.subsystems.pipeline.stateBucket}?region=${catalog.regions.homeRegion}`,
            PULUMI_SKIP_UPDATE_CHECK: "true",
        },
        jobs,
    };
    const document = new Document(workflow);
    commentPinnedTags(document);
    document.commentBefore = [
        " Generated by `meridian ci github` from the catalogs. Do not edit: change the catalog and re-run it.",
        " Pull requests: the offline plan and policy check, then `pulumi preview` of every stack with its",
        " account's read-only preview role. Pushes to main: `pulumi up` wave by wave, a wave's steps in order;",
        " when a regional stack fails, each regional stack not yet up at this commit runs `pulumi up` once more.",
        " See docs/design/deployment-pipeline.md.",
        ...(pending.length > 0 ? [` Not yet included (account has no id): ${pending.join(", ")}.`] : []),
    ].join("\n");
    return { text: document.toString({ lineWidth: 0 }), pending };
}

interface JobContext {
    pulumiVersion: string;
    /** The matrix entry's stack's secrets provider URL (`matrix.stack` names the encryption context). */
    secretsProvider: string;
    /** The DNS account's global stack: after it deploys, its job checks the parent zone's delegation. */
    delegationStack: string;
}

function checkJob() {
    return {
        name: "typecheck, test, offline plan and policy check",
        "runs-on": "ubuntu-latest",
        // Code scanning needs security-events; the job reads the repository and nothing else.
        permissions: { contents: "read", "security-events": "write" },
        steps: [
            ...setupSteps(),
            { run: "npm test" },
            { name: "stack configs match the catalog", run: "npx meridian stacks sync --check" },
            { name: "this workflow matches the catalog", run: "npx meridian ci github --check" },
            { name: "offline plan", run: "npx meridian plan --out plan-out" },
            {
                name: "every stack's assume-role chain holds, from CI and from a workstation",
                if: "${{ !cancelled() && hashFiles('plan-out/plan.json') != '' }}",
                run: "npx meridian stacks chains --plan plan-out/plan.json",
            },
            {
                // Runs after a failing plan too, so the findings reach code scanning; the step still fails on them.
                name: "policy check on the plan (SARIF)",
                if: "${{ !cancelled() && hashFiles('plan-out/plan.json') != '' }}",
                run: `npx meridian policy check plan-out/plan.json --format sarif > ${SARIF_FILE}`,
            },
            {
                name: "upload the findings to code scanning",
                if: `\${{ !cancelled() && hashFiles('${SARIF_FILE}') != '' }}`,
                uses: pinnedUses(PINNED_ACTIONS.uploadSarif),
                with: { sarif_file: SARIF_FILE, category: "meridian-policy-pack" },
            },
        ],
    };
}

const STACK = "${{ matrix.stack }}";

/**
 * Creates the stack in the backend, with its own secrets provider URL (the catalog's key under the
 * stack's encryption context), when it does not exist yet; selects it otherwise.
 */
function selectOrCreateStep(context: JobContext, condition?: string) {
    return {
        name: "create the stack if it is new",
        ...(condition ? { if: condition } : {}),
        run: `pulumi stack select --create --stack "${STACK}" --secrets-provider "${context.secretsProvider}"`,
    };
}

function credentialsStep(name: string, sessionSeconds?: number) {
    return {
        name,
        uses: pinnedUses(PINNED_ACTIONS.awsCredentials),
        with: {
            "role-to-assume": roleArn("${{ matrix.account-id }}", "${{ matrix.role }}"),
            "role-session-name": "meridian-${{ github.run_id }}",
            ...(sessionSeconds ? { "role-duration-seconds": sessionSeconds } : {}),
            "aws-region": "${{ matrix.region }}",
        },
    };
}

function deployJob(name: string, needs: string[], include: MatrixEntry[], context: JobContext) {
    const checksDelegation = include.some((entry) => entry.stack === context.delegationStack);
    return deployingMatrixJob(name, needs, ON_MAIN_PUSH, include, context, [
        { name: "pulumi up", run: `pulumi up --stack "${STACK}" --policy-pack ${POLICY_PACK_DIR} --yes --non-interactive` },
        ...(checksDelegation
            ? [
                  {
                      // Every certificate of wave 2 is validated through this zone: fail here, before wave 2, rather than hang there.
                      name: "the parent zone is delegated to its hosted zone",
                      if: `matrix.stack == '${context.delegationStack}'`,
                      run: `npx meridian dns check-delegation --name-servers "$(pulumi stack output nameServers --json --stack "${STACK}")"`,
                  },
              ]
            : []),
    ]);
}

/** A matrix job that deploys as each entry's account: its environment, the pipeline role, the stack selected or created; then `steps`. */
function deployingMatrixJob(name: string, needs: string[], condition: string, include: MatrixEntry[], context: JobContext, steps: object[]) {
    return {
        name: `${name}: ${STACK}`,
        needs,
        if: condition,
        "runs-on": "ubuntu-latest",
        environment: "${{ matrix.environment }}",
        "timeout-minutes": JOB_TIMEOUT_MINUTES,
        strategy: { "fail-fast": false, matrix: { include } },
        steps: [
            ...setupSteps(),
            pulumiStep(context),
            credentialsStep("assume the pipeline role (OIDC)", PIPELINE_SESSION_SECONDS),
            selectOrCreateStep(context),
            ...steps,
        ],
    };
}

/**
 * After a wave with a failed job, each regional stack (with a peer region in the workflow) whose last
 * update is not a success at this commit runs `pulumi up` once more, as `meridian up` does: a peer
 * region's bus may not have existed at its first attempt (peer-retry.ts).
 * `pulumi stack history --json` gives each update's result and, in its environment, the commit it ran
 * at (`git.head`): pulumi/pulumi pkg/cmd/pulumi/stack/stack_history.go (updateInfoJSON),
 * sdk/go/common/apitype/history.go (GitHead). A stack that failed, or never ran at this commit
 * because an earlier step failed, or whose history says neither, is run again; `up` is idempotent.
 */
function retryJob(name: string, needs: string[], include: MatrixEntry[], context: JobContext) {
    const upToDate = `.[0] | select(.result == "succeeded" and .environment["git.head"] == env.GITHUB_SHA) | .result`;
    return deployingMatrixJob(name, needs, `\${{ !cancelled() && ${ON_MAIN_PUSH} && contains(needs.*.result, 'failure') }}`, include, context, [
        {
            name: "pulumi up once more, unless it succeeded at this commit",
            run: [
                `if [ -n "$(pulumi stack history --stack "${STACK}" --json --page-size 1 | jq -r '${upToDate}')" ]; then`,
                `  echo "${STACK} is up at $GITHUB_SHA: nothing to retry"`,
                "else",
                `  echo "::notice title=${STACK}::second attempt: ${PEER_BUS_RETRY_REASON}"`,
                `  pulumi up --stack "${STACK}" --policy-pack ${POLICY_PACK_DIR} --yes --non-interactive`,
                "fi",
            ].join("\n"),
        },
    ]);
}

function previewJob(name: string, include: MatrixEntry[], context: JobContext) {
    const assumed = "steps.credentials.outcome == 'success'";
    return {
        name: `${name}: ${STACK}`,
        needs: ["check"],
        if: ON_PULL_REQUEST,
        "runs-on": "ubuntu-latest",
        "timeout-minutes": PREVIEW_JOB_TIMEOUT_MINUTES,
        strategy: { "fail-fast": false, matrix: { include } },
        steps: [
            ...setupSteps(),
            pulumiStep(context),
            // An account whose .global stack has not been deployed yet has no preview role: the check
            // job's offline plan covers its stacks until then, and the notice says so.
            { ...credentialsStep("assume the account's read-only preview role (OIDC)"), id: "credentials", "continue-on-error": true },
            {
                name: "account not bootstrapped yet",
                if: `steps.credentials.outcome != 'success'`,
                run: `echo "::notice title=${STACK}::no preview role ${roleArn("${{ matrix.account-id }}", "${{ matrix.role }}")} yet; the offline plan in the check job covers this stack until its account's .global stack is deployed"`,
            },
            selectOrCreateStep(context, assumed),
            {
                // The stack's provider chain leads to the deployment (or access) role, which a preview must
                // not hold; without it the provider acts as the preview role the job already runs as, and
                // the program's own providers read through preview roles (stacks/stack-config.ts).
                name: "preview as the read-only role",
                if: assumed,
                run: [
                    `pulumi config set --stack "${STACK}" ${CONFIG_NAMESPACE}:${CONFIG_KEYS.previewOnly} true`,
                    `pulumi config rm --stack "${STACK}" aws:assumeRoles`,
                ].join("\n"),
            },
            {
                name: "pulumi preview",
                if: assumed,
                run: `pulumi preview --stack "${STACK}" --policy-pack ${POLICY_PACK_DIR} --diff --non-interactive`,
            },
        ],
    };
}

function pulumiStep(context: JobContext) {
    return { name: "install the Pulumi CLI", uses: pinnedUses(PINNED_ACTIONS.pulumi), with: { "pulumi-version": context.pulumiVersion } };
}

function setupSteps() {
    return [
        { uses: pinnedUses(PINNED_ACTIONS.checkout) },
        { uses: pinnedUses(PINNED_ACTIONS.setupNode), with: { "node-version": 20, cache: "npm" } },
        { run: "npm ci" },
    ];
}

/** Writes each pinned action's release tag as a comment after its SHA. */
function commentPinnedTags(document: Document): void {
    const byUses = new Map<string, PinnedAction>(Object.values(PINNED_ACTIONS).map((pinned) => [pinnedUses(pinned), pinned]));
    visit(document, {
        Pair(_, pair) {
            if (isScalar(pair.key) && pair.key.value === "uses" && isScalar(pair.value)) {
                const pinned = byUses.get(String(pair.value.value));
                if (pinned) pair.value.comment = ` ${pinned.tag}`;
            }
        },
    });
}

function byStack(a: MatrixEntry, b: MatrixEntry): number {
    return a.stack.localeCompare(b.stack);
}

function partId(base: string, index: number, count: number): string {
    return count === 1 ? base : `${base}-part-${index + 1}`;
}

function partLabel(index: number, count: number): string {
    return count === 1 ? "" : ` (part ${index + 1} of ${count})`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
    const chunks: T[][] = [];
    for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
    return chunks;
}
