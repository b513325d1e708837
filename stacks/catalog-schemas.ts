import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { organizationCatalogSchema } from "../accounts/organization-schema";
import { regionCatalogSchema } from "../regions/region-schema";
import { subsystemCatalogSchema } from "./subsystem-schema";

/**
 * JSON Schemas for editors, generated from the zod schemas the validator uses, so autocomplete
 * and validation can never disagree. Each catalog file names its schema in a
 * `yaml-language-server` comment.
 */
export const CATALOG_SCHEMAS: ReadonlyArray<{ file: string; title: string; schema: z.ZodType }> = [
    { file: "accounts/organization.schema.json", title: "Meridian organisation catalog", schema: organizationCatalogSchema },
    { file: "regions/regions.schema.json", title: "Meridian region catalog", schema: regionCatalogSchema },
    { file: "stacks/subsystems.schema.json", title: "Meridian subsystem catalog", schema: subsystemCatalogSchema },
];

export function renderSchema(entry: (typeof CATALOG_SCHEMAS)[number]): string {
    const schema = { title: entry.title, ...z.toJSONSchema(entry.schema, { io: "input" }) };
    return `${JSON.stringify(schema, null, 2)}\n`;
}

/** Files whose content differs from what the zod schemas generate. */
export function staleSchemas(root: string): string[] {
    return CATALOG_SCHEMAS.filter((entry) => {
        const file = path.join(root, entry.file);
        return !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== renderSchema(entry);
    }).map((entry) => entry.file);
}

export function writeSchemas(root: string): string[] {
    const stale = staleSchemas(root);
    for (const entry of CATALOG_SCHEMAS.filter((item) => stale.includes(item.file))) fs.writeFileSync(path.join(root, entry.file), renderSchema(entry));
    return stale;
}
