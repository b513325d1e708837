import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlanDocument, PlannedResource, PlannedStack, PolicyFinding } from "../../lib/contracts/plan-document";
import { loadCatalog } from "../../stacks/catalog";
import { diffPlans } from "../../stacks/plan-diff/plan-diff";
import { MASK, propertyDiff } from "../../stacks/plan-diff/property-diff";
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderDiffMarkdown } from "../../stacks/plan-diff/render-markdown";
import { renderDiffText } from "../../stacks/plan-diff/render-text";
import { exampleFleetPlan, REPO_ROOT } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const urnOf = (stack: string, name: string) => `urn:pulumi:${stack}::meridian::aws:iam/role:Role::${name}`;

function role(stack: string, name: string, inputs: Record<string, unknown> = {}): PlannedResource {
    return {
        urn: urnOf(stack, name),
        type: "aws:iam/role:Role",
        name,
        custom: true,
        provider: `urn:pulumi:${stack}::meridian::pulumi:providers:aws::default`,
        region: "us-east-1",
        inputs: { name, ...inputs },
        outputs: { arn: `arn:aws:iam::111111111111:role/${name}` },
        protect: false,
        retainOnDelete: false,
        dependencies: [],
    };
}

function stack(name: string, resources: PlannedResource[]): PlannedStack {
    return { name, wave: 1, kind: "account", account: name, region: "us-east-1", dependsOn: [], outputs: {}, resources, policyContext: {} };
}

function plan(stacks: PlannedStack[], findings: PolicyFinding[] = []): PlanDocument {
    return { schemaVersion: 1, project: "meridian", root: "/nowhere", stacks, policy: { findings, mandatory: 0, advisory: findings.length } };
}

const finding = (policy: string, stackName: string): PolicyFinding => ({
    policy,
    level: "mandatory",
    stack: stackName,
    urn: urnOf(stackName, "a"),
    message: `${policy} broke`,
});

