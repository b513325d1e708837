import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDocument, type YAMLSeq } from "yaml";
import { planWithPolicyRun } from "../../cli/plan-with-policy";
import { CatalogReads, readsStillHold, recordingView } from "../../stacks/offline/catalog-reads";
import { OutputReads, outputReadsDigest, recordingOutputReads } from "../../stacks/offline/output-reads";
import { copyExampleCatalog, editFile, REPO_ROOT, runMeridian } from "../helpers/example-catalog";

const ORDERS_PROD = ["orders-prod.*"];
const WITH_ORGANIZATION = ["organization", ...ORDERS_PROD];
const freshDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

describe("catalog reads", () => {
    interface Fixture {
        accounts: Array<{ name: string; tags?: Record<string, string> }>;
        home: string;
    }
    const catalog = (): Fixture => ({ accounts: [{ name: "a", tags: { team: "x" } }, { name: "b" }], home: "us-east-1" });

    it("records what a program reads, and holds until one of those reads would answer differently", () => {
        const reads: CatalogReads = {};
        const view = recordingView(catalog(), reads);
        const found = view.accounts.find((account) => account.name === "a");
        assert.equal(found?.tags?.team, "x");
        assert.equal("region" in view, false);
        assert.ok(readsStillHold(catalog(), reads));
        assert.ok(readsStillHold({ ...catalog(), home: "eu-west-1" }, reads), "home was never read");
        const retagged = catalog();
        retagged.accounts[0].tags = { team: "y" };
        assert.ok(!readsStillHold(retagged, reads), "a value read changed");
        assert.ok(!readsStillHold({ ...catalog(), region: "eu-west-1" }, reads), "a key checked for is now there");
        const removed = catalog();
        removed.accounts.pop();
        assert.ok(readsStillHold(removed, reads), "find stopped at the first element, which is still there");
    });

    it("holds a lookup that found its element while elements are appended after it, but not one that found nothing", () => {
        const reads: CatalogReads = {};
        const view = recordingView(catalog(), reads);
        assert.equal(view.accounts.find((account) => account.name === "a")?.name, "a");
        assert.equal(
            view.accounts.findIndex((account) => account.name === "b"),
            1,
        );
        assert.equal(
            view.accounts.some((account) => account.name === "a"),
            true,
        );
        const appended = catalog();
        appended.accounts.push({ name: "c" });
        assert.ok(readsStillHold(appended, reads), "the elements up to each match are unchanged");
        const inserted = catalog();
        inserted.accounts.unshift({ name: "c" });
        assert.ok(!readsStillHold(inserted, reads), "an element before a match changed");
        const shortened = catalog();
        shortened.accounts.pop();
        assert.ok(!readsStillHold(shortened, reads), "the element found at index 1 is gone");

        const missed: CatalogReads = {};
        assert.equal(
            recordingView(catalog(), missed).accounts.find((account) => account.name === "c"),
            undefined,
        );
        assert.ok(!readsStillHold(appended, missed), "the element looked for now exists");
    });

    it("records the keys of an object that is enumerated, and an object that is replaced by a value", () => {
        const reads: CatalogReads = {};
        const view = recordingView(catalog(), reads);
        assert.deepEqual(Object.keys(view.accounts[0].tags ?? {}), ["team"]);
        const more = catalog();
        more.accounts[0].tags = { team: "x", cost: "1" };
        assert.ok(!readsStillHold(more, reads));
        const flattened = { ...catalog(), accounts: "none" };
        assert.ok(!readsStillHold(flattened, reads));
    });
});

describe("stack output reads", () => {
    it("records each output a program reads once, and digests only the values read", () => {
        const reads: OutputReads = {};
        const listen = recordingOutputReads(reads);
        listen("organization", "organizationId");
        listen("organization", "rootId");
        listen("organization", "organizationId");
        listen("orders-prod.global", "zoneId");
        assert.deepEqual(reads, { organization: ["organizationId", "rootId"], "orders-prod.global": ["zoneId"] });
        const outputs = { organization: { organizationId: "o-1", rootId: "r-1", policyIds: { a: "p-1" } }, "orders-prod.global": { zoneId: "Z1" } };
        const seen = outputReadsDigest(reads, outputs);
        assert.equal(
            outputReadsDigest(reads, { ...outputs, organization: { ...outputs.organization, policyIds: { a: "p-1", b: "p-2" } } }),
            seen,
            "policyIds was not read",
        );
        assert.notEqual(outputReadsDigest(reads, { ...outputs, "orders-prod.global": { zoneId: "Z2" } }), seen, "zoneId was read");
        const { rootId: _dropped, ...withoutRoot } = outputs.organization;
        assert.notEqual(outputReadsDigest(reads, { ...outputs, organization: withoutRoot }), seen, "an output read that is gone is a change");
    });
});

