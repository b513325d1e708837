import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { loadCatalog } from "../../stacks/catalog";
import { secretsProvider, stackConfig } from "../../stacks/stack-config";
import { checkStackFiles, renderStackFile, stackFilePath } from "../../stacks/stack-files";
import { listStacks } from "../../stacks/stack-list";
import { DeployFleetOptions, deployFleet } from "../../stacks/deploy/deploy-fleet";
import { DEPLOY_STATE_FILE } from "../../stacks/deploy/deploy-state";
import type { ProgressEvent } from "../../stacks/deploy/fleet-run";
import { PEER_BUS_RETRY_REASON } from "../../stacks/deploy/peer-retry";
import { copyExampleCatalog } from "../helpers/example-catalog";
import { FakeBackend, FakeRunner, steppingClock } from "./fake-runner";

const NAME_SERVERS = ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk", "ns-3.awsdns-03.com", "ns-4.awsdns-04.net"];
/** The example fleet's backend with the DNS account's zone deployed, whose name servers the parent zone delegates to. */
const delegatedBackend = (): FakeBackend => ({ outputs: { "shared-services.global": { nameServers: NAME_SERVERS } } });

function deployOptions(root: string, runner: FakeRunner, overrides: Partial<DeployFleetOptions> = {}): DeployFleetOptions {
    return {
        root,
        operation: "up",
        selection: { patterns: [] },
        parallel: 4,
        continueOnError: false,
        policyPacks: [],
        resume: false,
        createRunner: async () => runner,
        onProgress: () => undefined,
        now: steppingClock(),
        resolveNameServers: async () => [...NAME_SERVERS],
        ...overrides,
    };
}

