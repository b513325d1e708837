import { ChildProcessByStdio, spawn } from "child_process";
import * as path from "path";
import type { Readable } from "stream";
import type * as grpc from "@grpc/grpc-js";
import type * as emptyProto from "google-protobuf/google/protobuf/empty_pb";
import type * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type { NormalisedStack } from "../../../policies/normalised-stack";
import type { PolicyPackConfig } from "../../../policies/policy-config";
import { configValidationErrors, EngineEnforcementLevel, EnginePolicyConfig, EnginePolicyInfo, reconcilePolicyConfig } from "./engine-config";
import { analyzeRequest, analyzeStackRequest, ProtoModules } from "./engine-marshal";

/**
 * A policy pack started and driven exactly as the Pulumi CLI does it, for tests.
 *
 * Start-up follows pulumi/pulumi at commit 1b5949891b3cefcb9974752b24a5ecef0acc86c8:
 * - sdk/nodejs/cmd/pulumi-language-nodejs/main.go, RunPlugin: for kind=analyzer the Node language
 *   host runs `node <@pulumi/pulumi/cmd/run-policy-pack, located from the pack's folder> <engine
 *   address> <pack folder>` with the pack's folder as working directory, and the stack's
 *   configuration in PULUMI_CONFIG (a JSON object of `namespace:key` → string) plus
 *   PULUMI_NODEJS_{ORGANIZATION,PROJECT,STACK,DRY_RUN};
 * - sdk/nodejs/cmd/run-policy-pack/run.ts registers ts-node with `typeCheck: true`, the pack's
 *   tsconfig.json compiler options laid over its own defaults, then requires the pack, whose
 *   `new PolicyPack(...)` prints the analyzer's port on stdout.
 *
 * The calls follow pkg/resource/plugin/analyzer_plugin.go (NewPolicyAnalyzer: ConfigureStack
 * when the pack implements it) and pkg/engine/update.go (GetAnalyzerInfo, then the reconciled
 * policy config through Configure), then Analyze once per resource with its inputs and
 * AnalyzeStack once with every resource's outputs (pkg/resource/deploy/step_generator.go).
 *
 * One process serves a whole mocha suite: each stack is configured with its own ConfigureStack and
 * Configure calls before its resources are analysed, as a fresh `pulumi up` would configure a
 * fresh process. The pack keeps no state between calls beyond that configuration.
 */

export interface RunnerOutcome {
    rule: string;
    /** The resource judged; absent for stack rules. */
    urn?: string;
    status: "pass" | "violation" | "not-applicable" | "cannot-check";
    /** `level urn: message` per diagnostic, sorted; cannot-check messages reduced to the unknown property's path. */
    findings: string[];
    reason?: string;
}

export interface StackRun {
    stack: NormalisedStack;
    /** The stack's configuration as the engine reads it: `namespace:key` → value (structured values as JSON text). */
    stackConfig?: Record<string, string>;
    /** The `--policy-pack-config` document. */
    policyConfig?: PolicyPackConfig;
    /** `pulumi preview`, as opposed to `pulumi up`. */
    dryRun: boolean;
}

const PROJECT = "meridian";
const ENFORCEMENT_LEVELS: Record<number, EngineEnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

/** `... during preview: string value at .policy can't be known during preview` → `cannot check .policy`, whoever wrote it. */
export function findingKey(level: string, urn: string | undefined, message: string): string {
    const unknown = /value at (\.\S*) can't be known during preview/.exec(message);
    return `${level} ${urn ?? "(stack)"}: ${unknown ? `cannot check ${unknown[1]}` : message}`;
}

