import { strict as assert } from "assert";
import { noPrivilegeEscalation } from "../../../policies/rules/no-privilege-escalation";
import { messages, outcomeOf, role, rolePolicy } from "../rule-harness";

/** An Allow on NotResource grants everything except the listed ARNs (issue 15's second hole). */
describe("Allow with NotResource", () => {
    it("reaches every resource but the listed ones, so PassRole + RunInstances on NotResource is an escalation", () => {
        const resources = [
            role("deployer"),
            rolePolicy("p", "deployer", { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], NotResource: ["arn:aws:iam::123456789012:role/x"] }),
        ];
        const found = messages(outcomeOf(noPrivilegeEscalation, resources));
        assert.ok(
            found.some((message) => message.includes("via CreateEC2WithExistingIP ")),
            found.join("\n"),
        );
    });
    it("is not an escalation when Resource names the same ARN instead", () => {
        const resources = [
            role("deployer"),
            rolePolicy("p", "deployer", { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: ["arn:aws:iam::123456789012:role/x"] }),
        ];
        assert.equal(outcomeOf(noPrivilegeEscalation, resources).status, "pass");
    });
});