describe("deployFleet", () => {
    it("resumes from the failed stack: the second run skips what succeeded and runs the rest", async () => {
        const root = copyExampleCatalog();
        const first = new FakeRunner(new Set(["orders-prod.global"]), undefined, delegatedBackend());
        const firstReport = await deployFleet(deployOptions(root, first, { continueOnError: true }));
        assert.equal(firstReport.ok, false);
        const failedOrSkipped = firstReport.outcomes.filter((outcome) => outcome.result !== "succeeded").map((outcome) => outcome.stack);
        assert.deepEqual(failedOrSkipped, [
            "orders-prod.global",
            "payments-staging.global",
            "orders-prod.ap-southeast-2",
            "orders-prod.eu-west-1",
            "orders-prod.us-east-1",
            "payments-staging.eu-west-1",
            "payments-staging.us-east-1",
        ]);

        const second = new FakeRunner(undefined, undefined, delegatedBackend());
        const secondReport = await deployFleet(deployOptions(root, second, { resume: true }));
        assert.deepEqual([...second.started].sort(), ["orders-prod.ap-southeast-2", "orders-prod.eu-west-1", "orders-prod.global", "orders-prod.us-east-1"]);
        // payments-staging has no account id yet: still skipped, so the run is not ok.
        assert.equal(secondReport.ok, false);
        const state = JSON.parse(fs.readFileSync(path.join(root, DEPLOY_STATE_FILE), "utf8"));
        assert.equal(state.runs.up.stacks["orders-prod.global"], "succeeded");
        assert.equal(state.runs.up.stacks["audit.global"], "previously-succeeded");

        // A resume of a resume still remembers stacks that succeeded two runs ago.
        const third = new FakeRunner();
        await deployFleet(deployOptions(root, third, { resume: true }));
        assert.deepEqual(third.started, []);
    });

    it("keeps each command's state apart: a preview does not resume from an up", async () => {
        const root = copyExampleCatalog();
        await deployFleet(deployOptions(root, new FakeRunner(), { selection: { patterns: ["organization"] } }));
        const preview = new FakeRunner();
        await deployFleet(deployOptions(root, preview, { operation: "preview", resume: true, selection: { patterns: ["organization"] } }));
        assert.deepEqual(preview.started, ["organization"]);
    });

    it("writes each stack's engine output to its own log and names the log in the failure", async () => {
        const root = copyExampleCatalog();
        const events: ProgressEvent[] = [];
        const report = await deployFleet(deployOptions(root, new FakeRunner(new Set(["organization"])), { onProgress: (event) => events.push(event) }));
        const failure = report.outcomes.find((outcome) => outcome.result === "failed")!;
        assert.equal(failure.detail, "error: organization exploded\nmore detail (log: .meridian/logs/up/organization.log)");
        assert.equal(fs.readFileSync(path.join(root, ".meridian/logs/up/organization.log"), "utf8"), "up organization\n");
    });

    it("rejects a missing policy pack as bad input before creating a runner or writing state", async () => {
        const root = copyExampleCatalog();
        let created = false;
        await assert.rejects(
            deployFleet(
                deployOptions(root, new FakeRunner(), {
                    policyPacks: [path.join(root, "no-such-pack")],
                    createRunner: async () => {
                        created = true;
                        return new FakeRunner();
                    },
                }),
            ),
            (error: unknown) =>
                error instanceof InputError &&
                error.message ===
                    `--policy-pack: "${path.join(root, "no-such-pack")}" is not a policy pack directory (no PulumiPolicy.yaml in ${path.join(root, "no-such-pack")})`,
        );
        assert.equal(created, false);
        assert.equal(fs.existsSync(path.join(root, ".meridian")), false);
    });

    it("rejects a corrupt state file on --resume and leaves it as it was", async () => {
        const root = copyExampleCatalog();
        fs.mkdirSync(path.join(root, ".meridian"));
        fs.writeFileSync(path.join(root, DEPLOY_STATE_FILE), "{ not json");
        await assert.rejects(deployFleet(deployOptions(root, new FakeRunner(), { resume: true })), (error: unknown) => {
            return (
                error instanceof InputError &&
                error.message.startsWith(`${DEPLOY_STATE_FILE}: is not valid JSON (`) &&
                error.message.endsWith("); delete it to start afresh")
            );
        });
        assert.equal(fs.readFileSync(path.join(root, DEPLOY_STATE_FILE), "utf8"), "{ not json");
    });

    it("creates each stack the backend lacks, with the catalog's secrets provider, before its up, and only selects the others", async () => {
        const root = copyExampleCatalog();
        const runner = new FakeRunner(undefined, undefined, { existing: new Set(["organization", "shared-services.global"]) });
        await deployFleet(deployOptions(root, runner, { parallel: 1, selection: { patterns: ["organization", "*.global"] }, continueOnError: true }));
        const perStack = (stack: string) => runner.operations.filter((operation) => operation.endsWith(` ${stack}`));
        assert.deepEqual(perStack("organization"), ["select organization", "up organization"]);
        assert.deepEqual(perStack("shared-services.global"), ["select shared-services.global", "up shared-services.global"]);
        assert.deepEqual(perStack("orders-prod.global"), ["create orders-prod.global", "up orders-prod.global"]);
        assert.deepEqual(runner.operations.slice(0, 4), ["select organization", "up organization", "create audit.global", "up audit.global"]);
        const catalog = loadCatalog(root);
        assert.ok(runner.created.length > 0 && runner.created.every((request) => request.secretsProvider === secretsProvider(catalog, request.stack)));
    });

    it("creates stacks for preview too, but never for refresh", async () => {
        const root = copyExampleCatalog();
        const preview = new FakeRunner(undefined, undefined, { existing: new Set() });
        await deployFleet(deployOptions(root, preview, { operation: "preview", selection: { patterns: ["organization"] } }));
        assert.deepEqual(preview.operations, ["create organization", "preview organization"]);
        const refresh = new FakeRunner(undefined, undefined, { existing: new Set() });
        await deployFleet(deployOptions(root, refresh, { operation: "refresh", selection: { patterns: ["organization"] } }));
        assert.deepEqual(refresh.operations, ["refresh organization"]);
    });

    it("puts a stack file that stack init rewrote back in the generated layout, keeping Pulumi's encryptedkey", async () => {
        const root = copyExampleCatalog();
        const file = path.join(root, stackFilePath("organization"));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const runner = new FakeRunner(undefined, undefined, {
            existing: new Set(),
            // As Pulumi saves a project stack: its own key order, no header, and the new data key.
            onCreate: ({ secretsProvider: url }) =>
                fs.writeFileSync(
                    file,
                    `encryptedkey: c2VhbGVk
secretsprovider: ${url}
config: {}
`,
                ),
        });
        await deployFleet(deployOptions(root, runner, { selection: { patterns: ["organization"] } }));
        const catalog = loadCatalog(root);
        const spec = listStacks(catalog).find((candidate) => candidate.name === "organization")!;
        assert.equal(fs.readFileSync(file, "utf8"), renderStackFile(stackConfig(catalog, spec), secretsProvider(catalog, "organization"), "c2VhbGVk"));
        assert.equal(checkStackFiles(catalog).find((status) => status.stack === "organization")!.state, "ok");
    });

    it("stops before wave 2 when the parent zone is not delegated to the DNS account's zone, and says what to set", async () => {
        const root = copyExampleCatalog();
        const runner = new FakeRunner(undefined, undefined, delegatedBackend());
        const report = await deployFleet(
            deployOptions(root, runner, { continueOnError: true, resolveNameServers: async () => ["ns-9.example-registrar.net."] }),
        );
        assert.equal(report.ok, false);
        const wave2 = report.outcomes.filter((outcome) => outcome.wave === 2);
        assert.ok(wave2.length > 0 && wave2.every((outcome) => outcome.result === "skipped"));
        assert.equal(
            wave2.find((outcome) => outcome.stack === "orders-prod.eu-west-1")!.detail,
            "meridian.example.com is not delegated to its hosted zone: the public DNS answers ns-9.example-registrar.net; " +
                `missing ${[...NAME_SERVERS].sort().join(", ")}; not the zone's: ns-9.example-registrar.net. ` +
                `At its parent zone or registrar, set the name servers to exactly ${[...NAME_SERVERS].sort().join(", ")} (then \`meridian up --resume\`)`,
        );
        assert.ok(report.outcomes.filter((outcome) => outcome.wave < 2 && outcome.result !== "skipped").every((outcome) => outcome.result === "succeeded"));
        assert.deepEqual(
            runner.started.filter((stack) => listStacks(loadCatalog(root)).find((spec) => spec.name === stack)!.wave === 2),
            [],
        );
        assert.equal(runner.operations.filter((operation) => operation === "outputs shared-services.global").length, 1);
    });

    it("runs wave 2 once the delegation holds, and checks it only for up", async () => {
        const root = copyExampleCatalog();
        const up = new FakeRunner(undefined, undefined, delegatedBackend());
        const report = await deployFleet(deployOptions(root, up, { continueOnError: true }));
        assert.ok(report.outcomes.filter((outcome) => outcome.wave === 2 && outcome.result === "succeeded").length > 0);
        const preview = new FakeRunner();
        await deployFleet(deployOptions(root, preview, { operation: "preview", resolveNameServers: async () => [] }));
        assert.ok(!preview.operations.some((operation) => operation.startsWith("outputs")));
        assert.ok(preview.started.some((stack) => stack === "orders-prod.eu-west-1"));
    });

    it("gives a regional stack that fails up a second attempt once its peer regions have run; preview and a lone regional stack get none", async () => {
        const root = copyExampleCatalog();
        // As CreateEndpoint might, while the endpoint's secondary bus (in eu-west-1) does not exist yet.
        const beforePeer = (stack: string, fake: FakeRunner) => stack === "orders-prod.us-east-1" && !fake.finished.includes("orders-prod.eu-west-1");
        const turns = (stack: string) => (stack === "orders-prod.eu-west-1" ? 12 : 1);
        const up = new FakeRunner(beforePeer, turns, delegatedBackend());
        const report = await deployFleet(deployOptions(root, up, { selection: { patterns: ["organization", "orders-prod.*"] } }));
        assert.equal(report.ok, true);
        assert.equal(up.started.filter((stack) => stack === "orders-prod.us-east-1").length, 2);
        assert.equal(report.outcomes.find((outcome) => outcome.stack === "orders-prod.us-east-1")!.retry?.reason, PEER_BUS_RETRY_REASON);
        assert.ok(report.outcomes.filter((outcome) => outcome.stack !== "orders-prod.us-east-1").every((outcome) => outcome.retry === undefined));

        const preview = new FakeRunner(beforePeer, turns, delegatedBackend());
        await deployFleet(deployOptions(root, preview, { operation: "preview", continueOnError: true, selection: { patterns: ["orders-prod.*"] } }));
        assert.equal(preview.started.filter((stack) => stack === "orders-prod.us-east-1").length, 1);

        const alone = new FakeRunner(beforePeer, turns, delegatedBackend());
        const aloneReport = await deployFleet(deployOptions(root, alone, { selection: { patterns: ["orders-prod.us-east-1"] } }));
        assert.equal(alone.started.filter((stack) => stack === "orders-prod.us-east-1").length, 1);
        assert.equal(aloneReport.outcomes[0].result, "failed");
    });

    it("resolves policy packs to absolute paths and hands them to the runner", async () => {
        const root = copyExampleCatalog();
        fs.mkdirSync(path.join(root, "policies"));
        fs.writeFileSync(path.join(root, "policies/PulumiPolicy.yaml"), "runtime: nodejs\n");
        const runner = new FakeRunner();
        await deployFleet(
            deployOptions(root, runner, { operation: "preview", policyPacks: [path.join(root, "policies")], selection: { patterns: ["organization"] } }),
        );
        assert.deepEqual(runner.requests[0].policyPacks, [path.join(root, "policies")]);
    });
});
