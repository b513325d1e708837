import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { DeniedCall, PlanDocument, PlannedResource, PlannedStack } from "../../../lib/contracts/plan-document";
import { assessDeployability } from "../../../policies/deploy/deployability";
import { loadCatalog } from "../../../stacks/catalog";
import { providerIdentity } from "../../../stacks/stack-config";
import { copyExampleCatalog, editFile, exampleFleetPlan, REPO_ROOT, runMeridian, seedPlanCache } from "../../helpers/example-catalog";

/** The plan's stacks, deep-copied so a test may break them. */
function copyOf(plan: PlanDocument): PlannedStack[] {
    return JSON.parse(JSON.stringify(plan.stacks)) as PlannedStack[];
}

/** Re-runs the check on (edited) stacks, with each stack's provider as the planner configures it. */
function reassess(stacks: PlannedStack[]) {
    const catalog = loadCatalog(REPO_ROOT);
    const accountIds = stacks.find((stack) => stack.kind === "organization")?.outputs.accountIds as Record<string, string>;
    return assessDeployability(stacks, { providerOf: (stack) => providerIdentity(catalog, stack, stack.accountId ?? accountIds[stack.account]) });
}

function resourceNamed(stacks: PlannedStack[], stack: string, name: string): PlannedResource {
    const found = stacks.find((candidate) => candidate.name === stack)?.resources.find((resource) => resource.name === name);
    assert.ok(found, `${stack} has no ${name}`);
    return found;
}

/** Rewrites a policy document held in a resource's inputs. */
function editPolicy(resource: PlannedResource, field: string, edit: (document: { Statement: Array<Record<string, unknown>> }) => void): void {
    const document = JSON.parse(resource.inputs[field] as string);
    edit(document);
    resource.inputs[field] = JSON.stringify(document);
}

function withoutAction(action: string) {
    return (document: { Statement: Array<Record<string, unknown>> }) => {
        for (const statement of document.Statement) {
            if (Array.isArray(statement.Action)) statement.Action = statement.Action.filter((candidate: string) => candidate !== action);
        }
    };
}

const describeDenied = (call: DeniedCall) => `${call.phase} ${call.action} ${call.resource}`;

/** What an edit newly denies in one stack: the calls denied after it that were not denied before. */
function newlyDenied(plan: PlanDocument, edited: PlannedStack[], stack: string): DeniedCall[] {
    const before = new Set((reassess(copyOf(plan)).get(stack)?.denied ?? []).map(describeDenied));
    return (reassess(edited).get(stack)?.denied ?? []).filter((call) => !before.has(describeDenied(call)));
}

