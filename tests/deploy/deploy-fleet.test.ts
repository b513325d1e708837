import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../lib/input-error";
import { DeployFleetOptions, deployFleet } from "../../stacks/deploy/deploy-fleet";
import { DEPLOY_STATE_FILE } from "../../stacks/deploy/deploy-state";
import type { ProgressEvent } from "../../stacks/deploy/fleet-run";
import { copyExampleCatalog } from "../helpers/example-catalog";
import { FakeRunner, steppingClock } from "./fake-runner";

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
        ...overrides,
    };
}

describe("deployFleet", () => {
    it("resumes from the failed stack: the second run skips what succeeded and runs the rest", async () => {
        const root = copyExampleCatalog();
        const first = new FakeRunner(new Set(["orders-prod.global"]));
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

        const second = new FakeRunner();
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
