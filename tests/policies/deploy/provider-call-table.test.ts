import { strict as assert } from "assert";
import type { PlanDocument } from "../../../lib/contracts/plan-document";
import { actionRecord } from "../../../policies/iam/action-catalog";
import { requiredResourceTypes } from "../../../policies/deploy/resource-arns";
import { makesNoCalls, PROVIDER_CALLS, providerCallsOf } from "../../../policies/deploy/provider-call-table";
import { providerCallTableMarkdown } from "../../../policies/deploy/provider-call-markdown";
import { resourceTypeRecord } from "../../../policies/iam/action-catalog";
import { exampleFleetPlan } from "../../helpers/example-catalog";

const SOURCE =
    /^(https:\/\/docs\.aws\.amazon\.com\/\S+|hashicorp\/terraform-provider-aws internal\/service\/\S+\.go|pulumi\/pulumi-aws-native aws-cloudformation-schema\/aws-[a-z0-9-]+\.json)$/;

describe("the provider-call table", function () {
    let plan: PlanDocument;

    before(async () => {
        plan = await exampleFleetPlan();
    });

    it("has a row for every resource type the example fleet plans", () => {
        const missing = new Set<string>();
        for (const stack of plan.stacks) {
            for (const resource of stack.resources) if (!makesNoCalls(resource) && !providerCallsOf(resource.type)) missing.add(resource.type);
        }
        assert.deepEqual([...missing], []);
        for (const stack of plan.stacks) assert.deepEqual(stack.deployability?.unmodelled, [], `${stack.name} has unchecked calls`);
    });

    it("names only actions and resource types of the service authorization reference, each row with a source", () => {
        for (const entry of PROVIDER_CALLS) {
            assert.ok(entry.sources.length > 0, entry.type);
            for (const source of entry.sources) assert.match(source, SOURCE, entry.type);
            for (const call of entry.calls) {
                const where = `${entry.type} ${call.action}`;
                assert.ok(actionRecord(call.action), `${where}: not an action of the reference`);
                assert.match(call.source, SOURCE, where);
                assert.ok(call.phases.length > 0, where);
                const service = call.action.split(":")[0];
                for (const alternatives of call.resourceTypes ?? requiredResourceTypes(call.action)) {
                    for (const type of alternatives.split("|"))
                        assert.ok(resourceTypeRecord(service, type) ?? resourceTypeRecord(service, type.toLowerCase()), `${where}: ${type}`);
                }
            }
        }
    });

    it("lists each type once, and a call that creates a resource in its create phase only", () => {
        const types = PROVIDER_CALLS.map((entry) => entry.type);
        assert.equal(new Set(types).size, types.length);
        for (const entry of PROVIDER_CALLS)
            for (const call of entry.calls.filter((candidate) => candidate.creates)) assert.deepEqual(call.phases, ["create"], `${entry.type} ${call.action}`);
    });

    it("renders as a Markdown reference: one section per type, one line per call with its ARN format and source", () => {
        const markdown = providerCallTableMarkdown();
        for (const entry of PROVIDER_CALLS) assert.ok(markdown.includes(`### \`${entry.type}\``), entry.type);
        assert.match(
            markdown,
            /\| create \| `kms:TagResource` \| `arn:\$\{Partition\}:kms:\$\{Region\}:\$\{Account\}:key\/\$\{KeyId\}` .*tag-permissions\.html/,
        );
        assert.match(markdown, /\| create \| `kms:CreateKey` \| `\*` \|/);
    });
});