describe("deployability of the example fleet", function () {
    let plan: PlanDocument;

    before(async () => {
        plan = await exampleFleetPlan();
    });

    it("plans with 0 denied calls and calls checked in every stack", () => {
        for (const stack of plan.stacks) {
            assert.ok(stack.deployability, `${stack.name} has no deployability record`);
            assert.ok(stack.deployability.calls > 0, `${stack.name} checked no call`);
            assert.deepEqual(
                stack.deployability.denied.map(describeDenied),
                [],
                `${stack.name}: ${stack.deployability.denied.map((call) => call.reason).join("; ")}`,
            );
            assert.deepEqual(stack.deployability.unmodelled, [], `${stack.name} has unchecked calls`);
        }
    });

    it("names each stack's deploying principal from its provider's assume-role chain", () => {
        const principal = (name: string) => plan.stacks.find((stack) => stack.name === name)?.deployability;
        assert.deepEqual(principal("orders-prod.eu-west-1")?.chain, ["arn:aws:iam::555555555555:role/orders-deployment"]);
        assert.equal(principal("orders-prod.eu-west-1")?.origin, "planned in orders-prod.global");
        assert.equal(principal("audit.global")?.principal, "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole");
        assert.equal(principal("audit.global")?.origin, "created by AWS Organizations with the account");
        assert.deepEqual(principal("organization")?.chain, []);
        assert.equal(principal("organization")?.origin, "the management account's own credentials");
    });

    it("catches an action removed from the deployment role's policy, naming the action and the ARN", () => {
        const stacks = copyOf(plan);
        editPolicy(resourceNamed(stacks, "orders-prod.global", "orders-deployment-deployment-policy"), "policy", withoutAction("lambda:CreateFunction"));
        const denied = newlyDenied(plan, stacks, "orders-prod.eu-west-1");
        assert.deepEqual(
            denied.map((call) => [describeDenied(call), call.reason]),
            [
                [
                    "create lambda:CreateFunction arn:aws:lambda:eu-west-1:555555555555:function:orders-health-check",
                    "no identity policy of arn:aws:iam::555555555555:role/orders-deployment allows it",
                ],
            ],
        );
        assert.deepEqual(newlyDenied(plan, stacks, "orders-staging.eu-west-1"), [], "another account's role is untouched");
    });

    it("checks each region's dashboard against the deployment role, on the dashboard's region-less ARN", () => {
        const stacks = copyOf(plan);
        editPolicy(resourceNamed(stacks, "orders-prod.global", "orders-deployment-deployment-policy"), "policy", (document) => {
            document.Statement = document.Statement.filter((statement) => statement.Sid !== "Dashboards");
        });
        const dashboard = "arn:aws:cloudwatch::555555555555:dashboard/orders-health-eu-west-1";
        assert.deepEqual(newlyDenied(plan, stacks, "orders-prod.eu-west-1").map(describeDenied), [
            `create cloudwatch:PutDashboard ${dashboard}`,
            `update cloudwatch:PutDashboard ${dashboard}`,
            `read cloudwatch:GetDashboard ${dashboard}`,
            `delete cloudwatch:DeleteDashboards ${dashboard}`,
        ]);
    });

    it("catches an action the permissions boundary no longer allows", () => {
        const stacks = copyOf(plan);
        editPolicy(resourceNamed(stacks, "orders-prod.global", "orders-deployment-deployment-boundary"), "policy", (document) => {
            document.Statement.push({ Effect: "Deny", Action: "dynamodb:UpdateTimeToLive", Resource: "*" });
        });
        const denied = newlyDenied(plan, stacks, "orders-prod.us-east-1");
        assert.ok(denied.length > 0);
        for (const call of denied) {
            assert.equal(call.action, "dynamodb:UpdateTimeToLive");
            assert.equal(call.deniedBy, "boundary orders-deployment-deployment-boundary");
        }
    });

    it("the management account ignores SCPs; a member account is bound by them", () => {
        const stacks = copyOf(plan);
        const organization = stacks.find((stack) => stack.kind === "organization") as PlannedStack;
        const rootId = String(organization.outputs.rootId);
        const denyAll = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "DenyEverything", Effect: "Deny", Action: "*", Resource: "*" }] });
        const policyArn = `arn:aws:organizations::111111111111:policy/o-test/service_control_policy/p-denyall`;
        organization.resources.push(
            {
                ...resourceNamed(stacks, "organization", "scp-deny-root-user"),
                urn: "urn:test:deny-all",
                name: "deny-all",
                inputs: { name: "deny-all", content: denyAll, type: "SERVICE_CONTROL_POLICY" },
                outputs: { arn: policyArn },
            },
            {
                ...resourceNamed(stacks, "organization", "scp-deny-root-user--root"),
                urn: "urn:test:deny-all--root",
                name: "deny-all--root",
                inputs: { policyId: "p-denyall", targetId: rootId },
                outputs: {},
            },
        );
        const records = reassess(stacks);
        assert.deepEqual(records.get("organization")?.denied, []);
        assert.ok((records.get("organization")?.calls ?? 0) > 0);
        for (const name of ["audit.global", "orders-prod.eu-west-1"]) {
            const record = records.get(name);
            assert.ok(record && record.denied.length === record.calls, `${name}: every call is denied`);
            assert.ok(record.denied.some((call) => call.deniedBy === "SCP deny-all"));
        }
    });

    it("resource control policies bind the calls on the services they govern, in member accounts only", () => {
        const stacks = copyOf(plan);
        const organization = stacks.find((stack) => stack.kind === "organization") as PlannedStack;
        const denyKeys = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "NoKeys", Effect: "Deny", Principal: "*", Action: ["kms:*", "lambda:*"], Resource: "*" }],
        });
        organization.resources.push(
            {
                ...resourceNamed(stacks, "organization", "scp-deny-root-user"),
                urn: "urn:test:no-keys",
                name: "no-keys",
                inputs: { name: "no-keys", content: denyKeys, type: "RESOURCE_CONTROL_POLICY" },
                outputs: { arn: "arn:aws:organizations::111111111111:policy/o-test/resource_control_policy/p-nokeys" },
            },
            {
                ...resourceNamed(stacks, "organization", "scp-deny-root-user--root"),
                urn: "urn:test:no-keys--root",
                name: "no-keys--root",
                inputs: { policyId: "p-nokeys", targetId: String(organization.outputs.rootId) },
                outputs: {},
            },
        );
        const denied = newlyDenied(plan, stacks, "orders-prod.eu-west-1");
        assert.ok(denied.some((call) => call.action === "kms:CreateKey" && call.deniedBy === "RCP no-keys"));
        assert.ok(
            denied.every((call) => call.action.startsWith("kms:")),
            "Lambda is not a service RCPs govern",
        );
        assert.deepEqual(newlyDenied(plan, stacks, "organization"), []);
    });
});

describe("meridian plan on a catalog whose SCP denies kms:CreateKey to the workload OUs", function () {
    this.timeout(180_000);

    it("exits 1 and names kms:CreateKey, denied by that SCP, in every workload stack that creates a key", async () => {
        const root = copyExampleCatalog();
        try {
            fs.writeFileSync(
                path.join(root, "accounts/scps/deny-kms-create.json"),
                JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "NoNewKeys", Effect: "Deny", Action: "kms:CreateKey", Resource: "*" }] }),
            );
            editFile(root, "accounts/organization.yaml", (text) =>
                text.replace(
                    "serviceControlPolicies:\n",
                    "serviceControlPolicies:\n  - name: deny-kms-create\n    file: scps/deny-kms-create.json\n    targets: [Workloads/Prod, Workloads/Staging]\n",
                ),
            );
            const out = path.join(root, "plan-out");
            await seedPlanCache(out);
            const result = runMeridian(["plan", "--root", root, "--out", out, "--quiet", "--format", "json"]);
            assert.equal(result.status, 1, result.stderr);
            const stacks = JSON.parse(result.stdout).stacks as Array<{ name: string; kind: string; deployability: { denied: DeniedCall[] } }>;
            for (const stack of stacks) {
                const keyCreations = stack.deployability.denied.filter((call) => call.action === "kms:CreateKey");
                if (stack.kind === "subsystem") {
                    assert.equal(keyCreations.length, 1, stack.name);
                    assert.equal(keyCreations[0].deniedBy, "SCP deny-kms-create");
                    assert.equal(keyCreations[0].resource, "*");
                } else assert.deepEqual(keyCreations, [], stack.name);
            }
            const summary = fs.readFileSync(path.join(out, "summary.txt"), "utf8");
            assert.match(
                summary,
                /\[mandatory\] deploy-permissions [^\n]+\n\s+\S+ may not kms:CreateKey on \* \(create\): explicit Deny in SCP deny-kms-create \(NoNewKeys\)/,
            );
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
