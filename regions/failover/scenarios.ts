import { InputError } from "../../lib/input-error";
import type { RegionCatalog } from "../region-schema";

/**
 * `--down` values: each is one scenario, a comma-separated list of regions in rotation
 * (`--down us-east-1,eu-west-1` takes both down at once).
 */
export function parseScenarios(values: readonly string[] | undefined, regions: RegionCatalog): string[][] | undefined {
    if (!values || values.length === 0) return undefined;
    const known = regions.regions.map((r) => r.code);
    const problems = values.flatMap((value, index) =>
        value
            .split(",")
            .map((code) => code.trim())
            .filter((code) => !known.includes(code))
            .map((code) => ({
                file: "command line",
                path: `--down[${index}]`,
                message: `${JSON.stringify(code)} is not a region in rotation (regions/regions.yaml lists ${known.join(", ")})`,
            })),
    );
    if (problems.length > 0) throw new InputError(problems);
    return values.map((value) => [...new Set(value.split(",").map((code) => code.trim()))]);
}
