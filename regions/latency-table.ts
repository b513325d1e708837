import { AWS_REGIONS, type AwsRegion } from "./aws-regions";
import { MEASURED_LATENCY_SOURCE, MEASURED_REGIONS, MEASURED_RTT_MS } from "./measured-latency";

/**
 * Round-trip times between AWS regions, the input to the offline latency-routing model. Route 53
 * routes on its own latency measurements, which drift; what the simulation needs is the *ranking*
 * of regions from a client location. Measured times come first (measured-latency.ts); a pair the
 * measurements lack (a region newer than the snapshot) falls back to a great-circle model, which
 * misranks routes that detour, such as Sydney to Cape Town (via Asia and Europe, not across the
 * Indian Ocean).
 */

export const MODELLED_LATENCY_SOURCE =
    "each region placed at the metro area AWS names for it (AWS documentation, " +
    '"Regions and Availability Zones"); RTT = 2 x great-circle distance x 1.25 (fibre paths are longer ' +
    "than the great circle) / 200 km per ms (light in fibre) + 2 ms";

export const LATENCY_SOURCE = `Measured: ${MEASURED_LATENCY_SOURCE}. Pairs missing from it are modelled: ${MODELLED_LATENCY_SOURCE}.`;

/** Latitude and longitude, in degrees, of the metro area each region is named after. */
export const REGION_LOCATIONS: Readonly<Record<AwsRegion, readonly [number, number]>> = {
    "af-south-1": [-33.92, 18.42], // Cape Town
    "ap-east-1": [22.32, 114.17], // Hong Kong
    "ap-east-2": [25.03, 121.56], // Taipei
    "ap-northeast-1": [35.68, 139.69], // Tokyo
    "ap-northeast-2": [37.57, 126.98], // Seoul
    "ap-northeast-3": [34.69, 135.5], // Osaka
    "ap-south-1": [19.08, 72.88], // Mumbai
    "ap-south-2": [17.39, 78.49], // Hyderabad
    "ap-southeast-1": [1.35, 103.82], // Singapore
    "ap-southeast-2": [-33.87, 151.21], // Sydney
    "ap-southeast-3": [-6.21, 106.85], // Jakarta
    "ap-southeast-4": [-37.81, 144.96], // Melbourne
    "ap-southeast-5": [3.14, 101.69], // Malaysia (Kuala Lumpur)
    "ap-southeast-7": [13.76, 100.5], // Thailand (Bangkok)
    "ca-central-1": [45.5, -73.57], // Montreal
    "ca-west-1": [51.05, -114.07], // Calgary
    "eu-central-1": [50.11, 8.68], // Frankfurt
    "eu-central-2": [47.38, 8.54], // Zurich
    "eu-north-1": [59.33, 18.07], // Stockholm
    "eu-south-1": [45.46, 9.19], // Milan
    "eu-south-2": [41.65, -0.88], // Spain (Aragón)
    "eu-west-1": [53.35, -6.26], // Ireland (Dublin)
    "eu-west-2": [51.51, -0.13], // London
    "eu-west-3": [48.86, 2.35], // Paris
    "il-central-1": [32.09, 34.78], // Tel Aviv
    "me-central-1": [25.2, 55.27], // UAE
    "me-south-1": [26.07, 50.56], // Bahrain
    "mx-central-1": [20.59, -100.39], // Mexico (Querétaro)
    "sa-east-1": [-23.55, -46.63], // São Paulo
    "us-east-1": [39.04, -77.49], // N. Virginia (Ashburn)
    "us-east-2": [39.96, -83.0], // Ohio (Columbus)
    "us-west-1": [37.77, -122.42], // N. California
    "us-west-2": [45.84, -119.7], // Oregon
};

const EARTH_RADIUS_KM = 6371;
const ROUTE_INFLATION = 1.25;
const FIBRE_KM_PER_MS = 200;
const STACK_OVERHEAD_MS = 2;

function greatCircleKm([lat1, lon1]: readonly [number, number], [lat2, lon2]: readonly [number, number]): number {
    const rad = Math.PI / 180;
    const dLat = (lat2 - lat1) * rad;
    const dLon = (lon2 - lon1) * rad;
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

function locationOf(region: string): readonly [number, number] | undefined {
    return (AWS_REGIONS as readonly string[]).includes(region) ? REGION_LOCATIONS[region as AwsRegion] : undefined;
}

function measuredMs(from: string, to: string): number | undefined {
    const row = (MEASURED_REGIONS as readonly string[]).indexOf(from);
    const column = (MEASURED_REGIONS as readonly string[]).indexOf(to);
    return row < 0 || column < 0 ? undefined : MEASURED_RTT_MS[row][column];
}

/** The great-circle estimate (0 within a region), or `undefined` when either code has no known location. */
export function modelledLatencyMs(from: string, to: string): number | undefined {
    if (from === to) return 0;
    const a = locationOf(from);
    const b = locationOf(to);
    if (!a || !b) return undefined;
    return Math.round((2 * greatCircleKm(a, b) * ROUTE_INFLATION) / FIBRE_KM_PER_MS + STACK_OVERHEAD_MS);
}

export type LatencyProvenance = "measured" | "modelled";

/** Where a pair's figure comes from, or `undefined` when there is none. */
export function latencyProvenance(from: string, to: string): LatencyProvenance | undefined {
    if (measuredMs(from, to) !== undefined) return "measured";
    return modelledLatencyMs(from, to) === undefined ? undefined : "modelled";
}

/**
 * RTT in milliseconds from `from` to `to`: measured where the table has the pair, else modelled,
 * else `undefined` (callers rank such regions last and say so).
 */
export function latencyMs(from: string, to: string): number | undefined {
    return measuredMs(from, to) ?? modelledLatencyMs(from, to);
}
