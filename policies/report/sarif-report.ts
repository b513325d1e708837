import { createHash } from "crypto";
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { SourceSpan } from "../../lib/yaml-source";
import type { SuppressedFinding } from "../exceptions";
import type { LocatedFinding, RuleDescription } from "./located-finding";

/**
 * SARIF 2.1.0 that GitHub code scanning can track (docs/guides/run-the-pack-in-ci.md): each result
 * at a tracked source line, relative to the repository root; a fingerprint that survives edits
 * elsewhere; a security severity on every rule; accepted findings as suppressed results.
 */

/** Where a finding's cause is written, relative to the repository root. */
export interface SourceLocation {
    uri: string;
    span: SourceSpan;
}

export interface SarifOptions {
    toolVersion: string;
    /** The source line behind each finding (see stacks/finding-sources.ts). */
    locate: (finding: LocatedFinding) => SourceLocation;
    /** Findings the exceptions set aside: reported as suppressed, so that the record of the accepted risk travels with the scan. */
    suppressed?: readonly SuppressedFinding<LocatedFinding>[];
}

/** The base the relative URIs resolve against; code scanning reads relative paths from the repository root. */
export const SOURCE_ROOT = "%SRCROOT%";

/**
 * GitHub: over 9.0 is critical, 7.0 to 8.9 high, 4.0 to 6.9 medium. A rule that blocks deployment
 * (mandatory by default) is high; one that advises is medium.
 */
export const SECURITY_SEVERITY: Readonly<Record<RuleDescription["enforcementLevel"], string>> = { mandatory: "8.0", advisory: "5.0" };

/** The result's identity: its rule and resource (or stack), never its line, so moving a catalog entry keeps the alert. */
function fingerprint(finding: LocatedFinding): string {
    return createHash("sha256")
        .update(`${finding.policy}\0${finding.urn ?? `stack:${finding.stack}`}`)
        .digest("hex")
        .slice(0, 16);
}

export function sarifReport(findings: readonly LocatedFinding[], rules: readonly RuleDescription[], options: SarifOptions): Log {
    const ruleIndex = new Map(rules.map((rule, index) => [rule.name, index]));
    const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
        id: rule.name,
        name: rule.name,
        shortDescription: { text: rule.description },
        fullDescription: { text: rule.description },
        help: { text: rule.remediationSteps },
        defaultConfiguration: { level: rule.enforcementLevel === "mandatory" ? "error" : "warning" },
        properties: { tags: ["security", "meridian"], precision: "high", "security-severity": SECURITY_SEVERITY[rule.enforcementLevel] },
    }));
    const seen = new Map<string, number>();
    const result = (finding: LocatedFinding, suppressedBy?: SuppressedFinding<LocatedFinding>["exception"]): Result => {
        const { uri, span } = options.locate(finding);
        const identity = fingerprint(finding);
        const occurrence = (seen.get(identity) ?? 0) + 1;
        seen.set(identity, occurrence);
        const entry: Result = {
            ruleId: finding.policy,
            level: finding.level === "mandatory" ? "error" : "warning",
            message: { text: finding.remediation ? `${finding.message}. Remediation: ${finding.remediation}` : finding.message },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri, uriBaseId: SOURCE_ROOT },
                        region: { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn },
                    },
                    logicalLocations: [{ fullyQualifiedName: finding.urn ?? `stack ${finding.stack}`, kind: finding.urn ? "resource" : "module" }],
                },
            ],
            // Code scanning matches alerts across runs by primaryLocationLineHash alone; upload-sarif keeps a value it is given.
            partialFingerprints: { primaryLocationLineHash: `${identity}:${occurrence}` },
            properties: { stack: finding.stack, enforcementLevel: finding.level },
        };
        const index = ruleIndex.get(finding.policy);
        if (index !== undefined) entry.ruleIndex = index;
        if (suppressedBy) {
            entry.suppressions = [
                { kind: "external", status: "accepted", justification: `${suppressedBy.reason} (exception expires ${suppressedBy.expires})` },
            ];
        }
        return entry;
    };
    const results = [...findings.map((finding) => result(finding)), ...(options.suppressed ?? []).map((entry) => result(entry.finding, entry.exception))];
    return {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: "meridian-guardrails", version: options.toolVersion, semanticVersion: options.toolVersion, rules: descriptors } },
                originalUriBaseIds: { [SOURCE_ROOT]: { description: { text: "The repository root: the tree given with --root." } } },
                results,
            },
        ],
    };
}
