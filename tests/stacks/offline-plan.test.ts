import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { planFleet, renderInDependencyOrder } from "../../stacks/plan";
import { renderStack } from "../../stacks/offline/render-stack";
import { planWithPolicyRun } from "../../cli/plan-with-policy";
import { planJson } from "../../stacks/plan-text";
import type { RenderJob, RenderResult } from "../../stacks/offline/render-result";
import type { StackRenderer } from "../../stacks/offline/stack-renderer";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exampleFleetPlan, REPO_ROOT } from "../helpers/example-catalog";
import { runMeridianInProcess } from "../helpers/cli";
import type { Catalog } from "../../stacks/catalog-types";
import type { StackSpec } from "../../lib/contracts/stack-spec";

/** A probe program: records what it can see of config, and registers resources named after its stack. */
function probeProgram(seen: Map<string, Record<string, unknown>>) {
    return (_catalog: Catalog, spec: StackSpec) => async () => {
        const config = new pulumi.Config("meridian");
        seen.set(spec.name, { account: config.get("account"), region: new pulumi.Config("aws").get("region"), stack: pulumi.getStack() });
        const outer = new pulumi.ComponentResource("meridian:test:Outer", "outer");
        const inner = new pulumi.ComponentResource("meridian:test:Inner", "inner", {}, { parent: outer });
        const queue = new aws.sqs.Queue(`queue-${spec.name}`, {}, { parent: inner });
        const role = new aws.iam.Role("role", { name: `${spec.account}-probe`, assumeRolePolicy: "{}" }, { protect: true, retainOnDelete: true });
        const eu = new aws.Provider("eu", { region: "eu-west-1" });
        const euQueue = new aws.sqs.Queue("eu-queue", { name: role.name.apply((name) => `${name}-eu`) }, { provider: eu });
        return { own: spec.name, queueUrl: queue.url, roleArn: role.arn, euQueueArn: euQueue.arn };
    };
}

