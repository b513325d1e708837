import { strict as assert } from "node:assert";
import { extractTopology, type SubsystemTopology } from "../../regions/topology";
import { renderMermaid } from "../../regions/failover/mermaid";
import { renderRehearsalMarkdown } from "../../regions/failover/rehearsal-report";
import type { RehearsalReport } from "../../regions/failover/rehearse";
import { renderSimulationText } from "../../regions/failover/simulate-text";
import type { ScenarioResult, SimulationReport } from "../../regions/failover/simulate";
import { fixturePlan } from "./fixtures/plan-fixture";

/**
 * What the failover renderers tell a reader: which region answers whom, how long things take, what
 * was done and what is still armed. Each report is built by hand, so that every branch of a
 * renderer is reached by a report a real run could produce.
 */

function linesOf(text: string): string[] {
    return text.split("\n");
}

describe("failover reports as a reader sees them", () => {
    describe("the simulation's text", () => {
        function scenario(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
            return { down: ["eu-west-1"], names: [], shifts: [], endpoints: [], warnings: [], ...overrides };
        }

        function report(overrides: Partial<SimulationReport> = {}): SimulationReport {
            return {
                clients: ["us-east-1", "eu-west-1"],
                latencySource: "the catalog's latency table",
                failoverTargetSeconds: 420,
                detection: [],
                warnings: [],
                scenarios: [],
                ...overrides,
            };
        }

        it("says per client who answered before and after, and flags an answer from a region that is down", () => {
            const text = renderSimulationText(
                report({
                    scenarios: [
                        scenario({
                            names: [
                                {
                                    subsystem: "orders",
                                    environment: "prod",
                                    name: "api.prod.orders.example.com",
                                    regions: ["us-east-1", "eu-west-1"],
                                    allUnhealthy: false,
                                    answers: [
                                        { client: "us-east-1", before: "us-east-1", after: "us-east-1", afterIsDown: false },
                                        { client: "eu-west-1", before: "eu-west-1", after: "us-east-1", afterIsDown: false },
                                        { client: "ap-southeast-2", before: "eu-west-1", after: "eu-west-1", afterIsDown: true },
                                        { client: "sa-east-1", afterIsDown: false },
                                        { client: "me-south-1", before: "eu-west-1", afterIsDown: false },
                                    ],
                                },
                            ],
                        }),
                    ],
                }),
            );
            const lines = linesOf(text);
            assert.equal(lines[0], "Clients: us-east-1, eu-west-1");
            assert.ok(lines.includes("Scenario: eu-west-1 down"), text);
            assert.ok(lines.includes("  orders/prod api.prod.orders.example.com"), text);
            assert.ok(lines.includes("    client us-east-1        us-east-1 (unchanged)"), text);
            assert.ok(lines.includes("    client eu-west-1        eu-west-1 -> us-east-1"), text);
            assert.ok(lines.includes("    client ap-southeast-2   eu-west-1 (unchanged)  (DOWN)"), text);
            assert.ok(lines.includes("    client sa-east-1        - (unchanged)"), text);
            assert.ok(lines.includes("    client me-south-1       eu-west-1 -> -"), text);
        });

        it("names every downed region of a scenario, and a scenario with none as nothing down", () => {
            const text = renderSimulationText(report({ scenarios: [scenario({ down: ["us-east-1", "eu-west-1"] }), scenario({ down: [] })] }));
            assert.ok(linesOf(text).includes("Scenario: us-east-1, eu-west-1 down"), text);
            assert.ok(linesOf(text).includes("Scenario: nothing down"), text);
        });

        it("gives the time to shift, with the TTL it counts or a question mark when the TTL is not known", () => {
            const shift = { subsystem: "orders", environment: "prod", region: "eu-west-1", typicalSeconds: 95, worstSeconds: 150, worstClass: "timeouts" };
            const text = renderSimulationText(
                report({
                    scenarios: [
                        scenario({
                            shifts: [
                                { ...shift, ttlSeconds: 60 },
                                { ...shift, environment: "staging" },
                            ],
                        }),
                    ],
                }),
            );
            assert.ok(
                linesOf(text).includes(
                    "  orders/prod: clients stop being sent to eu-west-1 within 95 s typically, 150 s at worst " +
                        "(timeouts; Route 53's verdict after the failure threshold + 60 s TTL; resolvers that stretch TTLs keep the old answer longer)",
                ),
                text,
            );
            assert.match(text, /orders\/staging: .* \(timeouts; Route 53's verdict after the failure threshold \+ \? s TTL;/);
        });

        it("says where a global endpoint publishes, and whether the primary's publishers may write there", () => {
            const endpoint = { subsystem: "orders", environment: "prod", endpoint: "orders-prod", primary: "us-east-1", secondary: "eu-west-1" };
            const text = renderSimulationText(
                report({
                    scenarios: [
                        scenario({
                            down: ["us-east-1"],
                            endpoints: [
                                { ...endpoint, before: "us-east-1", after: "eu-west-1", publishers: "denied" },
                                { ...endpoint, endpoint: "audit", before: "us-east-1", after: "eu-west-1", publishers: "unknown" },
                                { ...endpoint, endpoint: "metrics", before: "us-east-1", after: "eu-west-1" },
                                { ...endpoint, endpoint: "billing", primary: "eu-west-1", before: "eu-west-1", after: "eu-west-1" },
                            ],
                        }),
                    ],
                }),
            );
            const lines = linesOf(text);
            assert.ok(
                lines.includes(
                    "  orders/prod global endpoint orders-prod (primary us-east-1) publishes to us-east-1 -> eu-west-1; " +
                        "us-east-1's publishers write to eu-west-1's bus, their writes there are DENIED",
                ),
                text,
            );
            assert.ok(
                lines.includes(
                    "  orders/prod global endpoint audit (primary us-east-1) publishes to us-east-1 -> eu-west-1; " +
                        "us-east-1's publishers write to eu-west-1's bus, whether their writes there are allowed is not in the plan",
                ),
                text,
            );
            assert.ok(lines.includes("  orders/prod global endpoint metrics (primary us-east-1) publishes to us-east-1 -> eu-west-1"), text);
            assert.ok(lines.includes("  orders/prod global endpoint billing (primary eu-west-1) publishes to eu-west-1 (unchanged)"), text);
        });

        it("lists a scenario's warnings under it, and the topology's own warnings once, only when there are any", () => {
            const withWarnings = renderSimulationText(
                report({
                    scenarios: [scenario({ warnings: [{ kind: "all-regions-down", message: "orders/prod: every region is down" }] })],
                    warnings: [{ kind: "single-region", message: "payments/prod runs only in us-east-1" }],
                }),
            );
            const lines = linesOf(withWarnings);
            assert.ok(lines.indexOf("  ! [all-regions-down] orders/prod: every region is down") > lines.indexOf("Scenario: eu-west-1 down"), withWarnings);
            const heading = lines.indexOf("Topology warnings (every scenario):");
            assert.ok(heading > 0, withWarnings);
            assert.equal(lines[heading + 1], "  ! [single-region] payments/prod runs only in us-east-1");
            assert.doesNotMatch(renderSimulationText(report()), /Topology warnings/);
        });

        it("sets each scenario and each section apart with a blank line", () => {
            const lines = linesOf(
                renderSimulationText(
                    report({
                        scenarios: [scenario(), scenario({ down: [] })],
                        warnings: [{ kind: "single-region", message: "payments/prod runs only in us-east-1" }],
                    }),
                ),
            );
            for (const heading of [
                "Scenario: eu-west-1 down",
                "Scenario: nothing down",
                "Topology warnings (every scenario):",
                "Latency data: the catalog's latency table",
            ]) {
                assert.equal(lines[lines.indexOf(heading) - 1], "", heading);
            }
            assert.equal(lines[lines.findIndex((l) => l.startsWith("Detection-time bound")) - 1], "");
        });

        it("gives each region's detection bound against the target, per failure class, and the latency data it used", () => {
            const bound = { targetSeconds: 420, notes: [], classes: [] };
            const text = renderSimulationText(
                report({
                    detection: [
                        {
                            subsystem: "orders",
                            environment: "prod",
                            regions: [
                                {
                                    ...bound,
                                    region: "us-east-1",
                                    ttlSeconds: 60,
                                    boundSeconds: 150,
                                    overTarget: false,
                                    classes: [
                                        { failureClass: "errors", signals: ["https"], best: 40, typical: 70, worst: 150, formula: "3 x 10 s + 60 s TTL" },
                                    ],
                                },
                                { ...bound, region: "eu-west-1", ttlSeconds: 300, boundSeconds: 480, overTarget: true },
                                { ...bound, region: "ap-southeast-2", overTarget: false },
                            ],
                        },
                    ],
                }),
            );
            const lines = linesOf(text);
            assert.ok(lines.includes("Detection-time bound per region, worst over failure classes (target 420 s):"), text);
            assert.ok(lines.includes("  orders/prod us-east-1: 150 s (TTL 60 s)  ok"), text);
            assert.ok(lines.includes("      errors: best 40 s, typical 70 s, worst 150 s (3 x 10 s + 60 s TTL)"), text);
            assert.ok(lines.includes("  orders/prod eu-west-1: 480 s (TTL 300 s)  SLOWER THAN TARGET"), text);
            assert.ok(lines.includes("  orders/prod ap-southeast-2: unknown (TTL ? s)"), text);
            assert.ok(lines.includes("Latency data: the catalog's latency table"), text);
        });
    });

    describe("the Mermaid diagram", () => {
        function topology(regions = ["us-east-1", "eu-west-1"], subsystem = "orders"): SubsystemTopology {
            const [found] = extractTopology(fixturePlan([{ name: subsystem, environment: "prod", regions }]));
            return found;
        }

        function regionOf(topology: SubsystemTopology, region: string) {
            const found = topology.regions.find((r) => r.region === region);
            assert.ok(found, region);
            return found;
        }

        it("draws one box per region, in name order, with each subsystem environment's check summary and bus", () => {
            // payments comes first and only in us-east-1: the boxes are sorted, not in the order the regions were met.
            const mermaid = renderMermaid([topology(["us-east-1"], "payments"), topology()]);
            const lines = linesOf(mermaid);
            const europe = lines.indexOf('  subgraph region_eu_west_1["eu-west-1"]');
            const virginia = lines.indexOf('  subgraph region_us_east_1["us-east-1"]');
            assert.ok(europe > 0 && virginia > europe, mermaid);
            assert.deepEqual(lines.slice(virginia + 1, lines.indexOf("  end", virginia)), [
                '    hc_payments_prod_us_east_1{{"payments/prod calculated: https + metric"}}',
                '    bus_payments_prod_us_east_1[("payments/prod bus")]',
                '    hc_orders_prod_us_east_1{{"orders/prod calculated: https + metric"}}',
                '    bus_orders_prod_us_east_1[("orders/prod bus")]',
            ]);
            assert.deepEqual(lines.slice(europe + 1, lines.indexOf("  end", europe)), [
                '    hc_orders_prod_eu_west_1{{"orders/prod calculated: https + metric"}}',
                '    bus_orders_prod_eu_west_1[("orders/prod bus")]',
            ]);
        });

        it("counts children of one kind, and says when a region has no calculated check or it has no children", () => {
            const orders = topology(["us-east-1", "eu-west-1", "ap-southeast-2"]);
            const [virginia, europe, sydney] = ["us-east-1", "eu-west-1", "ap-southeast-2"].map((region) => regionOf(orders, region));
            virginia.children = [...virginia.children, ...virginia.children.filter((c) => c.kind === "https")];
            europe.children = [];
            sydney.calculated = undefined;
            const mermaid = renderMermaid([orders]);
            assert.match(mermaid, /hc_orders_prod_us_east_1\{\{"orders\/prod calculated: 2 https \+ metric"\}\}/);
            assert.match(mermaid, /hc_orders_prod_eu_west_1\{\{"orders\/prod calculated: no children"\}\}/);
            assert.match(mermaid, /hc_orders_prod_ap_southeast_2\{\{"orders\/prod NO HEALTH CHECK"\}\}/);
        });

        it("points each latency name at the regions that have a record of it, dashed where that record has no health check", () => {
            const orders = topology();
            const [virginia, europe] = ["us-east-1", "eu-west-1"].map((region) => regionOf(orders, region));
            const name = virginia.records[0].name;
            // Europe also answers a second name, whose record does have a health check.
            europe.records = [
                { ...europe.records[0], healthCheckId: undefined },
                { ...europe.records[0], name: "eu.prod.orders.example.com" },
            ];
            const mermaid = renderMermaid([orders]);
            const node = `name_orders_prod_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
            const lines = linesOf(mermaid);
            assert.equal(lines.filter((l) => l === `  ${node}(["${name}"])`).length, 1, mermaid);
            assert.ok(lines.includes(`  ${node} -->|latency| hc_orders_prod_us_east_1`), mermaid);
            assert.ok(lines.includes(`  ${node} -.->|no health check| hc_orders_prod_eu_west_1`), mermaid);
            assert.ok(lines.includes('  name_orders_prod_eu_prod_orders_example_com(["eu.prod.orders.example.com"])'), mermaid);
            assert.ok(lines.includes("  name_orders_prod_eu_prod_orders_example_com -->|latency| hc_orders_prod_eu_west_1"), mermaid);
            assert.equal(lines.filter((l) => l.startsWith("  name_orders_prod_eu_prod_orders_example_com -")).length, 1, mermaid);
            assert.equal(lines.filter((l) => l.includes("-->|latency|") || l.includes("-.->|no health check|")).length, 3, mermaid);
        });

        it("draws replication between buses and each global endpoint's primary and, when it has one, secondary", () => {
            const orders = topology();
            const [endpoint] = orders.endpoints;
            orders.endpoints = [endpoint, { ...endpoint, name: "audit", primaryRegion: "eu-west-1", secondaryRegion: undefined }];
            const lines = linesOf(renderMermaid([orders]));
            assert.ok(lines.includes("  bus_orders_prod_us_east_1 -.->|replicates| bus_orders_prod_eu_west_1"));
            assert.ok(lines.includes("  bus_orders_prod_eu_west_1 -.->|replicates| bus_orders_prod_us_east_1"));
            const primary = `endpoint_orders_prod_${endpoint.name.replace(/-/g, "_")}_us_east_1`;
            assert.ok(lines.includes(`  ${primary}>"orders/prod global endpoint ${endpoint.name} (us-east-1)"]`));
            assert.ok(lines.includes(`  ${primary} -->|primary| bus_orders_prod_us_east_1`));
            assert.ok(lines.includes(`  ${primary} -.->|secondary| bus_orders_prod_eu_west_1`));
            assert.ok(lines.includes("  endpoint_orders_prod_audit_eu_west_1 -->|primary| bus_orders_prod_eu_west_1"));
            assert.ok(!lines.some((l) => l.startsWith("  endpoint_orders_prod_audit_eu_west_1 -.->|secondary|")));
        });

        it("keeps a quote in a label from ending it", () => {
            const orders = topology(["us-east-1"], 'or"ders');
            assert.match(renderMermaid([orders]), /bus_or_ders_prod_us_east_1\[\("or#quot;ders\/prod bus"\)\]/);
        });
    });

    describe("the rehearsal's Markdown", () => {
        function report(overrides: Partial<RehearsalReport> = {}): RehearsalReport {
            return {
                subsystem: "orders",
                environment: "prod",
                region: "eu-west-1",
                lever: "invert",
                dryRun: false,
                outcome: "completed",
                leverPulled: true,
                restored: true,
                startedAt: "2026-11-26T20:00:00.000Z",
                endedAt: "2026-11-26T20:05:00.000Z",
                phases: [],
                timings: { detectSeconds: 40, shiftSeconds: 60, recordTtlSeconds: 60, shiftWithTtlSeconds: 120, recoverSeconds: 30 },
                notes: [],
                observations: [],
                apiCalls: [],
                ...overrides,
            };
        }

        function lines(overrides: Partial<RehearsalReport> = {}): string[] {
            return linesOf(renderRehearsalMarkdown(report(overrides)));
        }

        it("heads the report with the drained region, the lever, the outcome and when it ran", () => {
            const text = lines({ account: "111122223333" });
            assert.equal(text[0], "# Failover rehearsal: orders/prod, eu-west-1 drained");
            assert.ok(text.includes("- Lever: `invert`"));
            assert.ok(text.includes("- Outcome: **completed**"));
            assert.ok(text.includes("- Account: 111122223333"));
            assert.ok(text.includes("- Started 2026-11-26T20:00:00.000Z, ended 2026-11-26T20:05:00.000Z"));
            assert.ok(!text.some((l) => l.startsWith("- AWS-side revert") || l.startsWith("- Bus:")));
            const unfinished = lines({ outcome: "aborted", reason: "a peer failed", endedAt: undefined, account: undefined, lever: "switch", dryRun: true });
            assert.ok(unfinished.includes("- Lever: `switch` (dry run: no change made)"));
            assert.ok(unfinished.includes("- Outcome: **aborted** (a peer failed)"));
            assert.ok(unfinished.includes("- Started 2026-11-26T20:00:00.000Z, ended -"));
            assert.ok(!unfinished.some((l) => l.startsWith("- Account")));
        });

        it("lays the report out as Markdown: headings and tables set apart by blank lines, each table with its header row", () => {
            const text = lines({
                phases: [{ phase: "preflight", startedAt: "20:00:00", endedAt: "20:00:05" }],
                preflight: {
                    healthCheckId: "hc-calc",
                    childIds: ["hc-https"],
                    zoneId: "ZORDERS",
                    recordName: "api.prod.orders.example.com",
                    regionHealth: { "us-east-1": true },
                    baseline: { "us-east-1": "us-east-1" },
                },
                notes: ["a note"],
                observations: [{ at: "20:01:00", phase: "shift", what: "moved" }],
            });
            const after = (line: string, count: number) => {
                const at = text.indexOf(line);
                assert.ok(at >= 0, line);
                return text.slice(at + 1, at + 1 + count);
            };
            const before = (line: string) => text[text.indexOf(line) - 1];
            assert.equal(text[1], "");
            for (const heading of ["## Phases", "## Preflight", "## Notes", "## Timeline", "## API calls (0)"]) {
                assert.equal(before(heading), "", heading);
                assert.equal(after(heading, 1)[0], "", heading);
            }
            assert.equal(before("| measure | value |"), "");
            assert.equal(after("| measure | value |", 1)[0], "|---|---|");
            assert.deepEqual(after("## Phases", 3), ["", "| phase | started | ended |", "|---|---|---|"]);
            assert.deepEqual(after("| region | healthy before |", 1), ["|---|---|"]);
            assert.equal(before("| region | healthy before |"), "");
            assert.deepEqual(after("| client | answered by before |", 1), ["|---|---|"]);
            assert.equal(before("| client | answered by before |"), "");
        });

        it("says whether the lever was pulled and put back, and why not", () => {
            assert.ok(lines().includes("- Lever pulled: yes; restored: yes"));
            assert.ok(lines({ restored: false, restoreError: "Throttling" }).includes("- Lever pulled: yes; restored: **NO**: Throttling"));
            assert.ok(lines({ restored: false }).includes("- Lever pulled: yes; restored: **NO**: "));
            const notPulled = { leverPulled: false, restored: true };
            assert.ok(lines({ ...notPulled, dryRun: true, outcome: "dry-run" }).includes("- Lever pulled: no (dry run); nothing to restore"));
            assert.ok(lines({ ...notPulled, outcome: "refused" }).includes("- Lever pulled: no (refused before the lever); nothing to restore"));
            assert.ok(lines({ ...notPulled, outcome: "interrupted" }).includes("- Lever pulled: no (stopped before the lever); nothing to restore"));
        });

        it("says where the AWS-side revert is and whether it is still armed, and where the bus went", () => {
            const revert = { region: "us-east-1", name: "orders-prod-rehearsal-revert", at: "2026-11-26T20:15:00.000Z" };
            const place = "- AWS-side revert: `orders-prod-rehearsal-revert` in us-east-1, due 2026-11-26T20:15:00.000Z";
            assert.ok(lines({ revert: { ...revert, armed: false, disarmed: false } }).includes(`${place}, not armed`));
            assert.ok(lines({ revert: { ...revert, armed: true, disarmed: true } }).includes(`${place}, armed and then disarmed`));
            assert.ok(
                lines({ revert: { ...revert, armed: true, disarmed: false } }).includes(`${place}, **still armed**: it will put the lever back at that time`),
            );
            assert.ok(
                lines({ bus: { endpoint: "orders-prod", secondary: "us-east-1" } }).includes(
                    "- Bus: global endpoint `orders-prod` failed over to us-east-1 while drained",
                ),
            );
        });

        it("gives each measured time in seconds, and n/a for one not measured", () => {
            const text = lines({ timings: { detectSeconds: 40, shiftSeconds: null, recordTtlSeconds: 60, shiftWithTtlSeconds: null, recoverSeconds: 0 } });
            assert.ok(text.includes("| time to detect (lever pulled → Route 53's verdict: region unhealthy) | 40 s |"));
            assert.ok(text.includes("| time to shift, authoritative (lever pulled → Route 53's name servers answer no client with eu-west-1) | n/a |"));
            assert.ok(text.includes("| TTL the latency record carries (resolvers may keep the old answer this long) | 60 s |"));
            assert.ok(text.includes("| time to shift for clients honouring the TTL (authoritative + TTL) | n/a |"));
            assert.ok(text.includes("| time to recover (lever back → clients back on eu-west-1) | 0 s |"));
        });

        it("lists the phases with their times, a phase still running without an end", () => {
            const text = lines({
                phases: [
                    { phase: "preflight", startedAt: "20:00:00", endedAt: "20:00:05" },
                    { phase: "inject", startedAt: "20:00:05" },
                ],
            });
            assert.ok(text.includes("| preflight | 20:00:00 | 20:00:05 |"));
            assert.ok(text.includes("| inject | 20:00:05 | - |"));
        });

        it("records what preflight found: the checks, the record, each region's health and who answered each client", () => {
            const text = lines({
                preflight: {
                    healthCheckId: "hc-calc",
                    childIds: ["hc-https", "hc-metric"],
                    zoneId: "ZORDERS",
                    recordName: "api.prod.orders.example.com",
                    regionHealth: { "us-east-1": true, "ap-southeast-2": false },
                    baseline: { "us-east-1": "us-east-1", "ap-southeast-2": "eu-west-1" },
                },
            });
            assert.ok(text.includes("## Preflight"));
            assert.ok(text.includes("Health check `hc-calc` (children `hc-https`, `hc-metric`), record `api.prod.orders.example.com` in zone `ZORDERS`."));
            assert.ok(text.includes("| us-east-1 | yes |"));
            assert.ok(text.includes("| ap-southeast-2 | no |"));
            assert.ok(text.includes("| ap-southeast-2 | eu-west-1 |"));
            assert.ok(!lines().includes("## Preflight"));
        });

        it("lists the notes, the timeline and every API call, marking the ones not sent", () => {
            const text = lines({
                notes: ["ap-southeast-2 is unhealthy: the run goes ahead"],
                observations: [{ at: "20:01:00", phase: "shift", what: "eu-west-1->us-east-1" }],
                apiCalls: [
                    { at: "20:00:01", api: "route53:UpdateHealthCheck", params: { HealthCheckId: "hc-calc", Inverted: true }, mutating: true, sent: true },
                    { at: "20:00:02", api: "ssm:PutParameter", params: { Name: "/x" }, mutating: true, sent: false },
                ],
            });
            assert.ok(text.includes("## Notes"));
            assert.ok(text.includes("- ap-southeast-2 is unhealthy: the run goes ahead"));
            assert.ok(text.includes("## Timeline"));
            assert.ok(text.includes("- 20:01:00 [shift] eu-west-1->us-east-1"));
            assert.ok(text.includes("## API calls (2)"));
            assert.ok(text.includes('- 20:00:01 `route53:UpdateHealthCheck` `{"HealthCheckId":"hc-calc","Inverted":true}`'));
            assert.ok(text.includes('- 20:00:02 `ssm:PutParameter` (not sent) `{"Name":"/x"}`'));
            const quiet = lines();
            assert.ok(!quiet.includes("## Notes") && !quiet.includes("## Timeline"));
            assert.ok(quiet.includes("## API calls (0)"));
        });
    });
});
