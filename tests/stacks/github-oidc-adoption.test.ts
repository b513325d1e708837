import { strict as assert } from "assert";
import { planWithPolicy } from "../../cli/plan-with-policy";
import type { PlannedStack } from "../../lib/contracts/plan-document";
import { copyExampleCatalog, editFile } from "../helpers/example-catalog";

const PROVIDER = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
const ORDERS_PROD_PROVIDER = "arn:aws:iam::555555555555:oidc-provider/token.actions.githubusercontent.com";

/** The example catalog with orders-prod marked as already having the GitHub provider, planned for that account's global stack. */
async function planWithExistingProvider(mode: "import" | "reuse"): Promise<PlannedStack> {
    const root = copyExampleCatalog();
    editFile(root, "accounts/organization.yaml", (text) =>
        text.replace(
            '    subsystem: orders\n    tags: { owner: orders-team, cost-centre: "4100" }\n',
            `    subsystem: orders\n    tags: { owner: orders-team, cost-centre: "4100" }\n    githubOidcProvider: ${mode}\n`,
        ),
    );
    const plan = await planWithPolicy({ root, stackPatterns: ["orders-prod.global", "orders-staging.global"] });
    assert.equal(plan.policy.mandatory, 0, JSON.stringify(plan.policy.findings));
    const staging = plan.stacks.find((stack) => stack.name === "orders-staging.global")!;
    // The account not marked still creates its provider.
    assert.equal(staging.resources.filter((resource) => resource.type === PROVIDER && resource.importId === undefined).length, 1);
    return plan.stacks.find((stack) => stack.name === "orders-prod.global")!;
}

function pipelineTrustedProvider(stack: PlannedStack): string {
    const pipeline = stack.resources.find((resource) => resource.type === "aws:iam/role:Role" && resource.inputs.name === "orders-pipeline")!;
    const trust = JSON.parse(String(pipeline.inputs.assumeRolePolicy)) as { Statement: Array<{ Principal: { Federated: string } }> };
    return trust.Statement[0].Principal.Federated;
}

describe("an account that already has the GitHub OIDC provider", () => {
    it("imports it (githubOidcProvider: import): the plan adopts it by ARN, retains it, and creates none", async () => {
        const stack = await planWithExistingProvider("import");
        const providers = stack.resources.filter((resource) => resource.type === PROVIDER);
        assert.equal(providers.length, 1);
        assert.equal(providers[0].importId, ORDERS_PROD_PROVIDER);
        assert.equal(providers[0].retainOnDelete, true);
        assert.equal(pipelineTrustedProvider(stack), ORDERS_PROD_PROVIDER);
    });

    it("reuses it (githubOidcProvider: reuse): the plan looks it up, manages no provider, and trusts the one found", async () => {
        const stack = await planWithExistingProvider("reuse");
        assert.deepEqual(
            stack.resources.filter((resource) => resource.type === PROVIDER),
            [],
        );
        assert.equal(pipelineTrustedProvider(stack), ORDERS_PROD_PROVIDER);
    });
});