describe("meridian plan diff", () => {
    const base = plan(
        [
            stack("kept", [
                role("kept", "a", { tags: { owner: "team-a" } }),
                role("kept", "b"),
                role("kept", "gone"),
                role("kept", "vault", { password: "hunter2-old" }),
            ]),
            stack("retired", [role("retired", "x")]),
        ],
        [finding("fixed-rule", "kept")],
    );
    base.stacks[0].resources[3].secretInputs = ["password"];
    const head = clone(base);
    head.stacks = [
        stack("kept", [
            role("kept", "a", { tags: { owner: "team-b" } }),
            { ...role("kept", "b"), inputs: { name: "b-renamed" }, outputs: { arn: "arn:aws:iam::111111111111:role/b-renamed" } },
            role("kept", "new"),
            { ...role("kept", "vault", { password: "hunter2-new" }), secretInputs: ["password"] },
        ]),
        stack("fresh", [role("fresh", "y")]),
    ];
    head.policy.findings = [finding("new-rule", "kept")];
    const diff = diffPlans(base, head);
    const kept = diff.stacks.find((entry) => entry.stack === "kept")!;

    it("names stacks added and removed", () => {
        assert.deepEqual(
            diff.stacks.map((entry) => [entry.stack, entry.status]),
            [
                ["kept", "changed"],
                ["fresh", "added"],
                ["retired", "removed"],
            ],
        );
        assert.deepEqual(
            diff.stacks.find((entry) => entry.stack === "fresh")!.added.map((resource) => resource.urn),
            [urnOf("fresh", "y")],
        );
        assert.deepEqual(
            diff.stacks.find((entry) => entry.stack === "retired")!.removed.map((resource) => resource.urn),
            [urnOf("retired", "x")],
        );
    });

    it("classifies resources by URN: added, removed, replaced (a new physical name), updated (an input change)", () => {
        assert.deepEqual(
            kept.added.map((resource) => resource.urn),
            [urnOf("kept", "new")],
        );
        assert.deepEqual(
            kept.removed.map((resource) => resource.urn),
            [urnOf("kept", "gone")],
        );
        assert.deepEqual(
            kept.replaced.map((resource) => [resource.urn, resource.replaceReasons]),
            [[urnOf("kept", "b"), ["name changed"]]],
        );
        const updated = kept.updated.find((resource) => resource.urn === urnOf("kept", "a"))!;
        assert.deepEqual(updated.changes, [{ path: "tags.owner", kind: "changed", before: '"team-a"', after: '"team-b"' }]);
    });

    it("masks secret inputs: the change shows, the values never do", () => {
        const vault = kept.updated.find((resource) => resource.urn === urnOf("kept", "vault"))!;
        assert.deepEqual(vault.changes, [{ path: "password", kind: "changed", before: MASK, after: MASK }]);
        for (const text of [renderDiffText(diff), renderDiffMarkdown(diff), JSON.stringify(diff)]) {
            assert.ok(!text.includes("hunter2"), "a secret value leaked into the output");
        }
    });

    it("compares JSON held in strings as JSON, and lists of plain values as sets", () => {
        const before = { policy: JSON.stringify({ Statement: [{ Action: ["s3:GetObject", "s3:PutObject"] }] }) };
        const after = { policy: JSON.stringify({ Statement: [{ Action: ["s3:GetObject", "s3:DeleteObject"] }] }) };
        assert.deepEqual(propertyDiff(before, after), [
            { path: "policy.Statement[0].Action", kind: "removed", before: '"s3:PutObject"' },
            { path: "policy.Statement[0].Action", kind: "added", after: '"s3:DeleteObject"' },
        ]);
    });

    it("reports policy findings new and fixed", () => {
        assert.deepEqual(
            diff.findings.new.map((item) => item.policy),
            ["new-rule"],
        );
        assert.deepEqual(
            diff.findings.fixed.map((item) => item.policy),
            ["fixed-rule"],
        );
    });

    it("markdown: marker and summary table first, then every changed stack and resource by name", () => {
        const markdown = renderDiffMarkdown(diff);
        assert.ok(markdown.startsWith(`${COMMENT_MARKER}\n### Meridian plan diff`));
        assert.ok(markdown.indexOf("| Change | Count |") < markdown.indexOf("<details>"));
        for (const name of ["kept", "fresh", "retired"]) assert.match(markdown, new RegExp(`\\| \`${name}\` \\|`));
        for (const urn of [urnOf("kept", "new"), urnOf("kept", "gone"), urnOf("kept", "b"), urnOf("kept", "a"), urnOf("fresh", "y"), urnOf("retired", "x")]) {
            assert.ok(markdown.includes(urn), `${urn} is not named`);
        }
        assert.match(markdown, /\| resources replaced \| 1 \|/);
        assert.match(markdown, /Policy findings: 1 new/);
    });

    it("markdown fits GitHub's comment limit: drops property changes first, then sections, and says so", () => {
        const big = plan([
            stack(
                "big",
                Array.from({ length: 400 }, (_, index) => role("big", `role-${index}`, { description: "x".repeat(60) })),
            ),
        ]);
        const bigger = clone(big);
        bigger.stacks[0].resources.forEach((resource) => (resource.inputs.description = "y".repeat(60)));
        const bigDiff = diffPlans(big, bigger);
        const roomy = renderDiffMarkdown(bigDiff, 60_000);
        assert.ok(roomy.length <= 60_000);
        assert.ok(!roomy.includes("xxxx") && roomy.includes(urnOf("big", "role-399")), "without property changes every resource is still named");
        const tight = renderDiffMarkdown(bigDiff, 5_000);
        assert.ok(tight.length <= 5_000, `${tight.length} characters`);
        assert.match(tight, /\| resources updated \| 400 \|/);
        assert.match(tight, /_Truncated to fit GitHub's 65,536-character comment limit: 1 detail section left out\./);
        assert.equal(GITHUB_COMMENT_LIMIT, 65_536);
    });

    it("reports a changed failover answer from the simulation of each plan", async () => {
        const example = await exampleFleetPlan();
        const withoutRegion = clone(example);
        withoutRegion.stacks = withoutRegion.stacks.filter((entry) => entry.name !== "payments-prod.eu-west-1");
        const regions = loadCatalog(REPO_ROOT).regions;
        const failover = diffPlans(example, withoutRegion, { base: regions, head: regions }).failover;
        assert.ok(!("skipped" in failover));
        const normal = failover.answers.find(
            (change) => change.scenario === "normal" && change.name === "api.prod.payments.meridian.example.com" && change.client === "eu-west-1",
        );
        assert.deepEqual(normal && [normal.before, normal.after], ["eu-west-1", "us-east-1"]);
        assert.ok(
            failover.detection.some((change) => change.region === "eu-west-1" && change.afterSeconds === undefined && change.beforeSeconds !== undefined),
        );
        assert.match(
            renderDiffText(diffPlans(example, withoutRegion, { base: regions, head: regions })),
            /normal: api\.prod\.payments\.meridian\.example\.com, clients in eu-west-1: answered from eu-west-1 → us-east-1/,
        );
        assert.deepEqual(diffPlans(example, clone(example), { base: regions, head: regions }).failover, { answers: [], detection: [], endpoints: [] });
    });

    it("runs as a command over two plan.json files, in each format; a file that is not a plan exits 2", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-plan-diff-"));
        fs.writeFileSync(path.join(dir, "base.json"), JSON.stringify(base));
        fs.writeFileSync(path.join(dir, "head.json"), JSON.stringify(head));
        fs.writeFileSync(path.join(dir, "broken.json"), "{}");
        const json = await runMeridianInProcess(["plan", "diff", path.join(dir, "base.json"), path.join(dir, "head.json"), "--format", "json"]);
        assert.equal(json.status, 0, json.stderr);
        assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(diffPlans(base, head))));
        const markdown = await runMeridianInProcess(["plan", "diff", path.join(dir, "base.json"), path.join(dir, "head.json"), "--format", "markdown"]);
        assert.equal(markdown.stdout, renderDiffMarkdown(diffPlans(base, head)));
        const text = await runMeridianInProcess(["plan", "diff", path.join(dir, "base.json"), path.join(dir, "head.json")]);
        assert.match(text.stdout, /failover: not compared \(the region catalog of \/nowhere could not be read\)/);
        const broken = await runMeridianInProcess(["plan", "diff", path.join(dir, "base.json"), path.join(dir, "broken.json")]);
        assert.equal(broken.status, 2);
        assert.match(broken.stderr, /broken\.json: schemaVersion: undefined is not a plan\.json version/);
    });
});
