import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { isMap, isSeq, parseDocument, type Node, type YAMLSeq } from "yaml";
import type { PlanDocument } from "../../lib/contracts/plan-document";
import { guideBlocks, meridianSucceedsIn } from "../helpers/guides";
import { copyExampleCatalog } from "../helpers/example-catalog";

/**
 * The catalog-change guides, followed as written on a copy of the example: each `yaml` block says
 * where it goes in its first line (`# <file>, under <path>:`) and is appended there; each `sh` block's
 * `npx meridian` commands run in order, offline, and must succeed.
 */

type Step = { kind: "yaml"; file: string; at: string[]; items: unknown[] } | { kind: "sh"; argv: string[] };

function guideSteps(guide: string): Step[] {
    return guideBlocks(guide, ["yaml", "sh"]).flatMap(({ language, body }): Step[] => {
        if (language === "sh")
            return body
                .split("\n")
                .filter((line) => line.startsWith("npx meridian "))
                .map((line) => ({ kind: "sh", argv: line.split(" ").slice(2) }));
        const where = /^# (\S+), under (\S+):\n/.exec(body);
        assert.ok(where, `${guide}: a yaml block must start with "# <file>, under <path>:"\n${body}`);
        return [{ kind: "yaml", file: where[1], at: where[2].split("."), items: parseDocument(body).toJS() as unknown[] }];
    });
}

/** Appends items to the list at `at`: map keys, or a list item by its `name` or `code`. Keeps the file's comments. */
function appendAt(root: string, step: Extract<Step, { kind: "yaml" }>): void {
    const file = path.join(root, step.file);
    const document = parseDocument(fs.readFileSync(file, "utf8"));
    let node: Node | null | undefined = document.contents;
    for (const segment of step.at) {
        if (isMap(node)) node = node.get(segment, true) as Node | undefined;
        else if (isSeq(node))
            node = node.items.find((item) => isMap(item) && (item.get("name") === segment || item.get("code") === segment)) as Node | undefined;
        assert.ok(node, `${step.file} has nothing at ${step.at.join(".")}`);
    }
    assert.ok(isSeq(node), `${step.file}: ${step.at.join(".")} is not a list`);
    for (const item of step.items) (node as YAMLSeq).add(document.createNode(item));
    fs.writeFileSync(file, document.toString());
}

async function followGuide(guide: string): Promise<{ root: string; outputs: Map<string, string> }> {
    const root = copyExampleCatalog("meridian-guide-");
    const outputs = new Map<string, string>();
    for (const step of guideSteps(guide)) {
        if (step.kind === "yaml") appendAt(root, step);
        else outputs.set(step.argv.slice(0, 2).join(" "), await meridianSucceedsIn(root, step.argv));
    }
    return { root, outputs };
}

function planOf(root: string, dir: string): PlanDocument {
    return JSON.parse(fs.readFileSync(path.join(root, dir, "plan.json"), "utf8")) as PlanDocument;
}

function stackNames(plan: PlanDocument): string[] {
    return plan.stacks.map((stack) => stack.name);
}

describe("the catalog-change guides, followed as written", function () {
    this.timeout(300_000);

    it("add-a-subsystem.md: two accounts and a subsystem become six new stacks, deployable and clean", async () => {
        const { root, outputs } = await followGuide("add-a-subsystem.md");
        const base = planOf(root, "base-plan");
        const head = planOf(root, "plan-out");
        const added = stackNames(head).filter((name) => !stackNames(base).includes(name));
        assert.deepEqual(added.sort(), [
            "inventory-prod.eu-west-1",
            "inventory-prod.global",
            "inventory-prod.us-east-1",
            "inventory-staging.eu-west-1",
            "inventory-staging.global",
            "inventory-staging.us-east-1",
        ]);
        // The accounts have no id until wave 0 creates them, so their stack files wait; sync says so.
        for (const name of added) {
            assert.ok(!fs.existsSync(path.join(root, "stacks", `Pulumi.${name}.yaml`)), `stacks sync wrote ${name} without an account id`);
            assert.match(outputs.get("stacks sync") ?? "", new RegExp(`pending stacks/Pulumi\\.${name.replace(/\./g, "\\.")}\\.yaml`));
        }
        assert.equal(head.policy.mandatory, 0);
        assert.deepEqual(
            head.stacks.flatMap((stack) => stack.deployability?.denied ?? []),
            [],
        );
        for (const name of added) assert.match(outputs.get("plan diff") ?? "", new RegExp(name.replace(/\./g, "\\.")));
        assert.match(outputs.get("failover simulate") ?? "", /inventory/);
    });

    it("add-a-region.md: the region joins the guard and payments runs there, in both environments", async () => {
        const { root, outputs } = await followGuide("add-a-region.md");
        const base = planOf(root, "base-plan");
        const head = planOf(root, "plan-out");
        assert.deepEqual(
            stackNames(head).filter((name) => !stackNames(base).includes(name)),
            ["payments-prod.us-west-2", "payments-staging.us-west-2"],
        );
        const guard = head.stacks
            .find((stack) => stack.name === "organization")!
            .resources.find((resource) => resource.type === "aws:organizations/policy:Policy" && String(resource.inputs.name).includes("unapproved-regions"));
        assert.ok(guard, "the organization stack has the region guard");
        assert.match(String(guard.inputs.content), /us-west-2/);
        assert.equal(head.policy.mandatory, 0);
        assert.match(outputs.get("plan diff") ?? "", /payments-prod\.us-west-2/);
        assert.match(outputs.get("failover simulate") ?? "", /us-west-2/);
    });
});
