import type { Log, ReportingDescriptor, Result } from "sarif";
import type { LocatedFinding, RuleDescription } from "./located-finding";

/**
 * SARIF 2.1.0 for code scanning: one run, the pack's rules as the driver's rules, one result per
 * finding located in the input file (physical) and at the resource URN (logical).
 */
export function sarifReport(findings: readonly LocatedFinding[], rules: readonly RuleDescription[], toolVersion: string): Log {
    const ruleIndex = new Map(rules.map((rule, index) => [rule.name, index]));
    const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
        id: rule.name,
        name: rule.name,
        shortDescription: { text: rule.description },
        help: { text: rule.remediationSteps },
        defaultConfiguration: { level: rule.enforcementLevel === "mandatory" ? "error" : "warning" },
    }));
    const results: Result[] = findings.map((finding) => {
        const result: Result = {
            ruleId: finding.policy,
            level: finding.level === "mandatory" ? "error" : "warning",
            message: { text: finding.remediation ? `${finding.message}. Remediation: ${finding.remediation}` : finding.message },
            locations: [
                {
                    physicalLocation: { artifactLocation: { uri: finding.file }, region: { startLine: 1 } },
                    logicalLocations: [{ fullyQualifiedName: finding.urn ?? `stack ${finding.stack}`, kind: finding.urn ? "resource" : "module" }],
                },
            ],
            properties: { stack: finding.stack, enforcementLevel: finding.level },
        };
        const index = ruleIndex.get(finding.policy);
        if (index !== undefined) result.ruleIndex = index;
        return result;
    });
    return {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [{ tool: { driver: { name: "meridian-guardrails", version: toolVersion, rules: descriptors } }, results }],
    };
}