describe("incremental plans (render cache)", () => {
    it("reuses every stack when nothing changed, re-renders only what a catalog change reaches, and matches a fresh plan", async () => {
        const root = copyExampleCatalog("meridian-cache-");
        const out = freshDir("meridian-cache-out-");
        const first = await planWithPolicyRun({ root, stackPatterns: ORDERS_PROD, cacheDirectory: out });
        assert.deepEqual([first.run.rendered, first.run.reused], [6, 0]);
        const again = await planWithPolicyRun({ root, stackPatterns: ORDERS_PROD, cacheDirectory: out });
        assert.deepEqual([again.run.rendered, again.run.reused, again.run.policyReevaluated, again.run.deployabilityReassessed], [0, 6, 0, 0]);
        assert.equal(first.run.deployabilityReassessed, 4, "the four selected stacks; the two they read from supply roles only");
        assert.equal(JSON.stringify(again.plan), JSON.stringify(first.plan));

        // Nothing reads a subsystem's description: nothing renders again.
        editFile(root, "stacks/subsystems.yaml", (text) => text.replace("Order capture and fulfilment events.", "Orders."));
        const unread = await planWithPolicyRun({ root, stackPatterns: ORDERS_PROD, cacheDirectory: out });
        assert.deepEqual([unread.run.rendered, unread.run.reused, unread.run.deployabilityReassessed], [0, 6, 0]);

        editFile(root, "stacks/subsystems.yaml", (text) => text.replace("dnsName: orders.meridian.example.com", "dnsName: orders2.meridian.example.com"));
        const cached = await planWithPolicyRun({ root, stackPatterns: ORDERS_PROD, cacheDirectory: out });
        assert.deepEqual([cached.run.rendered, cached.run.reused], [4, 2], "orders-prod.global and its three regional stacks read the dnsName");
        const fresh = await planWithPolicyRun({ root, stackPatterns: ORDERS_PROD });
        assert.equal(JSON.stringify(cached.plan, null, 2), JSON.stringify(fresh.plan, null, 2));
        assert.notEqual(JSON.stringify(cached.plan), JSON.stringify(first.plan));
        assert.match(JSON.stringify(cached.plan), /api\.prod\.orders2\.meridian\.example\.com/);
    });

    it("starts one render worker for a re-plan of a few stacks, and every worker for a plan with nothing to reuse", async () => {
        const root = copyExampleCatalog("meridian-cache-workers-");
        const out = freshDir("meridian-cache-workers-out-");
        const cold = await planWithPolicyRun({ root, stackPatterns: ORDERS_PROD, cacheDirectory: out, jobs: 2 });
        assert.deepEqual(
            cold.run.threads.map((thread) => thread.thread),
            ["worker 1", "worker 2"],
        );
        editFile(root, "stacks/subsystems.yaml", (text) => text.replace("dnsName: orders.meridian.example.com", "dnsName: orders2.meridian.example.com"));
        const warm = await planWithPolicyRun({ root, stackPatterns: ORDERS_PROD, cacheDirectory: out, jobs: 2 });
        assert.equal(warm.run.rendered, 4);
        // Four stacks wait for less than a worker's start-up: the one worker started renders them all.
        assert.deepEqual(
            warm.run.threads.map((thread) => [thread.thread, thread.stacks]),
            [["worker 1", 4]],
        );
    });

    it("runs the pack again on a stack whose policy context changed, though nothing renders again", async () => {
        const root = copyExampleCatalog("meridian-cache-policy-");
        const out = freshDir("meridian-cache-policy-out-");
        const first = await planWithPolicyRun({ root, stackPatterns: ORDERS_PROD, cacheDirectory: out });
        assert.equal(first.plan.policy.mandatory, 0);
        // The failover target reaches the health-check timing rule through each stack's policy context.
        editFile(root, "regions/regions.yaml", (text) => text.replace(/^failoverTargetSeconds: \d+$/m, "failoverTargetSeconds: 30"));
        const cached = await planWithPolicyRun({ root, stackPatterns: ORDERS_PROD, cacheDirectory: out });
        const fresh = await planWithPolicyRun({ root, stackPatterns: ORDERS_PROD });
        assert.ok(cached.plan.policy.findings.some((finding) => finding.policy === "health-check-timing"));
        assert.equal(JSON.stringify(cached.plan, null, 2), JSON.stringify(fresh.plan, null, 2));
        assert.deepEqual([cached.run.rendered, cached.run.policyReevaluated], [0, 4], "every planned stack's context changed; no render did");
    });

    it("re-renders only the organization stack for a new SCP: the stacks reading it read none of the outputs that changed", async () => {
        const root = copyExampleCatalog("meridian-cache-outputs-");
        const out = freshDir("meridian-cache-outputs-out-");
        const first = await planWithPolicyRun({ root, stackPatterns: WITH_ORGANIZATION, cacheDirectory: out });
        fs.writeFileSync(
            path.join(root, "accounts/scps/deny-leave.json"),
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "NoLeaving", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" },
                    { Sid: "NoRules", Effect: "Deny", Action: "events:PutRule", Resource: "*" },
                ],
            }),
        );
        editFile(root, "accounts/organization.yaml", (text) =>
            text.replace(
                "serviceControlPolicies:\n",
                "serviceControlPolicies:\n  - name: deny-leave\n    file: scps/deny-leave.json\n    targets: [Workloads/Prod]\n",
            ),
        );
        const cached = await planWithPolicyRun({ root, stackPatterns: WITH_ORGANIZATION, cacheDirectory: out });
        const organization = (plan: typeof first.plan) => plan.stacks.find((stack) => stack.name === "organization")!;
        assert.notDeepEqual(organization(cached.plan).outputs, organization(first.plan).outputs, "the new policy is among the organization's outputs");
        assert.deepEqual([cached.run.rendered, cached.run.reused], [1, first.run.rendered - 1]);
        // The SCP binds the Prod OU: every orders-prod principal changed though its stacks did not, so every record is made again.
        assert.equal(cached.run.deployabilityReassessed, 5);
        const denied = (plan: typeof first.plan) =>
            plan.stacks.find((stack) => stack.name === "orders-prod.eu-west-1")!.deployability!.denied.map((call) => call.action);
        assert.deepEqual(denied(first.plan), []);
        assert.ok(denied(cached.plan).includes("events:PutRule"), "the new SCP denies the regional stack's rules, though that stack was not rendered again");
        const fresh = await planWithPolicyRun({ root, stackPatterns: WITH_ORGANIZATION });
        assert.equal(JSON.stringify(cached.plan, null, 2), JSON.stringify(fresh.plan, null, 2));
    });

    it("re-renders only the organization stack when an account is appended to the catalog: no other stack lists every account", async () => {
        const root = copyExampleCatalog("meridian-cache-append-");
        const out = freshDir("meridian-cache-append-out-");
        const first = await planWithPolicyRun({ root, stackPatterns: WITH_ORGANIZATION, cacheDirectory: out });
        const file = path.join(root, "accounts/organization.yaml");
        const document = parseDocument(fs.readFileSync(file, "utf8"));
        (document.get("accounts") as YAMLSeq).add(
            document.createNode({ name: "sandbox", email: "aws-sandbox@meridian.example.com", ou: "Workloads/Staging", environment: "staging" }),
        );
        fs.writeFileSync(file, document.toString());
        const cached = await planWithPolicyRun({ root, stackPatterns: WITH_ORGANIZATION, cacheDirectory: out });
        // The organization creates the account; orders-prod.global and the regional stacks looked up only their own.
        assert.deepEqual([cached.run.rendered, cached.run.reused], [1, first.run.rendered - 1]);
        const fresh = await planWithPolicyRun({ root, stackPatterns: WITH_ORGANIZATION });
        assert.equal(JSON.stringify(cached.plan, null, 2), JSON.stringify(fresh.plan, null, 2));
    });

    it("after a component changes, re-renders the kinds of stack that import it, from a rebuilt CLI, identical to --no-cache", function () {
        // Three CLI processes, two of which build the CLI first.
        this.timeout(180_000);
        const copy = repositoryCopy();
        const out = path.join(copy, "plan-out");
        // The first run renders on the build's worker threads.
        const plan = (...flags: string[]) => runMeridian(["plan", "--stack", ...ORDERS_PROD, "--out", out, "--quiet", ...flags], copy);
        const first = plan("--jobs", "2");
        assert.equal(first.status, 0, first.stderr);
        assert.match(first.stdout, /rendered 6 stacks, reused 0 from the render cache/);

        editFile(copy, "components/regional-health-check.ts", (text) => text.replace("the failover rehearsal lever.", "the rehearsal lever."));
        const cached = plan("--jobs", "1");
        assert.equal(cached.status, 0, cached.stderr);
        assert.match(cached.stdout, /rendered 3 stacks, reused 3 from the render cache/, "only the regional stacks import the health check");
        const cachedPlan = fs.readFileSync(path.join(out, "plan.json"), "utf8");
        assert.match(cachedPlan, /report unhealthy: the rehearsal lever\./, "the CLI was rebuilt from the changed source");

        const fresh = plan("--jobs", "1", "--no-cache");
        assert.equal(fresh.status, 0, fresh.stderr);
        assert.match(fresh.stdout, /rendered 6 stacks, reused 0 from the render cache/);
        assert.equal(fs.readFileSync(path.join(out, "plan.json"), "utf8"), cachedPlan);
    });
});

/**
 * The repository's code and catalogs in a scratch directory (packages linked, not copied), for
 * tests that change code. Timestamps are kept, so the copied build is current until a test edits a source.
 */
function repositoryCopy(): string {
    const copy = freshDir("meridian-repo-");
    const entries = [
        "lib",
        "accounts",
        "regions",
        "policies",
        "components",
        "stacks",
        "cli",
        "bench",
        "bin",
        ".build",
        "package.json",
        "package-lock.json",
        "tsconfig.json",
    ];
    for (const entry of entries.filter((name) => fs.existsSync(path.join(REPO_ROOT, name)))) {
        fs.cpSync(path.join(REPO_ROOT, entry), path.join(copy, entry), {
            recursive: true,
            preserveTimestamps: true,
            filter: (source) => !source.includes("node_modules"),
        });
    }
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
    return copy;
}
