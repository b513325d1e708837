import { Command, Option } from "commander";
import { action, formatOption, printJson } from "../command-kit";
import { InputError } from "../../lib/input-error";
import { DEFAULT_STATE_FILE } from "../../regions/failover/state-file";

/**
 * `meridian failover simulate | rehearse | restore`: the SRE's what-if and game day. The logic is
 * in regions/ (topology, routing model, detection bound, the rehearsal orchestrator); this file
 * only parses flags, wires the AWS SDK and signals, and prints.
 */

const DEFAULT_TIMEOUT_SECONDS = 900;

interface SimulateOptions {
    plan?: string;
    subsystem?: string;
    env?: string;
    root?: string;
    down?: string[];
    format: "text" | "json" | "mermaid";
}

interface RehearseOptions {
    subsystem: string;
    env: string;
    region: string;
    lever: "invert" | "switch";
    dryRun: boolean;
    yes: boolean;
    report?: string;
    timeout: string;
    poll: string;
    plan?: string;
    root?: string;
    stateFile: string;
    clientSubnet?: string[];
    format: "text" | "json";
}

function positiveInteger(flag: string, value: string): number {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0) {
        throw InputError.single("command line", flag, `${JSON.stringify(value)} is not a positive whole number of seconds`);
    }
    return parsed;
}

interface RestoreOptions {
    stateFile: string;
    subsystem?: string;
    env?: string;
    region?: string;
    root: string;
    dryRun: boolean;
    format: string;
}

/** The AWS SDK side of a rehearsal or a restore. */
async function liveGateways() {
    const { SdkRoute53Gateway } = await import("../../regions/failover/route53-gateway");
    const { SdkParameterGateway } = await import("../../regions/failover/ssm-gateway");
    const { SdkSchedulerGateway } = await import("../../regions/failover/scheduler-gateway");
    const { SdkIdentityGateway } = await import("../../regions/failover/identity-gateway");
    const { systemClock } = await import("../../regions/failover/gateway");
    return {
        route53: new SdkRoute53Gateway(),
        parameters: new SdkParameterGateway(),
        scheduler: new SdkSchedulerGateway(),
        identity: new SdkIdentityGateway(),
        clock: systemClock,
    };
}

async function askOperator(summary: string, region: string, controller: AbortController): Promise<boolean> {
    const { createInterface } = await import("readline/promises");
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    // In a terminal readline swallows Ctrl-C; make it stop the run as it does everywhere else.
    prompt.on("SIGINT", () => controller.abort("SIGINT"));
    try {
        process.stderr.write(`${summary}\n`);
        const answer = await prompt.question(`Type the region code (${region}) to drain it, anything else to stop: `, { signal: controller.signal });
        return answer.trim() === region;
    } catch (error) {
        if (controller.signal.aborted) return false;
        throw error;
    } finally {
        prompt.close();
    }
}

/** `out.json`, `out.md` or `out` → writes `out.json` and `out.md`. */
function reportPaths(file: string): { json: string; markdown: string } {
    const base = file.replace(/\.(json|md)$/i, "");
    return { json: `${base}.json`, markdown: `${base}.md` };
}