/** @pulumi/policy's reportViolation sends `<policy description>\n<message>`; the message is what the rule reported. */
function reportedMessage(diagnostic: analyzerProto.AnalyzeDiagnostic): string {
    const prefix = `${diagnostic.getDescription()}\n`;
    const message = diagnostic.getMessage();
    return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** One unary gRPC call as a promise. */
function unary<Response>(invoke: (done: (error: grpc.ServiceError | null, response: Response) => void) => unknown): Promise<Response> {
    return new Promise((resolve, reject) => invoke((error, response) => (error ? reject(error) : resolve(response))));
}

export class PolicyPackProcess {
    private info: EnginePolicyInfo[] = [];
    private stderr = "";

    private constructor(
        private readonly child: ChildProcessByStdio<null, Readable, Readable>,
        private readonly client: analyzerGrpc.AnalyzerClient,
        private readonly modules: ProtoModules & { empty: typeof emptyProto },
    ) {
        child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    }

    /** Starts the pack in `packDir` as the Node language host does, and waits for its port. */
    static async start(packDir: string, stackConfig: Record<string, string> = {}): Promise<PolicyPackProcess> {
        const fromPack = (request: string) => require.resolve(request, { paths: [packDir] });
        const runPolicyPack = fromPack("@pulumi/pulumi/cmd/run-policy-pack");
        const sdkDir = path.dirname(fromPack("@pulumi/pulumi/package.json"));
        const fromSdk = (request: string) => require(require.resolve(request, { paths: [sdkDir] }));
        const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TS_NODE_")));
        Object.assign(env, {
            PULUMI_CONFIG: JSON.stringify(stackConfig),
            PULUMI_NODEJS_PROJECT: PROJECT,
            PULUMI_NODEJS_STACK: "test",
            PULUMI_NODEJS_ORGANIZATION: "organization",
            PULUMI_NODEJS_DRY_RUN: "false",
        });
        // The engine address goes first; run-policy-pack drops it, and the pack serves its own port.
        const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:0", packDir], { cwd: packDir, env, stdio: ["ignore", "pipe", "pipe"] });
        const port = await new Promise<string>((resolve, reject) => {
            let out = "";
            let err = "";
            child.stdout.on("data", (chunk: Buffer) => {
                out += chunk.toString();
                if (out.includes("\n")) resolve(out.split("\n")[0].trim());
            });
            child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
            child.on("exit", (code) => reject(new Error(`the policy pack exited with ${code} before serving:\n${err}${out}`)));
        });
        const grpcJs = fromSdk("@grpc/grpc-js") as typeof grpc;
        const services = fromSdk("@pulumi/pulumi/proto/analyzer_grpc_pb") as typeof analyzerGrpc;
        const modules = {
            analyzer: fromSdk("@pulumi/pulumi/proto/analyzer_pb") as typeof analyzerProto,
            struct: fromSdk("google-protobuf/google/protobuf/struct_pb"),
            empty: fromSdk("google-protobuf/google/protobuf/empty_pb") as typeof emptyProto,
        };
        const client = new services.AnalyzerClient(`127.0.0.1:${port}`, grpcJs.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
        });
        const pack = new PolicyPackProcess(child, client, modules);
        pack.info = await pack.analyzerInfo();
        return pack;
    }

    get policies(): readonly EnginePolicyInfo[] {
        return this.info;
    }

    private async analyzerInfo(): Promise<EnginePolicyInfo[]> {
        const response = await unary<analyzerProto.AnalyzerInfo>((done) => this.client.getAnalyzerInfo(new this.modules.empty.Empty(), done));
        return response.getPoliciesList().map((policy) => {
            const schema = policy.getConfigschema();
            return {
                name: policy.getName(),
                type: policy.getPolicyType() === this.modules.analyzer.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
                enforcementLevel: ENFORCEMENT_LEVELS[policy.getEnforcementlevel()],
                configSchema: schema
                    ? {
                          properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
                          required: schema.getRequiredList(),
                      }
                    : undefined,
            };
        });
    }

    private async configure(run: StackRun): Promise<Record<string, EnginePolicyConfig>> {
        const stackRequest = new this.modules.analyzer.AnalyzerStackConfigureRequest();
        stackRequest.setStack(run.stack.name);
        stackRequest.setProject(PROJECT);
        stackRequest.setOrganization("organization");
        stackRequest.setDryRun(run.dryRun);
        for (const [key, value] of Object.entries(run.stackConfig ?? {})) stackRequest.getConfigMap().set(key, value);
        await unary<analyzerProto.AnalyzerStackConfigureResponse>((done) => this.client.configureStack(stackRequest, done));

        const config = reconcilePolicyConfig(this.info, run.policyConfig ?? {});
        const errors = configValidationErrors(this.info, config);
        if (errors.length) throw new Error(`the Pulumi CLI would refuse this policy config:\n${errors.join("\n")}`);
        const request = new this.modules.analyzer.ConfigureAnalyzerRequest();
        const levels = Object.entries(ENFORCEMENT_LEVELS);
        for (const [name, entry] of Object.entries(config)) {
            const policyConfig = new this.modules.analyzer.PolicyConfig();
            policyConfig.setEnforcementlevel(Number(levels.find(([, level]) => level === entry.enforcementLevel)?.[0]));
            policyConfig.setProperties(this.modules.struct.Struct.fromJavaScript(entry.properties as Record<string, null>));
            request.getPolicyconfigMap().set(name, policyConfig);
        }
        await unary<emptyProto.Empty>((done) => this.client.configure(request, done));
        return config;
    }

    /** Runs one stack through the pack as `pulumi preview`/`pulumi up` would, and reads back every policy's outcome. */
    async analyze(run: StackRun): Promise<RunnerOutcome[]> {
        const config = await this.configure(run);
        const enabled = (type: EnginePolicyInfo["type"]) =>
            this.info.filter((policy) => config[policy.name].enforcementLevel !== "disabled" && policy.type === type).map((policy) => policy.name);
        const outcomes: RunnerOutcome[] = [];
        for (const resource of run.stack.resources) {
            const request = analyzeRequest(this.modules, run.stack, resource);
            const response = await unary<analyzerProto.AnalyzeResponse>((done) => this.client.analyze(request, done));
            outcomes.push(...this.outcomes(response, enabled("resource"), resource.urn));
        }
        const stackRequest = analyzeStackRequest(this.modules, run.stack);
        const response = await unary<analyzerProto.AnalyzeResponse>((done) => this.client.analyzeStack(stackRequest, done));
        outcomes.push(...this.outcomes(response, enabled("stack"), undefined));
        return outcomes;
    }

    private outcomes(response: analyzerProto.AnalyzeResponse, policies: readonly string[], urn: string | undefined): RunnerOutcome[] {
        const diagnostics = response.getDiagnosticsList();
        const notApplicable = new Map(response.getNotApplicableList().map((entry) => [entry.getPolicyName(), entry.getReason()]));
        return policies.map((rule) => {
            const own = diagnostics.filter((diagnostic) => diagnostic.getPolicyname() === rule);
            const findings = own
                .map((diagnostic) => findingKey(ENFORCEMENT_LEVELS[diagnostic.getEnforcementlevel()], diagnostic.getUrn() || urn, reportedMessage(diagnostic)))
                .sort();
            const unknown = own.some((diagnostic) => /^can't run policy .* during preview:/.test(diagnostic.getMessage()));
            if (unknown) return { rule, urn, status: "cannot-check", findings };
            if (findings.length) return { rule, urn, status: "violation", findings };
            if (notApplicable.has(rule)) return { rule, urn, status: "not-applicable", findings, reason: notApplicable.get(rule) };
            return { rule, urn, status: "pass", findings };
        });
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode !== null) return;
        const exited = new Promise((resolve) => this.child.once("exit", resolve));
        this.child.kill();
        await exited;
    }

    /** What the pack wrote on stderr, for failure messages. */
    get log(): string {
        return this.stderr;
    }
}
