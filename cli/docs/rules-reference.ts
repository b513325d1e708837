import * as fs from "fs";
import * as path from "path";
import { POLICY_CONTEXT_KEYS } from "../../lib/contracts/policy-context";
import { FLEET_RULES } from "../../policies/fleet-rules";
import { MERIDIAN_RULES } from "../../policies/rules";
import { type GeneratedPage, table } from "./generated-page";

const RULES_FOLDER = "policies/rules";

function configRows(properties: Record<string, unknown>): string[][] {
    return Object.entries(properties).map(([key, property]) => {
        const schema = property as { type?: string; default?: unknown; description?: string };
        return [`\`${key}\``, schema.type ?? "", schema.default === undefined ? "" : `\`${JSON.stringify(schema.default)}\``, schema.description ?? ""];
    });
}

/** The rule catalog: each rule's own metadata, linked to its folder's reference text. */
export const rulesReferencePage: GeneratedPage = {
    path: "docs/reference/rules.md",
    source: "the rules' own metadata (policies/rules/*/index.ts, policies/fleet/*.ts)",
    render: () => {
        const packRules = MERIDIAN_RULES.map((rule) => {
            const readme = path.join(RULES_FOLDER, rule.name, "README.md");
            const context = rule.context.length ? rule.context.map((key) => `\`${key}\` (${POLICY_CONTEXT_KEYS[key]})`).join("; ") : "none";
            const config = Object.keys(rule.configSchema.properties).length
                ? table(["setting", "type", "default", "meaning"], configRows(rule.configSchema.properties))
                : "No settings.";
            return [
                `### ${rule.name}`,
                "",
                rule.description,
                "",
                `- Default level: ${rule.enforcementLevel}`,
                `- Stack context read: ${context}`,
                `- Fix: ${rule.remediationSteps}`,
                fs.existsSync(path.resolve(__dirname, "..", "..", readme)) ? `- Reference text: [${readme}](../../${readme})` : "",
                "",
                config,
            ]
                .filter((line, index, lines) => line !== "" || lines[index - 1] !== "")
                .join("\n");
        });
        const fleetRules = FLEET_RULES.map((rule) =>
            [`### ${rule.name}`, "", rule.description, "", `- Default level: ${rule.enforcementLevel}`, `- Fix: ${rule.remediationSteps}`].join("\n"),
        );
        return [
            "# Policy rule catalog",
            "",
            `The CrossGuard pack (policies/) has ${MERIDIAN_RULES.length} rules; \`meridian plan\` also runs ${FLEET_RULES.length} fleet-wide rules across stacks. Every rule is mandatory by default; set levels and settings with a policy pack config (\`pulumi up --policy-pack-config\`, \`meridian plan --policy-config\`).`,
            "",
            table(
                ["rule", "kind", "checks"],
                [
                    ...MERIDIAN_RULES.map((rule) => [`[${rule.name}](#${rule.name})`, "validateResource" in rule ? "resource" : "stack", rule.description]),
                    ...FLEET_RULES.map((rule) => [`[${rule.name}](#${rule.name})`, "fleet", rule.description]),
                ],
            ),
            "",
            "## Pack rules",
            "",
            ...packRules.flatMap((section) => [section, ""]),
            "## Fleet rules",
            "",
            ...fleetRules.flatMap((section) => [section, ""]),
        ].join("\n");
    },
};
