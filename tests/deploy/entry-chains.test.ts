import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as bootstrapCommand from "../../cli/commands/bootstrap";
import * as stacksCommand from "../../cli/commands/stacks";
import type { PlanDocument } from "../../lib/contracts/plan-document";
import { handMadeRoles } from "../../stacks/deploy/hand-made-roles";
import { runCommand } from "../helpers/cli";
import { loadCatalog } from "../../stacks/catalog";
import { type EntryChain, entryChains } from "../../stacks/deploy/entry-chains";
import { REPO_ROOT, exampleFleetPlan } from "../helpers/example-catalog";

const catalog = loadCatalog(REPO_ROOT);

function chain(chains: EntryChain[], stack: string, entry: "ci" | "workstation", provider = "default"): EntryChain {
    return chains.find((candidate) => candidate.stack === stack && candidate.entry === entry && candidate.provider === provider)!;
}

/** The example plan with one role's trust policy rewritten. */
function withTrust(plan: PlanDocument, roleName: string, rewrite: (trust: { Statement: Array<Record<string, unknown>> }) => void): PlanDocument {
    const copy = JSON.parse(JSON.stringify(plan)) as PlanDocument;
    for (const stack of copy.stacks) {
        for (const resource of stack.resources) {
            if (resource.type === "aws:iam/role:Role" && resource.inputs.name === roleName) {
                const trust = JSON.parse(String(resource.inputs.assumeRolePolicy));
                rewrite(trust);
                resource.inputs.assumeRolePolicy = JSON.stringify(trust);
            }
        }
    }
    return copy;
}

