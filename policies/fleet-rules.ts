import { fleetCiTrustUnique } from "./fleet/fleet-ci-trust-unique";
import { fleetNoSingleRegion } from "./fleet/fleet-no-single-region";
import { fleetRegionCompleteness } from "./fleet/fleet-region-completeness";
import { deployPermissions } from "./fleet/deploy-permissions";
import { fleetStateAccessOwnStacks } from "./fleet/fleet-state-access-own-stacks";
import type { FleetRule } from "./fleet/fleet-kit";

/** Rules across stacks, run by `meridian plan` after the per-stack pack. */
export const FLEET_RULES: readonly FleetRule[] = [
    fleetRegionCompleteness,
    fleetNoSingleRegion,
    fleetCiTrustUnique,
    fleetStateAccessOwnStacks,
    deployPermissions,
];
