import type { BenchModule } from "./bench-kit";
import { deployabilityCostBench } from "./deployability-cost";
import { fleetBench } from "./fleet-bench";
import { policyCheckFleetBench } from "./policy-check-fleet";
import { policyThroughputBench } from "./policy-throughput";
import { startupBench } from "./startup-bench";

/** Every benchmark `npm run bench` runs, in order. To add one, export a BenchModule (bench-kit.ts) and list it here. */
export const BENCH_MODULES: readonly BenchModule[] = [startupBench, fleetBench, deployabilityCostBench, policyCheckFleetBench, policyThroughputBench];
