import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { type GeneratedPage, table } from "./generated-page";

/** The contract files that define plan.json, in reading order. */
const CONTRACT_FILES = ["lib/contracts/plan-document.ts", "lib/contracts/stack-spec.ts", "lib/contracts/policy-context.ts"];
const REPOSITORY_ROOT = path.resolve(__dirname, "..", "..");

export interface ContractInterface {
    name: string;
    file: string;
    description: string;
    extends: string[];
    fields: Array<{ name: string; type: string; optional: boolean; description: string }>;
}

function docOf(node: ts.Node): string {
    return ts
        .getJSDocCommentsAndTags(node)
        .map((doc) => (typeof doc.comment === "string" ? doc.comment : (doc.comment ?? []).map((part) => part.text).join("")))
        .join(" ")
        .replace(/\s+/g, " ")
        .trim();
}

/** The exported interfaces of the contract files, read from their source so the page follows the code. */
export function contractInterfaces(root = REPOSITORY_ROOT): ContractInterface[] {
    return CONTRACT_FILES.flatMap((file) => {
        const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), "utf8"), ts.ScriptTarget.ES2022, true);
        return source.statements.filter(ts.isInterfaceDeclaration).map((declaration) => ({
            name: declaration.name.text,
            file,
            description: docOf(declaration),
            extends: (declaration.heritageClauses ?? []).flatMap((clause) => clause.types.map((type) => type.getText(source))),
            fields: declaration.members.filter(ts.isPropertySignature).map((member) => ({
                name: member.name.getText(source),
                type: member.type ? member.type.getText(source).replace(/\s+/g, " ") : "unknown",
                optional: member.questionToken !== undefined,
                description: docOf(member),
            })),
        }));
    });
}

export const planReferencePage: GeneratedPage = {
    path: "docs/reference/plan-json.md",
    source: `the TypeScript contracts (${CONTRACT_FILES.join(", ")})`,
    render: () => {
        const sections = contractInterfaces().map((contract) =>
            [
                `## ${contract.name}`,
                "",
                [
                    contract.description,
                    contract.extends.length ? `Extends ${contract.extends.map((name) => `[${name}](#${name.toLowerCase()})`).join(", ")}.` : "",
                ]
                    .filter(Boolean)
                    .join(" "),
                `Defined in \`${contract.file}\`.`,
                "",
                table(
                    ["field", "type", "meaning"],
                    contract.fields.map((field) => [`\`${field.name}\`${field.optional ? " (optional)" : ""}`, `\`${field.type}\``, field.description]),
                ),
            ].join("\n"),
        );
        return [
            "# plan.json reference",
            "",
            "`meridian plan` writes `plan.json`: every stack of the fleet with its resources, the policy context each rule reads, and the policy verdict. Tools that act on a plan (`policy check`, `failover simulate`, `plan diff`) read it. Readers must check `schemaVersion`; a change that removes or re-types a field bumps it.",
            "",
            ...sections.flatMap((section) => [section, ""]),
        ].join("\n");
    },
};
