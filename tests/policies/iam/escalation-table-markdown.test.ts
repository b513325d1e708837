import { strict as assert } from "assert";
import type { EscalationMethod } from "../../../policies/iam/escalation-methods";
import { escalationMethodsMarkdown } from "../../../policies/iam/escalation-table-markdown";

describe("the escalation-method table as Markdown", () => {
    it("renders a count, a header and one row per method: actions joined with +, the service a role is passed to, pipes escaped", () => {
        const methods: EscalationMethod[] = [
            {
                id: "PassToLambda",
                kind: "new-passrole",
                actions: ["iam:PassRole", "lambda:CreateFunction"],
                passedToService: "lambda.amazonaws.com",
                description: "create a function | run it",
                upstream: [
                    { catalog: "cloudsplaining", id: "A", source: "https://github.com/a" },
                    { catalog: "pathfinding.cloud", id: "b-001", source: "https://github.com/b" },
                ],
            },
            {
                id: "PutRolePolicy",
                kind: "self-escalation",
                actions: ["iam:PutRolePolicy"],
                description: "write a policy",
                upstream: [{ catalog: "cloudsplaining", id: "PutRolePolicy", source: "https://github.com/c" }],
            },
        ];
        assert.equal(
            escalationMethodsMarkdown(methods),
            [
                "2 privilege-escalation methods.",
                "",
                "| Method | Kind | Actions | What it does | Upstream |",
                "|---|---|---|---|---|",
                "| `PassToLambda` | new-passrole | `iam:PassRole` + `lambda:CreateFunction` (to `lambda.amazonaws.com`) | create a function \\| run it | [cloudsplaining A](https://github.com/a), [pathfinding.cloud b-001](https://github.com/b) |",
                "| `PutRolePolicy` | self-escalation | `iam:PutRolePolicy` | write a policy | [cloudsplaining PutRolePolicy](https://github.com/c) |",
                "",
            ].join("\n"),
        );
    });
});
