import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { CATALOG_SCHEMAS, staleSchemas } from "../../stacks/catalog-schemas";
import { REPO_ROOT } from "../helpers/example-catalog";

describe("catalog JSON Schemas", () => {
    it("are committed exactly as generated from the validator's zod schemas", () => {
        assert.deepEqual(staleSchemas(REPO_ROOT), [], "run `meridian catalog schemas` and commit the result");
    });

    for (const entry of CATALOG_SCHEMAS) {
        const catalogFile = entry.file.replace(".schema.json", ".yaml");
        it(`accepts the example ${catalogFile} and rejects an unquoted account id or unknown key the validator rejects`, () => {
            const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, entry.file), "utf8")) as Record<string, unknown>;
            const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
            const document = parse(fs.readFileSync(path.join(REPO_ROOT, catalogFile), "utf8")) as Record<string, unknown>;
            assert.equal(validate(document), true, JSON.stringify(validate.errors));
            assert.equal(validate({ ...document, unexpected: true }), false);
        });
    }

    it("the organisation schema tells an editor that ids are 12-digit strings", () => {
        const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "accounts/organization.schema.json"), "utf8")) as Record<string, unknown>;
        const validate = new Ajv2020({ strict: false }).compile(schema);
        const document = parse(fs.readFileSync(path.join(REPO_ROOT, "accounts/organization.yaml"), "utf8")) as { accounts: Array<Record<string, unknown>> };
        document.accounts[0].id = 222222222222;
        assert.equal(validate(document), false);
    });
});
