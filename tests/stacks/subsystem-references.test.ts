import { strict as assert } from "assert";
import { loadCatalog } from "../../stacks/catalog";
import { checkSubsystemReferences } from "../../stacks/subsystem-catalog";
import type { Catalog } from "../../stacks/catalog-types";
import { REPO_ROOT } from "../helpers/example-catalog";

/** What checkSubsystemReferences says of the example catalog after `change`, in process, as `file: path: message`. */
function problemsAfter(change: (catalog: Catalog) => void): string[] {
    const catalog = structuredClone(loadCatalog(REPO_ROOT));
    change(catalog);
    return checkSubsystemReferences(catalog.subsystems, catalog.organization, catalog.regions).map(
        (problem) => `${problem.file}: ${problem.path}: ${problem.message}`,
    );
}

describe("subsystem catalog references (checkSubsystemReferences, in process)", () => {
    const known = "audit, log-archive, shared-services, orders-prod, orders-staging, payments-prod, payments-staging";

    it("accepts the example", () => {
        assert.deepEqual(
            problemsAfter(() => undefined),
            [],
        );
    });

    it("refuses a DNS account that is not in the organisation, naming the known ones", () => {
        assert.deepEqual(
            problemsAfter((catalog) => (catalog.subsystems.dns.account = "dns")),
            [`stacks/subsystems.yaml: dns.account: "dns" is not an account in accounts/organization.yaml (known: ${known})`],
        );
    });

    it("refuses a subsystem defined twice and a DNS name outside the parent zone", () => {
        const problems = problemsAfter((catalog) => {
            const [orders] = catalog.subsystems.subsystems;
            catalog.subsystems.subsystems.push({ ...orders, dnsName: "orders.example.org", accounts: {} });
        });
        assert.deepEqual(problems, [
            'stacks/subsystems.yaml: subsystems[2].name: "orders" is defined twice',
            'stacks/subsystems.yaml: subsystems[2].dnsName: "orders.example.org" is not under the parent zone meridian.example.com',
            "stacks/subsystems.yaml: subsystems[2].accounts: must map at least one environment to an account",
        ]);
    });

    it("refuses a region code that is no AWS region, a region listed twice, and too few regions", () => {
        assert.deepEqual(
            problemsAfter((catalog) => (catalog.subsystems.subsystems[1].regions = ["us-east-1", "us-east-1"])),
            [
                'stacks/subsystems.yaml: subsystems[1].regions[1]: "us-east-1" is listed twice',
                "stacks/subsystems.yaml: subsystems[1].regions: has 1 region; a subsystem needs at least 2 so that it can fail over",
            ],
        );
        assert.deepEqual(
            problemsAfter((catalog) => (catalog.subsystems.subsystems[1].regions = ["us-east-1", "mars-north-1"])),
            ['stacks/subsystems.yaml: subsystems[1].regions[1]: "mars-north-1" is not an AWS region code (for example us-east-1, eu-west-1)'],
        );
    });

    it("refuses an account that belongs to another subsystem or already runs one", () => {
        const problems = problemsAfter((catalog) => (catalog.subsystems.subsystems[1].accounts.prod = "orders-prod"));
        assert.deepEqual(problems, [
            'stacks/subsystems.yaml: subsystems[1].accounts.prod: account "orders-prod" belongs to subsystem "orders" in accounts/organization.yaml',
            'stacks/subsystems.yaml: subsystems[1].accounts.prod: account "orders-prod" already runs subsystem "orders"; one subsystem per account',
            'accounts/organization.yaml: accounts[3].subsystem: "orders" does not list account "orders-prod" in stacks/subsystems.yaml',
            'accounts/organization.yaml: accounts[5].subsystem: "payments" does not list account "payments-prod" in stacks/subsystems.yaml',
        ]);
    });
});
