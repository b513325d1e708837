import Ajv from "ajv-draft-04";
import * as fs from "fs";
import type { Log } from "sarif";

// The SARIF 2.1.0 schema (draft-04) as published by the OASIS TC, shipped inside @microsoft/jest-sarif.
const SARIF_SCHEMA = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

/**
 * Where a log breaks the SARIF 2.1.0 schema. One schema pattern (a language tag) is not valid under
 * the `u` flag ajv 8 uses by default, so patterns are compiled without it; `format` (uri) is not
 * checked, as ajv-formats is not installed.
 */
export function sarifSchemaProblems(log: unknown): string[] {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false, logger: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, "utf8")));
    return validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/**
 * GitHub code scanning's ingestion rules for third-party SARIF, as GitHub documents them in
 * "SARIF support for code scanning" (github/docs, content/code-security/reference/code-scanning/
 * sarif-files/sarif-support.md) and its limits table (data/reusables/code-scanning/sarif-limits.md).
 * Each check names the rule it encodes. Returns every broken rule; empty means GitHub would ingest
 * the log and could track its results.
 */

/** sarif-limits.md: maximum values; a file over any of them is rejected. */
export const GITHUB_SARIF_LIMITS = { runsPerFile: 20, resultsPerRun: 25_000, rulesPerRun: 25_000, tagsPerRule: 20 } as const;
/** sarif-support.md, reportingDescriptor: name and descriptions are limited in length. */
const RULE_NAME_MAX = 255;
const DESCRIPTION_MAX = 1024;
/** sarif-support.md, result.locations: "up to a maximum of 10". */
const LOCATIONS_PER_RESULT = 10;

export function githubIngestionProblems(log: Log): string[] {
    const problems: string[] = [];
    const need = (ok: boolean, rule: string) => {
        if (!ok) problems.push(rule);
    };
    const text = (value: unknown) => typeof value === "string" && value.length > 0;
    // sarifLog: $schema, version 2.1.0 and runs are required.
    need(text(log.$schema), "sarifLog.$schema is required");
    need(log.version === "2.1.0", "sarifLog.version must be 2.1.0");
    need(Array.isArray(log.runs) && log.runs.length > 0, "sarifLog.runs[] is required");
    need(log.runs.length <= GITHUB_SARIF_LIMITS.runsPerFile, `at most ${GITHUB_SARIF_LIMITS.runsPerFile} runs per file`);
    log.runs.forEach((run, r) => {
        const driver = run.tool?.driver;
        // run: tool.driver is required; toolComponent: name and rules[] are required.
        need(text(driver?.name), `runs[${r}].tool.driver.name is required`);
        need(Array.isArray(driver?.rules), `runs[${r}].tool.driver.rules[] is required`);
        need((driver?.rules?.length ?? 0) <= GITHUB_SARIF_LIMITS.rulesPerRun, `at most ${GITHUB_SARIF_LIMITS.rulesPerRun} rules per run`);
        const ruleIds = new Set<string>();
        (driver?.rules ?? []).forEach((rule, i) => {
            const at = `runs[${r}].tool.driver.rules[${i}]`;
            // reportingDescriptor: id, shortDescription.text, fullDescription.text and help.text are required (non-empty).
            need(text(rule.id), `${at}.id is required`);
            need(!ruleIds.has(rule.id), `${at}.id must be unique`);
            ruleIds.add(rule.id);
            need(rule.name === undefined || rule.name.length <= RULE_NAME_MAX, `${at}.name is limited to ${RULE_NAME_MAX} characters`);
            need(
                text(rule.shortDescription?.text) && rule.shortDescription!.text.length <= DESCRIPTION_MAX,
                `${at}.shortDescription.text is required, ≤ ${DESCRIPTION_MAX}`,
            );
            need(
                text(rule.fullDescription?.text) && rule.fullDescription!.text.length <= DESCRIPTION_MAX,
                `${at}.fullDescription.text is required, ≤ ${DESCRIPTION_MAX}`,
            );
            need(text(rule.help?.text), `${at}.help.text is required`);
            const level = rule.defaultConfiguration?.level;
            need(level === undefined || ["note", "warning", "error"].includes(level), `${at}.defaultConfiguration.level must be note, warning or error`);
            const properties = (rule.properties ?? {}) as Record<string, unknown>;
            const tags = properties.tags;
            need(
                tags === undefined || (Array.isArray(tags) && tags.length <= GITHUB_SARIF_LIMITS.tagsPerRule),
                `${at}.properties.tags: at most ${GITHUB_SARIF_LIMITS.tagsPerRule}`,
            );
            // properties.security-severity: a string holding a score greater than 0.0 up to 10.0; anything else counts as no severity.
            const severity = properties["security-severity"];
            need(
                typeof severity === "string" && Number(severity) > 0 && Number(severity) <= 10,
                `${at}.properties.security-severity must be a string score in (0.0, 10.0]`,
            );
            const precision = properties.precision;
            need(
                precision === undefined || ["very-high", "high", "medium", "low"].includes(String(precision)),
                `${at}.properties.precision must be very-high, high, medium or low`,
            );
        });
        need(Array.isArray(run.results), `runs[${r}].results[] is required`);
        need((run.results?.length ?? 0) <= GITHUB_SARIF_LIMITS.resultsPerRun, `at most ${GITHUB_SARIF_LIMITS.resultsPerRun} results per run`);
        (run.results ?? []).forEach((result, i) => {
            const at = `runs[${r}].results[${i}]`;
            // result: ruleId identifies a rule (used to filter by rule); message.text and locations[] are required.
            need(result.ruleId !== undefined && ruleIds.has(result.ruleId), `${at}.ruleId must name a rule of the run`);
            need(
                result.ruleIndex === undefined || driver?.rules?.[result.ruleIndex]?.id === result.ruleId,
                `${at}.ruleIndex must point at the rule named by ruleId`,
            );
            need(text(result.message?.text), `${at}.message.text is required`);
            const locations = result.locations ?? [];
            need(
                locations.length >= 1 && locations.length <= LOCATIONS_PER_RESULT,
                `${at}.locations: 1 to ${LOCATIONS_PER_RESULT} (at least one, to be displayed)`,
            );
            // physicalLocation: artifactLocation.uri, region.startLine, startColumn, endLine, endColumn are required.
            const physical = locations[0]?.physicalLocation;
            const uri = physical?.artifactLocation?.uri;
            need(text(uri), `${at}.locations[0].physicalLocation.artifactLocation.uri is required`);
            // Root location for source files: a relative path is read from the repository root; a URI with a scheme or an absolute path is not a tracked file.
            need(
                !/^[a-z][a-z0-9+.-]*:/i.test(uri ?? "") && !String(uri).startsWith("/") && !String(uri).startsWith("../"),
                `${at}: the URI must be relative to the repository root`,
            );
            const region = physical?.region;
            for (const key of ["startLine", "startColumn", "endLine", "endColumn"] as const) {
                need(Number.isInteger(region?.[key]) && (region?.[key] ?? 0) >= 1, `${at}.locations[0].physicalLocation.region.${key} is required`);
            }
            // partialFingerprints is required; code scanning only uses primaryLocationLineHash.
            need(text(result.partialFingerprints?.primaryLocationLineHash), `${at}.partialFingerprints.primaryLocationLineHash is required`);
        });
    });
    return problems;
}