describe("offline plan engine", () => {
    it("isolates stacks rendered in one process: config, resources and outputs never leak", async () => {
        const seen = new Map<string, Record<string, unknown>>();
        const plan = await planFleet({
            root: REPO_ROOT,
            stackPatterns: ["organization", "audit.global", "orders-prod.eu-west-1"],
            programFor: probeProgram(seen),
        });
        assert.deepEqual(seen.get("organization"), { account: "management", region: "us-east-1", stack: "organization" });
        assert.deepEqual(seen.get("audit.global"), { account: "audit", region: "us-east-1", stack: "audit.global" });
        assert.deepEqual(seen.get("orders-prod.eu-west-1"), { account: "orders-prod", region: "eu-west-1", stack: "orders-prod.eu-west-1" });
        for (const stack of plan.stacks) {
            const foreign = stack.resources.filter(
                (resource) =>
                    !resource.urn.startsWith(`urn:pulumi:${stack.name}::`) || (resource.name.startsWith("queue-") && resource.name !== `queue-${stack.name}`),
            );
            assert.deepEqual(foreign, [], `${stack.name} holds another stack's resources`);
            assert.equal(stack.outputs.own, stack.name);
        }
        // orders-prod.global was rendered because orders-prod.eu-west-1 depends on it, but it was not asked for.
        assert.deepEqual(
            plan.stacks.map((stack) => stack.name),
            ["organization", "audit.global", "orders-prod.eu-west-1"],
        );
        assert.ok(seen.has("orders-prod.global"));
    });

    it("records engine-style URNs, options, provider regions and computed outputs", async () => {
        const plan = await planFleet({ root: REPO_ROOT, stackPatterns: ["orders-prod.eu-west-1"], programFor: probeProgram(new Map()) });
        const stack = plan.stacks[0];
        const byName = new Map(stack.resources.map((resource) => [resource.name, resource]));
        assert.equal(
            byName.get("queue-orders-prod.eu-west-1")?.urn,
            "urn:pulumi:orders-prod.eu-west-1::meridian::meridian:test:Outer$meridian:test:Inner$aws:sqs/queue:Queue::queue-orders-prod.eu-west-1",
        );
        assert.equal(byName.get("inner")?.parent, "urn:pulumi:orders-prod.eu-west-1::meridian::meridian:test:Outer::outer");
        const role = byName.get("role")!;
        assert.equal(role.protect, true);
        assert.equal(role.retainOnDelete, true);
        assert.equal(role.outputs.arn, "arn:aws:iam::555555555555:role/orders-prod-probe");
        assert.equal(role.provider, "urn:pulumi:orders-prod.eu-west-1::meridian::pulumi:providers:aws::default_7_48_0");
        const euQueue = byName.get("eu-queue")!;
        assert.equal(euQueue.region, "eu-west-1");
        assert.equal(euQueue.provider, "urn:pulumi:orders-prod.eu-west-1::meridian::pulumi:providers:aws::eu");
        // An input built from another resource's output arrives resolved.
        assert.equal(euQueue.inputs.name, "orders-prod-probe-eu");
        assert.equal(stack.outputs.euQueueArn, "arn:aws:sqs:eu-west-1:555555555555:orders-prod-probe-eu");
    });

    it("answers a StackReference from the stacks already rendered, and fails loudly on one the stack does not declare", async () => {
        const program = (_catalog: Catalog, spec: StackSpec) => async () => {
            if (spec.name === "organization") return { greeting: "from the organization stack" };
            if (spec.name !== "audit.global" && spec.name !== "orders-prod.global") return {};
            const reference = new pulumi.StackReference(spec.name === "audit.global" ? "organization" : "payments-prod.global");
            return { read: reference.getOutput("greeting") };
        };
        const plan = await planFleet({ root: REPO_ROOT, stackPatterns: ["audit.global"], programFor: program });
        assert.equal(plan.stacks[0].outputs.read, "from the organization stack");
        await assert.rejects(
            planFleet({ root: REPO_ROOT, stackPatterns: ["orders-prod.global"], programFor: program }),
            /stack orders-prod\.global failed to render:\n.*stack orders-prod\.global reads stack payments-prod\.global, which it does not declare; its pipeline may read only the state of the stacks it declares: add "payments-prod\.global" to its dependsOn/,
        );
    });

    it("rejects a --stack pattern that matches nothing, naming the stacks there are", async () => {
        await assert.rejects(planFleet({ root: REPO_ROOT, stackPatterns: ["orders-qa.*"] }), (error: Error) => {
            assert.match(error.message, /^command line: --stack: "orders-qa\.\*" matches no stack \(stacks: organization, audit\.global, /);
            return true;
        });
    });

    it("records which inputs were secret, with their values unwrapped", async () => {
        const program = () => async () => {
            new aws.ssm.Parameter("token", { type: "SecureString", value: "from-the-catalog", tags: { note: pulumi.secret("hidden") } });
            return {};
        };
        const plan = await planFleet({ root: REPO_ROOT, stackPatterns: ["organization"], programFor: program });
        const parameter = plan.stacks[0].resources.find((resource) => resource.name === "token")!;
        // `value` is secret by the provider's schema; a secret inside `tags` makes the SDK send the whole map as secret.
        assert.deepEqual(parameter.secretInputs, ["tags", "value"]);
        assert.equal(parameter.inputs.value, "from-the-catalog");
        assert.ok(plan.stacks[0].resources.filter((resource) => resource.name !== "token").every((resource) => resource.secretInputs === undefined));
    });

    it("fails on an invoke it cannot answer instead of inventing a value", async () => {
        const program = () => async () => {
            await aws.ec2.getVpc({ default: true });
            return {};
        };
        await assert.rejects(
            planFleet({ root: REPO_ROOT, stackPatterns: ["organization"], programFor: program }),
            /the offline plan has no answer for invoke aws:ec2\/getVpc:getVpc/,
        );
    });

    it("renders one stack at a time per thread: a second render while one runs, or one inside an async-local store, is refused", async () => {
        const spec: StackSpec = { name: "probe", wave: 0, kind: "organization", account: "management", region: "us-east-1", dependsOn: [] };
        const request = (program: () => Promise<Record<string, unknown>>) => ({
            spec,
            project: "meridian",
            config: {},
            program,
            cloud: { accountId: "111111111111", managementAccountId: "111111111111", partition: "aws" as const, renderedOutputs: new Map() },
        });
        let release = () => {};
        const gate = new Promise<void>((resolve) => (release = resolve));
        const first = renderStack(request(async () => (await gate, { own: "first" })));
        await assert.rejects(renderStack(request(async () => ({}))), /a stack is already rendering in this thread/);
        release();
        assert.equal((await first).outputs.own, "first");
        // Once the first is done, the thread renders again, in a store of its own.
        assert.equal((await renderStack(request(async () => ({ own: pulumi.getStack() })))).outputs.own, "probe");
        const state = require("@pulumi/pulumi/runtime/state") as { withLocalStorage<T>(body: () => Promise<T>): Promise<T> };
        await assert.rejects(
            state.withLocalStorage(() => renderStack(request(async () => ({})))),
            /cannot render inside the Pulumi SDK's async-local store/,
        );
    });
});

describe("offline plan on worker threads", () => {
    it("gives a plan byte-identical to a one-thread plan, rendering on every worker, written from the texts the workers serialised", async () => {
        const { plan, run } = await planWithPolicyRun({ root: REPO_ROOT, jobs: 2 });
        assert.equal(JSON.stringify(plan, null, 2), JSON.stringify(await exampleFleetPlan(), null, 2));
        assert.equal(planJson(plan), `${JSON.stringify(plan, null, 2)}\n`);
        // Written from the texts the workers made: no planned stack is handed to JSON.stringify again.
        const stringified: unknown[] = [];
        const stringify = JSON.stringify;
        JSON.stringify = ((value: unknown, ...rest: Parameters<typeof stringify> extends [unknown, ...infer R] ? R : never) => {
            stringified.push(value);
            return stringify(value, ...rest);
        }) as typeof JSON.stringify;
        try {
            planJson(plan);
        } finally {
            JSON.stringify = stringify;
        }
        const planned = new Set<unknown>(plan.stacks);
        const nested = (value: unknown): boolean => planned.has(value) || (Array.isArray(value) && value.some(nested));
        assert.deepEqual(stringified.filter(nested).length, 0, "a planned stack was serialised again");
        const changed = { ...plan, stacks: plan.stacks.map((stack) => ({ ...stack, outputs: { changed: true } })) };
        assert.equal(planJson(changed), `${JSON.stringify(changed, null, 2)}\n`, "a stack that is a new object is serialised afresh");
        assert.equal(planJson({ ...plan, stacks: [] }), `${JSON.stringify({ ...plan, stacks: [] }, null, 2)}\n`);
        assert.deepEqual(
            run.threads.map((thread) => thread.thread),
            ["worker 1", "worker 2"],
        );
        assert.ok(
            run.threads.every((thread) => thread.stacks > 0 && thread.peakHeapMB > 0),
            JSON.stringify(run.threads),
        );
        assert.equal(run.rendered, plan.stacks.length);
    });

    it("starts a stack only once every stack it depends on is done, and independent stacks at once", async () => {
        const spec = (name: string, dependsOn: string[]): StackSpec => ({ name, wave: 0, kind: "account", account: name, region: "us-east-1", dependsOn });
        const specs = [spec("root", []), spec("left", ["root"]), spec("right", ["root"]), spec("leaf", ["left", "right"])];
        const events: string[] = [];
        let running = 0;
        let mostAtOnce = 0;
        const renderer: StackRenderer = {
            async render(job: RenderJob): Promise<RenderResult> {
                events.push(`start ${job.spec.name}`);
                mostAtOnce = Math.max(mostAtOnce, ++running);
                await new Promise((resolve) => setTimeout(resolve, job.spec.name === "left" ? 30 : 5));
                running -= 1;
                events.push(`end ${job.spec.name}`);
                return {
                    stack: { ...job.spec, outputs: {}, resources: [] },
                    text: "{}",
                    digest: job.spec.name,
                    catalogReads: {},
                    outputReads: {},
                    milliseconds: 1,
                };
            },
            close: async () => [],
        };
        await renderInDependencyOrder(specs, {
            renderer,
            jobFor: (spec) => ({ spec, project: "p", config: {}, accountId: "1", managementAccountId: "1", partition: "aws", dependencyOutputs: {} }),
            onDone: () => undefined,
        });
        const at = (event: string) => events.indexOf(event);
        assert.ok(at("end root") < at("start left") && at("end root") < at("start right"));
        assert.ok(at("end left") < at("start leaf") && at("end right") < at("start leaf"), events.join(", "));
        assert.equal(mostAtOnce, 2, "left and right render at once");
    });
});

describe("meridian plan (command)", () => {
    it("prints machine-readable results with --format json and writes plan.json with the versioned schema", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-plan-json-"));
        const result = await runMeridianInProcess(["plan", "--stack", "organization", "--out", out, "--format", "json", "--quiet"]);
        assert.equal(result.status, 0, result.stderr);
        const printed = JSON.parse(result.stdout) as { written: string[]; stacks: Array<{ name: string; resources: number }>; policy: { mandatory: number } };
        assert.deepEqual(printed.written, [path.join(out, "plan.json"), path.join(out, "summary.txt")]);
        assert.deepEqual(
            printed.stacks.map((stack) => stack.name),
            ["organization"],
        );
        const written = JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8")) as { schemaVersion: number; stacks: Array<{ resources: unknown[] }> };
        assert.equal(written.schemaVersion, 1);
        assert.equal(written.stacks[0].resources.length, printed.stacks[0].resources);
        assert.match(fs.readFileSync(path.join(out, "summary.txt"), "utf8"), /^wave 0: 1 stack, \d+ resources$/m);
    });
});
