import { strict as assert } from "node:assert";
import { SERVICE_ASSUMPTIONS } from "../../components/policy-documents/service-source-keys";
import { serviceTrustDocument } from "../../components/policy-documents/trust";

describe("service source keys", () => {
    it("cites an AWS page for every way a service assumes a Meridian role", () => {
        for (const [name, row] of Object.entries(SERVICE_ASSUMPTIONS)) {
            assert.match(row.source, /^https:\/\/docs\.aws\.amazon\.com\//, name);
            assert.match(row.service, /^[a-z0-9-]+\.amazonaws\.com$/, name);
            assert.ok(row.note.length > 0, name);
        }
    });

    it("requires aws:SourceAccount where the service is documented to send it, and checks it only when sent where that is unknown", () => {
        for (const [name, row] of Object.entries(SERVICE_ASSUMPTIONS)) {
            const [statement] = serviceTrustDocument(row, "111111111111").Statement;
            const operator = row.sourceKeys === "documented" ? "StringEquals" : "StringEqualsIfExists";
            assert.deepEqual(statement.Principal, { Service: row.service }, name);
            assert.deepEqual(statement.Condition, { [operator]: { "aws:SourceAccount": "111111111111" } }, name);
        }
    });
});
