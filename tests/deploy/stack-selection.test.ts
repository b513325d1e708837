import { strict as assert } from "assert";
import { InputError } from "../../lib/input-error";
import type { StackSpec } from "../../lib/contracts/stack-spec";
import { selectForRun } from "../../stacks/deploy/stack-selection";

const STACKS: StackSpec[] = ["organization", "orders-prod.global", "payments-prod.global", "orders-prod.us-east-1", "orders-prod.eu-west-1"].map((name) => ({
    name,
    wave: name === "organization" ? 0 : name.endsWith(".global") ? 1 : 2,
    kind: "account",
    account: name.split(".")[0],
    region: "us-east-1",
    dependsOn: [],
}));

describe("selectForRun", () => {
    it("keeps every stack, in order, when nothing narrows the selection", () => {
        assert.deepEqual(
            selectForRun(STACKS, { patterns: [] }).map((spec) => spec.name),
            STACKS.map((spec) => spec.name),
        );
    });

    it("matches globs over stack names and intersects them with --wave", () => {
        assert.deepEqual(
            selectForRun(STACKS, { patterns: ["orders-prod.*"] }).map((spec) => spec.name),
            ["orders-prod.global", "orders-prod.us-east-1", "orders-prod.eu-west-1"],
        );
        assert.deepEqual(
            selectForRun(STACKS, { patterns: ["orders-prod.*", "payments-*"], wave: 1 }).map((spec) => spec.name),
            ["orders-prod.global", "payments-prod.global"],
        );
    });

    it("reports every pattern that matches nothing and an unknown wave, together", () => {
        assert.throws(
            () => selectForRun(STACKS, { patterns: ["orders-prod.*", "order-prod.*"], wave: 5 }),
            (error: unknown) =>
                error instanceof InputError &&
                error.message ===
                    [
                        `command line: --stack: "order-prod.*" matches no stack (stacks: ${STACKS.map((spec) => spec.name).join(", ")})`,
                        "command line: --wave: 5 is not a wave of this fleet (waves: 0, 1, 2)",
                    ].join("\n"),
        );
    });
});
