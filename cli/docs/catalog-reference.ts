import { CATALOG_SCHEMAS, renderSchema } from "../../stacks/catalog-schemas";
import { type GeneratedPage, table } from "./generated-page";

/** The subset of JSON Schema that z.toJSONSchema emits for the catalogs. */
interface JsonSchema {
    type?: string | string[];
    description?: string;
    default?: unknown;
    properties?: Record<string, JsonSchema>;
    required?: string[];
    items?: JsonSchema;
    additionalProperties?: boolean | JsonSchema;
    anyOf?: JsonSchema[];
    enum?: unknown[];
    const?: unknown;
    $ref?: string;
    $defs?: Record<string, JsonSchema>;
    pattern?: string;
    minimum?: number;
    maximum?: number;
    minItems?: number;
}

export interface CatalogField {
    path: string;
    type: string;
    required: boolean;
    default?: unknown;
    description?: string;
    allowed?: string;
}

function resolve(schema: JsonSchema, defs: Record<string, JsonSchema>): JsonSchema {
    return schema.$ref ? (defs[schema.$ref.replace("#/$defs/", "")] ?? schema) : schema;
}

function typeOf(schema: JsonSchema, defs: Record<string, JsonSchema>): string {
    const resolved = resolve(schema, defs);
    if (resolved.anyOf) return [...new Set(resolved.anyOf.map((option) => typeOf(option, defs)))].join(" or ");
    if (resolved.const !== undefined) return JSON.stringify(resolved.const);
    if (resolved.enum) return "enum";
    if (resolved.type === "array") return `list of ${resolved.items ? typeOf(resolved.items, defs) : "values"}`;
    if (resolved.type === "object" && !resolved.properties) return "mapping";
    return Array.isArray(resolved.type) ? resolved.type.join(" or ") : (resolved.type ?? "value");
}

function allowedOf(schema: JsonSchema): string | undefined {
    const values = schema.enum ?? schema.anyOf?.map((option) => option.const).filter((value) => value !== undefined);
    if (values?.length) return values.map((value) => JSON.stringify(value)).join(", ");
    const bounds = [
        schema.pattern ? `pattern \`${schema.pattern}\`` : "",
        schema.minimum !== undefined ? `≥ ${schema.minimum}` : "",
        schema.maximum !== undefined ? `≤ ${schema.maximum}` : "",
        schema.minItems !== undefined ? `at least ${schema.minItems}` : "",
    ].filter(Boolean);
    return bounds.length ? bounds.join(", ") : undefined;
}

/** Every field of a catalog schema, parents first; a recursive definition (the OU tree) is listed once. */
export function catalogFields(schema: JsonSchema): CatalogField[] {
    const defs = schema.$defs ?? {};
    const fields: CatalogField[] = [];
    const visiting = new Set<string>();
    const walk = (node: JsonSchema, prefix: string) => {
        if (node.$ref) {
            if (visiting.has(node.$ref)) return;
            visiting.add(node.$ref);
            walk(resolve(node, defs), prefix);
            visiting.delete(node.$ref);
            return;
        }
        if (node.type === "array" && node.items) return walk(node.items, `${prefix}[]`);
        for (const [key, child] of Object.entries(node.properties ?? {})) {
            const path = prefix ? `${prefix}.${key}` : key;
            const resolved = resolve(child, defs);
            fields.push({
                path,
                type: typeOf(child, defs),
                required: (node.required ?? []).includes(key),
                default: child.default,
                description: child.description ?? resolved.description,
                allowed: allowedOf(resolved.type === "array" && resolved.items ? resolve(resolved.items, defs) : resolved),
            });
            walk(child, path);
        }
    };
    walk(schema, "");
    return fields;
}

export const catalogReferencePage: GeneratedPage = {
    path: "docs/reference/catalog.md",
    source: "the catalogs' zod schemas (accounts/organization-schema.ts, regions/region-schema.ts, stacks/subsystem-schema.ts)",
    render: () => {
        const sections = CATALOG_SCHEMAS.map((entry) => {
            const schema = JSON.parse(renderSchema(entry)) as JsonSchema;
            const rows = catalogFields(schema).map((field) => [
                `\`${field.path}\``,
                field.type,
                field.required ? "yes" : field.default !== undefined ? `no (default \`${JSON.stringify(field.default)}\`)` : "no",
                [field.description ?? "", field.allowed ? `Allowed: ${field.allowed}.` : ""].filter(Boolean).join(" "),
            ]);
            return [
                `## ${entry.file.replace(".schema.json", ".yaml")}`,
                "",
                `${entry.title}; JSON Schema: \`${entry.file}\`.`,
                "",
                table(["field", "type", "required", "meaning"], rows),
            ].join("\n");
        });
        return [
            "# Catalog reference",
            "",
            "The three YAML files that describe the fleet. `meridian catalog validate` checks them and their cross-references; every problem is reported at once, in the form `file: path: what is wrong (what is allowed)`, with exit 2.",
            "",
            ...sections.flatMap((section) => [section, ""]),
        ].join("\n");
    },
};
