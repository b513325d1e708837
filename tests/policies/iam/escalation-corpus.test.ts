import { strict as assert } from "assert";
import { ESCALATION_METHODS } from "../../../policies/iam/escalation-methods";
import { noPrivilegeEscalation } from "../../../policies/rules/no-privilege-escalation";
import { ACCOUNT, attachment, managedPolicy, messages, outcomeOf, role, rolePolicy } from "../rule-harness";

/** Method ids named in the rule's findings for one role's stack. */
function methodsFound(resources: Parameters<typeof outcomeOf>[1]): string[] {
    return messages(outcomeOf(noPrivilegeEscalation, resources)).map((message) => /via (\w+) /.exec(message)?.[1] ?? message);
}

const EXPECTED_METHODS = [
    "CreateNewPolicyVersion",
    "SetExistingDefaultPolicyVersion",
    "AttachUserPolicy",
    "AttachGroupPolicy",
    "AttachRolePolicy",
    "PutUserPolicy",
    "PutGroupPolicy",
    "PutRolePolicy",
    "CreateAccessKey",
    "CreateLoginProfile",
    "UpdateLoginProfile",
    "AddUserToGroup",
    "UpdateAssumeRolePolicy",
    "PassRoleToEc2",
    "PassRoleToLambdaThenInvoke",
    "PassRoleToLambdaThenEventSource",
    "PassRoleToGlueDevEndpoint",
    "PassRoleToCloudFormation",
    "PassRoleToDataPipeline",
    "UpdateGlueDevEndpoint",
    "UpdateLambdaFunctionCode",
    "PassRoleToEcsRunTask",
    "PassRoleToEcsService",
    "PassRoleToCodeBuild",
    "PassRoleToCodeBuildBatch",
    "PassRoleToSageMakerNotebook",
    "PassRoleToSageMakerTrainingJob",
    "PassRoleToSageMakerProcessingJob",
    "PassRoleToCloudFormationChangeSet",
    "DeleteRolePermissionsBoundary",
    "PutRolePermissionsBoundary",
];

describe("escalation corpus", () => {
    it("covers cloudsplaining's list, the newer PassRole chains and boundary removal", () => {
        assert.deepEqual(
            ESCALATION_METHODS.map((method) => method.id),
            EXPECTED_METHODS,
        );
    });

    for (const method of ESCALATION_METHODS) {
        describe(method.id, () => {
            it("is found when one policy grants it on *", () => {
                assert.ok(
                    methodsFound([role("victim"), rolePolicy("all", "victim", { Effect: "Allow", Action: [...method.actions], Resource: "*" })]).includes(
                        method.id,
                    ),
                );
            });

            it("is found when split across two policies of the role (inline role policy + attached managed policy)", () => {
                const [first, ...rest] = method.actions;
                const inline = rolePolicy("first", "victim", { Effect: "Allow", Action: rest.length ? first : "sts:GetCallerIdentity", Resource: "*" });
                const managed = managedPolicy("second", { Effect: "Allow", Action: rest.length ? rest : [first], Resource: "*" });
                const outcome = outcomeOf(noPrivilegeEscalation, [
                    role("victim"),
                    inline,
                    managed,
                    attachment("attach", "victim", `arn:aws:iam::${ACCOUNT}:policy/second`),
                ]);
                const finding = messages(outcome).find((message) => message.includes(`via ${method.id} `));
                assert.ok(finding, `no finding for ${method.id}: ${messages(outcome).join("; ")}`);
                assert.match(finding, rest.length ? /by policy second and role policy first$/ : /by policy second$/);
            });

            it("is not found when the grants are scoped to the subsystem's resources", () => {
                const scoped = rolePolicy("scoped", "victim", {
                    Effect: "Allow",
                    Action: [...method.actions],
                    Resource: ["arn:aws:iam::*:role/orders-*", "arn:aws:lambda:*:*:function:orders-*", "arn:aws:ecs:*:*:task-definition/orders-*"],
                });
                assert.deepEqual(methodsFound([role("victim"), scoped]), []);
            });

            if (method.actions.length > 1) {
                it("is not found when one of its actions is missing", () => {
                    const partial = rolePolicy("partial", "victim", { Effect: "Allow", Action: method.actions.slice(1), Resource: "*" });
                    assert.ok(!methodsFound([role("victim"), partial]).includes(method.id));
                });
            }
        });
    }

    it("is cut off by a permissions boundary defined in the stack", () => {
        const boundary = managedPolicy("test-boundary", { Effect: "Allow", Action: ["s3:*", "dynamodb:*"], Resource: "*" });
        const grants = rolePolicy("all", "victim", { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances", "iam:PutRolePolicy"], Resource: "*" });
        assert.deepEqual(methodsFound([boundary, role("victim"), grants]), []);
    });

    it("is cut off by an explicit deny in another policy", () => {
        const grants = rolePolicy("all", "victim", { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" });
        const deny = rolePolicy("deny", "victim", { Effect: "Deny", Action: "iam:PassRole", Resource: "*" });
        assert.deepEqual(methodsFound([role("victim"), grants, deny]), []);
    });

    it("sees AdministratorAccess attached by ARN", () => {
        const found = methodsFound([role("victim"), attachment("admin", "victim", "arn:aws:iam::aws:policy/AdministratorAccess")]);
        assert.deepEqual(found, EXPECTED_METHODS);
    });
});