describe("assume-role chains, walked through the planned trust policies", () => {
    it("hold for every stack's default and explicit providers, from CI and from a workstation", async () => {
        const chains = entryChains(catalog, await exampleFleetPlan());
        const broken = chains.filter((candidate) => !candidate.holds);
        assert.deepEqual(
            broken.map((candidate) => `${candidate.stack} ${candidate.provider} ${candidate.entry}: ${candidate.hops.find((hop) => !hop.allowed)!.reason}`),
            [],
        );
        // 15 configured stacks (payments-staging has no id yet), both ways in, plus the explicit providers.
        const stacks = new Set(chains.map((candidate) => candidate.stack));
        assert.equal(stacks.size, 15);
        assert.deepEqual([...new Set(chains.map((candidate) => candidate.provider))].sort(), ["default", "dns-parent", "log-archive"]);
    });

    it("enters wave 2 from CI as the account's pipeline role, and from a workstation as the bootstrap role, both into the deployment role", async () => {
        const chains = entryChains(catalog, await exampleFleetPlan());
        assert.deepEqual(
            chain(chains, "orders-prod.eu-west-1", "ci").hops.map((hop) => hop.role),
            ["arn:aws:iam::555555555555:role/orders-pipeline", "arn:aws:iam::555555555555:role/orders-deployment"],
        );
        assert.deepEqual(
            chain(chains, "orders-prod.eu-west-1", "workstation").hops.map((hop) => hop.role),
            ["arn:aws:iam::111111111111:role/meridian-bootstrap", "arn:aws:iam::555555555555:role/orders-deployment"],
        );
        assert.deepEqual(
            chain(chains, "orders-prod.global", "ci", "dns-parent").hops.map((hop) => hop.role),
            ["arn:aws:iam::111111111111:role/management-pipeline", "arn:aws:iam::444444444444:role/OrganizationAccountAccessRole"],
        );
        assert.deepEqual(
            chain(chains, "organization", "workstation", "log-archive").hops.map((hop) => hop.role),
            ["arn:aws:iam::111111111111:role/meridian-bootstrap", "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole"],
        );
        assert.equal(chain(chains, "organization", "ci").hops.length, 1);
    });

    it("breaks the workstation's way into wave 2 when the deployment role trusts only the pipeline (the defect)", async () => {
        const plan = withTrust(await exampleFleetPlan(), "orders-deployment", (trust) => {
            trust.Statement = trust.Statement.filter((statement) => statement.Sid !== "AssumedByBootstrapRole");
        });
        const chains = entryChains(catalog, plan);
        const workstation = chain(chains, "orders-prod.eu-west-1", "workstation");
        assert.equal(workstation.holds, false);
        assert.equal(
            workstation.hops[1].reason,
            "the trust policy of arn:aws:iam::555555555555:role/orders-deployment does not trust arn:aws:iam::111111111111:role/meridian-bootstrap for sts:AssumeRole",
        );
        assert.equal(chain(chains, "orders-prod.eu-west-1", "ci").holds, true);
    });

    it("breaks CI's way in when the pipeline role trusts another GitHub environment than the job runs in", async () => {
        const plan = withTrust(await exampleFleetPlan(), "orders-pipeline", (trust) => {
            const condition = trust.Statement[0].Condition as { StringEquals: Record<string, string> };
            condition.StringEquals["token.actions.githubusercontent.com:sub"] = "repo:meridian-example/platform:environment:prod";
        });
        const chains = entryChains(catalog, plan);
        const ci = chain(chains, "orders-prod.eu-west-1", "ci");
        assert.equal(ci.holds, false);
        assert.match(
            ci.hops[0].reason,
            /does not trust arn:aws:iam::555555555555:oidc-provider\/token\.actions\.githubusercontent\.com for sts:AssumeRoleWithWebIdentity/,
        );
    });

    it("refuses a bootstrap role outside the organisation, and a pipeline role whose policy no longer allows the hop", async () => {
        const foreign = withTrust(await exampleFleetPlan(), "orders-deployment", (trust) => {
            (trust.Statement[1].Condition as { StringEquals: Record<string, string> }).StringEquals["aws:PrincipalOrgID"] = "o-someoneelse";
        });
        assert.equal(chain(entryChains(catalog, foreign), "orders-prod.eu-west-1", "workstation").holds, false);

        const stripped = JSON.parse(JSON.stringify(await exampleFleetPlan())) as PlanDocument;
        for (const resource of stripped.stacks.flatMap((stack) => stack.resources)) {
            if (resource.type === "aws:iam/rolePolicy:RolePolicy" && resource.inputs.name === "pipeline") {
                const policy = JSON.parse(String(resource.inputs.policy));
                policy.Statement = policy.Statement.filter((statement: { Sid: string }) => statement.Sid !== "AssumeDeploymentRole");
                resource.inputs.policy = JSON.stringify(policy);
            }
        }
        const ci = chain(entryChains(catalog, stripped), "orders-prod.eu-west-1", "ci");
        assert.equal(ci.holds, false);
        assert.match(ci.hops[1].reason, /no policy of arn:aws:iam::555555555555:role\/orders-pipeline allows sts:AssumeRole/);
    });

    describe("from the command line", () => {
        const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-chains-"));

        it("`meridian stacks chains` exits 0 on the example plan and 1, naming the hop, on a plan that breaks one", async () => {
            const good = path.join(scratch, "plan.json");
            fs.writeFileSync(good, JSON.stringify(await exampleFleetPlan()));
            const ok = await runCommand(stacksCommand, ["stacks", "chains", "--root", REPO_ROOT, "--plan", good]);
            assert.equal(ok.status, 0, ok.stdout);
            assert.match(ok.stdout, /\n38 of 38 chains hold\n$/);
            const bad = path.join(scratch, "broken.json");
            fs.writeFileSync(
                bad,
                JSON.stringify(
                    withTrust(await exampleFleetPlan(), "payments-deployment", (trust) => {
                        trust.Statement = trust.Statement.filter((statement) => statement.Sid !== "AssumedByPipeline");
                    }),
                ),
            );
            const broken = await runCommand(stacksCommand, ["stacks", "chains", "--root", REPO_ROOT, "--plan", bad]);
            assert.equal(broken.status, 1);
            assert.match(
                broken.stdout,
                /^BROKEN payments-prod\.eu-west-1 \(default, ci\): 666666666666:role\/payments-pipeline -> 666666666666:role\/payments-deployment: the trust policy of arn:aws:iam::666666666666:role\/payments-deployment does not trust arn:aws:iam::666666666666:role\/payments-pipeline for sts:AssumeRole$/m,
            );
        });

        it("`meridian bootstrap roles` writes exactly the trust the chains were walked through", async () => {
            const out = path.join(scratch, "bootstrap");
            const run = await runCommand(bootstrapCommand, ["bootstrap", "roles", "--root", REPO_ROOT, "--out", out]);
            assert.equal(run.status, 0, run.stderr);
            for (const role of handMadeRoles(catalog)) {
                assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, `${role.name}.trust.json`), "utf8")), role.trust);
            }
            assert.deepEqual(fs.readdirSync(out).sort(), ["management-pipeline.trust.json", "meridian-bootstrap.trust.json"]);
        });
    });
});