export function register(program: Command): void {
    const failover = program
        .command("failover")
        .description("rehearse regional failover: offline what-if (simulate) and live game day against Route 53 (rehearse, restore)");

    failover
        .command("simulate")
        .description(
            "what happens when regions go down: per latency name, which region answers each client region before and after; " +
                "where each global endpoint publishes; each region's detection-time bound per failure class (best, typical, worst; boundSeconds is the worst); " +
                "warnings (all regions down, record with no health check, single-region subsystem, replication gaps, events a third region never " +
                "receives during an endpoint failover, endpoints in regions without global endpoints, detection slower than regions.yaml's failoverTargetSeconds)",
        )
        .option("--plan <file>", "a plan.json written by `meridian plan` (default: plan the catalog under --root)")
        .option("--root <dir>", "tree holding the catalogs (default: the plan's root, else the current directory)")
        .option("--subsystem <name>", "only this subsystem")
        .option("--env <environment>", "only this environment")
        .option("--down <regions...>", "a scenario: regions down together, comma-separated; repeat for more scenarios (default: each region down in turn)")
        .addOption(formatOption(["text", "json", "mermaid"]))
        .addHelpText(
            "after",
            "\nExamples:\n  meridian failover simulate --plan plan-out/plan.json\n  meridian failover simulate --down eu-west-1 --down us-east-1,eu-west-1\n  meridian failover simulate --format mermaid > topology.mmd\n" +
                "\nExit codes: 0 simulated (warnings are part of the report), 2 bad flags, plan or catalog.\n",
        )
        .action(
            action(async (options: SimulateOptions) => {
                const { loadFailoverInput } = await import("../failover-input");
                const { parseScenarios } = await import("../../regions/failover/scenarios");
                const { extractTopology } = await import("../../regions/topology");
                const input = await loadFailoverInput({ plan: options.plan, root: options.root });
                const scenarios = parseScenarios(options.down, input.regions);
                const topologies = extractTopology(input.plan).filter(
                    (t) => (!options.subsystem || t.subsystem === options.subsystem) && (!options.env || t.environment === options.env),
                );
                if (topologies.length === 0) {
                    throw InputError.single("command line", options.subsystem ? "--subsystem" : "--env", "matches no subsystem environment in the plan");
                }
                if (options.format === "mermaid") {
                    const { renderMermaid } = await import("../../regions/failover/mermaid");
                    process.stdout.write(renderMermaid(topologies));
                    return 0;
                }
                const { simulate } = await import("../../regions/failover/simulate");
                const report = simulate(topologies, input.regions, { scenarios });
                if (options.format === "json") printJson(report);
                else {
                    const { renderSimulationText } = await import("../../regions/failover/simulate-text");
                    process.stdout.write(renderSimulationText(report));
                }
                return 0;
            }),
        );

    failover
        .command("rehearse")
        .description(
            "LIVE: drain one region of a subsystem environment on purpose, measure the time to detect, to shift DNS and to recover, " +
                "and put everything back. Takes a lock in AWS (one rehearsal per subsystem environment) and arms an AWS-side revert " +
                "(an EventBridge Scheduler one-time schedule) before pulling the lever. Preflight refuses when the region is not healthy, " +
                "when no other region would be, when the checks or record are not found, when the credentials are for another account, " +
                "or when an earlier run left a state file or holds the lock; it runs again after the confirmation prompt. While drained it " +
                "stops and restores at once if a peer region or the global endpoint's secondary turns unhealthy. Restores on error, " +
                "Ctrl-C, SIGTERM, SIGHUP and timeout.",
        )
        .requiredOption("--subsystem <name>", "subsystem to drain")
        .requiredOption("--env <environment>", "environment (e.g. prod, staging)")
        .requiredOption("--region <code>", "region to drain")
        .addOption(
            new Option("--lever <lever>", "invert: invert the region's calculated health check; switch: set the force-unhealthy SSM parameter")
                .choices(["invert", "switch"])
                .default("invert"),
        )
        .option("--dry-run", "print every API call it would make; read-only calls are made, nothing is changed", false)
        .option("--yes", "do not ask for confirmation", false)
        .option("--report <file>", "write the report as <file>.json and <file>.md")
        .option(
            "--timeout <seconds>",
            "hard limit for the whole run; the lever is restored when it expires, by this process or by the AWS-side revert",
            String(DEFAULT_TIMEOUT_SECONDS),
        )
        .option("--poll <seconds>", "seconds between status and DNS polls (at most the checks' request interval, so no probe is missed)", "10")
        .option("--plan <file>", "a plan.json written by `meridian plan` (default: plan the catalog under --root)")
        .option("--root <dir>", "tree holding the catalogs")
        .option("--state-file <file>", "where this machine keeps its copy of the undo record while the region is drained", DEFAULT_STATE_FILE)
        .option("--client-subnet <region=ip...>", "client address per region for TestDNSAnswer's EDNS client subnet (overrides the built-in table)")
        .addOption(formatOption())
        .addHelpText(
            "after",
            "\nExamples:\n  meridian failover rehearse --subsystem orders --env staging --region eu-west-1 --dry-run\n" +
                "  meridian failover rehearse --subsystem orders --env staging --region eu-west-1 --lever switch --report gameday/orders-eu\n" +
                "\nExit codes: 0 completed (or dry run), 1 refused, aborted by a stop condition, interrupted, timed out or failed, 2 bad flags or catalog.\n",
        )
        .action(
            action(async (options: RehearseOptions) => {
                const timeoutSeconds = positiveInteger("--timeout", options.timeout);
                const pollSeconds = positiveInteger("--poll", options.poll);
                if (!options.yes && !options.dryRun && !process.stdin.isTTY) {
                    throw InputError.single(
                        "command line",
                        "--yes",
                        "stdin is not a terminal, so the rehearsal cannot ask for confirmation: pass --yes to drain the region without asking, or --dry-run to see what it would do",
                    );
                }
                const { loadFailoverInput } = await import("../failover-input");
                const { extractTopology } = await import("../../regions/topology");
                const { rehearsalTarget } = await import("../../regions/failover/rehearsal-target");
                const { clientLocations } = await import("../../regions/failover/client-subnets");
                const input = await loadFailoverInput({ plan: options.plan, root: options.root });
                const target = rehearsalTarget(extractTopology(input.plan), options.subsystem, options.env, options.region, input.regions.homeRegion);
                const clients = clientLocations(
                    input.regions.regions.map((r) => r.code),
                    options.clientSubnet,
                );
                const { resilientWriter, stopOnSignals } = await import("../../regions/failover/operator-signals");
                const log = resilientWriter(process.stderr);

                const gateways = await liveGateways();
                const { systemResolver } = await import("../../regions/failover/dns-resolver");
                const { rehearse } = await import("../../regions/failover/rehearse");
                const { renderRehearsalMarkdown } = await import("../../regions/failover/rehearsal-report");

                const controller = new AbortController();
                const stopListening = stopOnSignals(controller, log);
                try {
                    const report = await rehearse(
                        {
                            target,
                            lever: options.lever,
                            dryRun: options.dryRun,
                            yes: options.yes,
                            timeoutSeconds,
                            pollSeconds,
                            stateFile: options.stateFile,
                            clients,
                        },
                        {
                            ...gateways,
                            resolver: systemResolver,
                            log,
                            confirm: (summary) => askOperator(summary, target.region, controller),
                            signal: controller.signal,
                        },
                    );
                    const markdown = renderRehearsalMarkdown(report);
                    if (options.report) {
                        const fs = await import("fs");
                        const path = await import("path");
                        const files = reportPaths(options.report);
                        fs.mkdirSync(path.dirname(path.resolve(files.json)), { recursive: true });
                        fs.writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
                        fs.writeFileSync(files.markdown, markdown);
                        log(`report written to ${files.json} and ${files.markdown}`);
                    }
                    if (options.format === "json") printJson(report);
                    else process.stdout.write(markdown);
                    return report.restored && (report.outcome === "completed" || report.outcome === "dry-run") ? 0 : 1;
                } finally {
                    stopListening();
                }
            }),
        );

    failover
        .command("restore")
        .description(
            "finish a rehearsal that did not: put its lever back, disarm its AWS-side revert and free its lock. Reads this machine's " +
                "state file, or with --subsystem and --env the lock in AWS (when the machine that ran it is gone). Refuses credentials " +
                "for another account than the one recorded, a --region other than the drained one, and a health check not tagged as " +
                "the recorded one's; safe to run twice",
        )
        .option("--state-file <file>", "this machine's copy of the undo record", DEFAULT_STATE_FILE)
        .option("--subsystem <name>", "with --env: read the record from the lock in AWS when there is no state file")
        .option("--env <environment>", "with --subsystem")
        .option("--region <code>", "the region you mean to restore; refused if the record names another")
        .option("--root <dir>", "tree holding regions/regions.yaml, whose home region holds the lock", ".")
        .option("--dry-run", "print the calls it would make and change nothing", false)
        .addOption(formatOption())
        .addHelpText(
            "after",
            "\nExamples:\n  meridian failover restore --dry-run\n  meridian failover restore --subsystem orders --env prod\n" +
                "\nExit codes: 0 restored or nothing to restore, 1 refused (another account or region) or an AWS call failed (the record is kept), 2 bad flags or an unreadable record.\n",
        )
        .action(
            action(async (options: RestoreOptions) => {
                if ((options.subsystem === undefined) !== (options.env === undefined)) {
                    throw InputError.single(
                        "command line",
                        options.subsystem ? "--env" : "--subsystem",
                        "--subsystem and --env go together (they name the lock to read)",
                    );
                }
                let lock: { region: string; name: string } | undefined;
                if (options.subsystem && options.env) {
                    const path = await import("path");
                    const { loadCatalog } = await import("../../stacks/catalog");
                    const { rehearsalLockParameterName } = await import("../../lib/contracts/naming");
                    lock = {
                        region: loadCatalog(path.resolve(options.root)).regions.homeRegion,
                        name: rehearsalLockParameterName(options.subsystem, options.env),
                    };
                }
                const { restoreRehearsal, RestoreRefused } = await import("../../regions/failover/restore");
                const { resilientWriter } = await import("../../regions/failover/operator-signals");
                const log = resilientWriter(process.stderr);
                let result;
                try {
                    result = await restoreRehearsal(
                        { stateFile: options.stateFile, lock, region: options.region, dryRun: options.dryRun },
                        { ...(await liveGateways()), log },
                    );
                } catch (error) {
                    if (!(error instanceof RestoreRefused)) throw error;
                    log(`refused: ${error.message}`);
                    if (options.format === "json") printJson({ restored: false, refused: error.message });
                    return 1;
                }
                if (options.format === "json") printJson(result);
                else if (!result.state)
                    process.stdout.write(
                        `nothing to restore: no state file at ${options.stateFile}${lock ? ` and no lock ${lock.name} in ${lock.region}` : ""}\n`,
                    );
                else {
                    const { describeLever } = await import("../../regions/failover/levers");
                    const { state } = result;
                    const tidy = options.dryRun
                        ? ""
                        : `; AWS-side revert ${result.revertDisarmed ? "disarmed" : "already gone"}; lock ${result.lock === "held-by-another" ? "held by another run, left alone" : "free"}`;
                    process.stdout.write(
                        `${options.dryRun ? "would restore" : "restored"} ${state.subsystem}/${state.environment} in ${state.region} (account ${state.account}, from the ${result.source}): ${describeLever(state, false)}${tidy}\n`,
                    );
                }
                return 0;
            }),
        );
}
