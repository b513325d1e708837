import type { InputProblem } from "../lib/input-error";
import { locateProblems, parseWithSchema, readYamlFile } from "../lib/catalog-file";
import { regionCatalogSchema, RegionCatalog, resolveRegions } from "./region-schema";

export const REGIONS_FILE = "regions/regions.yaml";

export interface RegionRead {
    catalog?: RegionCatalog;
    problems: InputProblem[];
}

export function readRegionCatalog(root: string): RegionRead {
    const file = REGIONS_FILE;
    const raw = readYamlFile(root, file);
    if (raw.problems.length > 0) return { problems: raw.problems };
    const parsed = parseWithSchema(file, regionCatalogSchema, raw.value, raw.source);
    if (!parsed.value) return { problems: parsed.problems };
    const problems: InputProblem[] = [];
    const seen = new Set<string>();
    parsed.value.regions.forEach((region, index) => {
        if (seen.has(region.code)) problems.push({ file, path: `regions[${index}].code`, message: `"${region.code}" is listed twice` });
        seen.add(region.code);
        const checkers = region.healthCheck?.checkerRegions;
        if (checkers && new Set(checkers).size !== checkers.length) {
            problems.push({ file, path: `regions[${index}].healthCheck.checkerRegions`, message: "lists a checker region twice" });
        }
    });
    if (problems.length) return { problems: locateProblems(problems, raw.source) };
    const catalog = resolveRegions(parsed.value);
    catalog.regions.forEach((region, index) => {
        const { alarmDatapointsToAlarm: m, alarmEvaluationPeriods: n } = region.healthCheck;
        if (m > n) {
            const own = parsed.value?.regions[index].healthCheck;
            const where =
                own?.alarmDatapointsToAlarm !== undefined || own?.alarmEvaluationPeriods !== undefined
                    ? `regions[${index}].healthCheck`
                    : "defaults.healthCheck";
            problems.push({
                file,
                path: `${where}.alarmDatapointsToAlarm`,
                message: `${m} breaching periods out of ${n} can never happen in ${region.code} (alarmDatapointsToAlarm must be at most alarmEvaluationPeriods)`,
            });
        }
    });
    return problems.length ? { problems: locateProblems(problems, raw.source) } : { catalog, problems };
}

/** The regions SCPs may allow: those in rotation plus the home region. */
export function approvedRegions(catalog: RegionCatalog): string[] {
    return [...new Set([catalog.homeRegion, ...catalog.regions.map((region) => region.code)])];
}
