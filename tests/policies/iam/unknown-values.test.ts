import { strict as assert } from "assert";
import { isUnknownValueError, readIfKnown } from "../../../policies/iam/unknown-values";
import { UnknownValueError } from "../../../policies/unknown-values-proxy";

/** CrossGuard's own error of that name, which the pack cannot import: only the name ties the two. */
class CrossGuardUnknownValueError extends Error {}
Object.defineProperty(CrossGuardUnknownValueError, "name", { value: "UnknownValueError" });

describe("values the engine cannot know yet", () => {
    it("recognises an unknown-value error by its class name, from either engine", () => {
        assert.equal(isUnknownValueError(new UnknownValueError("props.policy")), true);
        assert.equal(isUnknownValueError(new CrossGuardUnknownValueError("props.policy")), true);
    });
    it("nothing else is one: other errors, primitives, null, undefined, objects without a constructor", () => {
        for (const value of [new Error("UnknownValueError"), "UnknownValueError", null, undefined, 0, Object.create(null), { name: "UnknownValueError" }])
            assert.equal(isUnknownValueError(value), false, typeof value);
    });
    it("readIfKnown gives the value, undefined for an unknown one, and rethrows any other error", () => {
        assert.equal(
            readIfKnown(() => 42),
            42,
        );
        assert.equal(
            readIfKnown(() => {
                throw new UnknownValueError("props.policy");
            }),
            undefined,
        );
        assert.throws(
            () =>
                readIfKnown(() => {
                    throw new TypeError("a real bug");
                }),
            { name: "TypeError", message: "a real bug" },
        );
    });
});
