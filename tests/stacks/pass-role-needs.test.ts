import { strict as assert } from "assert";
import { PASS_ROLE_SERVICES } from "../../components/policy-documents/deployment";
import { exampleFleetPlan } from "../helpers/example-catalog";

/**
 * Where a resource hands a role to a service, and which service then assumes it (the
 * `iam:PassedToService` value IAM sees when the provider creates or updates the resource).
 */
const ROLE_INPUTS: Record<string, { input: string; service: string }> = {
    "aws:lambda/function:Function": { input: "role", service: "lambda.amazonaws.com" },
    "aws:cloudwatch/eventTarget:EventTarget": { input: "roleArn", service: "events.amazonaws.com" },
    "aws:cloudwatch/eventEndpoint:EventEndpoint": { input: "roleArn", service: "events.amazonaws.com" },
    "aws:apigateway/integration:Integration": { input: "credentials", service: "apigateway.amazonaws.com" },
    "aws:apigateway/account:Account": { input: "cloudwatchRoleArn", service: "apigateway.amazonaws.com" },
};

describe("iam:PassRole grants", () => {
    it("name exactly the services the example fleet passes roles to, and no longer API Gateway", async () => {
        const plan = await exampleFleetPlan();
        const passedTo = new Set<string>();
        for (const stack of plan.stacks) {
            for (const resource of stack.resources) {
                const passing = ROLE_INPUTS[resource.type];
                if (passing && typeof resource.inputs[passing.input] === "string") passedTo.add(passing.service);
            }
        }
        assert.deepEqual([...passedTo].sort(), [...PASS_ROLE_SERVICES].sort());
        assert.ok(!passedTo.has("apigateway.amazonaws.com"));
    });
});
