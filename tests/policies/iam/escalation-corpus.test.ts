import { strict as assert } from "assert";
import { findAction } from "../../../policies/iam/action-catalog";
import { ESCALATION_METHODS } from "../../../policies/iam/escalation-methods";
import { escalationMethodsMarkdown } from "../../../policies/iam/escalation-table-markdown";
import { MERIDIAN_RULES } from "../../../policies/rules";
import { noPrivilegeEscalation } from "../../../policies/rules/no-privilege-escalation";
import { runScenario } from "../../../policies/rules/scenario-kit";
import { ACCOUNT, attachment, managedPolicy, messages, outcomeOf, role, rolePolicy } from "../rule-harness";
import { ESCALATION_CORPUS } from "./escalation-corpus";

/**
 * The upstream lists the table must cover, as published at the commits the table cites:
 * cloudsplaining's PRIVILEGE_ESCALATION_METHODS keys, the pathfinding.cloud catalog's path ids
 * (data/paths), and the privilege-escalation scenarios pathfinding-labs adds to that catalog.
 */
const CLOUDSPLAINING = [
    "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile", "AddUserToGroup", "CreateNewPolicyVersion", "SetExistingDefaultPolicyVersion",
    "AttachUserPolicy", "AttachGroupPolicy", "AttachRolePolicy", "PutUserPolicy", "PutGroupPolicy", "PutRolePolicy", "UpdateRolePolicyToAssumeIt",
    "CreateEC2WithExistingIP", "PassExistingRoleToNewLambdaThenInvoke", "PassExistingRoleToNewLambdaThenTriggerWithNewDynamo",
    "PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo", "PassExistingRoleToNewGlueDevEndpoint", "PassExistingRoleToCloudFormation",
    "PassExistingRoleToNewDataPipeline", "UpdateExistingGlueDevEndpoint", "EditExistingLambdaFunctionWithRole", "AccessExistingBedrockCodeInterpreterSession",
    "ExecuteCloudFormationChangeSet", "ModifyEC2InstanceUserDataThenRestart", "ModifyExistingEC2LaunchTemplate", "EC2InstanceConnectSendSSHPublicKey",
    "ECSExecuteCommandOnRunningTask", "UpdateAndInvokeLambdaFunction", "UpdateLambdaFunctionAndAddPermission", "CreatePresignedSageMakerNotebookUrl",
    "UpdateSageMakerNotebookLifecycleConfig", "PassExistingRoleToNewAppRunnerService", "PassExistingRoleToNewBedrockCodeInterpreter",
    "PassExistingRoleToNewCloudFormationStackSet", "PassRoleToUpdateCloudFormationStackSet", "PassExistingRoleToNewCodeBuildProjectThenBuild",
    "PassExistingRoleToNewCodeBuildProjectThenBuildBatch", "PassExistingRoleToNewEC2SpotInstance", "PassExistingRoleToNewECSClusterServiceTask",
    "PassExistingRoleToNewECSClusterRunTask", "PassExistingRoleToNewECSService", "PassExistingRoleToNewECSTaskViaRunTask",
    "PassExistingRoleToNewECSTaskViaStartTask", "PassExistingRoleToNewGlueJobThenRun", "PassExistingRoleToNewGlueJobViaTrigger",
    "PassExistingRoleToUpdatedGlueJobThenRun", "PassExistingRoleToUpdatedGlueJobViaTrigger", "PassExistingRoleToNewLambdaThenAddPermission",
    "PassExistingRoleToNewSageMakerNotebookInstance", "PassExistingRoleToNewSageMakerTrainingJob", "PassExistingRoleToNewSageMakerProcessingJob",
    "CreateAndRotateAccessKey", "AttachUserPolicyThenCreateAccessKey", "CreatePolicyVersionThenAssumeRole", "PutUserPolicyThenCreateAccessKey",
    "AttachRolePolicyThenUpdateAssumeRolePolicy", "CreatePolicyVersionThenUpdateAssumeRolePolicy", "PutRolePolicyThenUpdateAssumeRolePolicy",
]; // prettier-ignore
const PATHFINDING_CATALOG = [
    "apprunner-001", "apprunner-002", "bedrock-001", "bedrock-002", "cloudformation-001", "cloudformation-002", "cloudformation-003",
    "cloudformation-004", "cloudformation-005", "codebuild-001", "codebuild-002", "codebuild-003", "codebuild-004", "datapipeline-001",
    "ec2instanceconnect-003", "ec2-001", "ec2-002", "ec2-003", "ec2-004", "ecs-001", "ecs-002", "ecs-003", "ecs-004", "ecs-005", "glue-001",
    "glue-002", "glue-003", "glue-004", "glue-005", "glue-006", "iam-001", "iam-002", "iam-003", "iam-004", "iam-005", "iam-006", "iam-007",
    "iam-008", "iam-009", "iam-010", "iam-011", "iam-012", "iam-013", "iam-014", "iam-015", "iam-016", "iam-017", "iam-018", "iam-019",
    "iam-020", "iam-021", "lambda-001", "lambda-002", "lambda-003", "lambda-004", "lambda-005", "lambda-006", "sagemaker-001", "sagemaker-002",
    "sagemaker-003", "sagemaker-004", "sagemaker-005", "ssm-001", "ssm-002", "sts-001",
]; // prettier-ignore
const PATHFINDING_LABS_ADDITIONS = ["ecs-006", "ecs-007", "ecs-008", "ecs-009", "glue-007"];
/** The methods in the table, and the count the documentation states. */
const TABLE_SIZE = 76;

const idsFrom = (catalog: string) =>
    ESCALATION_METHODS.flatMap((method) => method.upstream.filter((upstream) => upstream.catalog === catalog).map((upstream) => upstream.id));

describe("escalation methods table", () => {
    it(`lists ${TABLE_SIZE} methods (at least 59), each with a unique id, an upstream id and a source`, () => {
        assert.equal(ESCALATION_METHODS.length, TABLE_SIZE);
        assert.ok(ESCALATION_METHODS.length >= 59);
        assert.equal(new Set(ESCALATION_METHODS.map((method) => method.id)).size, ESCALATION_METHODS.length);
        for (const method of ESCALATION_METHODS) {
            assert.ok(method.upstream.length > 0, method.id);
            for (const upstream of method.upstream) assert.match(upstream.source, /^https:\/\/(github\.com|docs\.aws\.amazon\.com)\//, method.id);
        }
    });
    it("covers every method of cloudsplaining's current list, once each", () => {
        assert.deepEqual([...idsFrom("cloudsplaining")].sort(), [...CLOUDSPLAINING].sort());
    });
    it("covers every path of the pathfinding.cloud catalog and the escalation scenarios pathfinding-labs adds", () => {
        assert.deepEqual([...new Set(idsFrom("pathfinding.cloud"))].sort(), [...PATHFINDING_CATALOG].sort());
        for (const id of PATHFINDING_LABS_ADDITIONS) assert.ok(idsFrom("pathfinding-labs").includes(id), id);
    });
    it("names only real actions, and a service for every PassRole method", () => {
        for (const method of ESCALATION_METHODS) {
            for (const action of method.actions) assert.ok(findAction(action), `${method.id}: ${action}`);
            assert.equal(method.actions.includes("iam:PassRole"), method.passedToService !== undefined, method.id);
        }
    });
    it("renders as a Markdown table with one row per method and a link per upstream id", () => {
        const markdown = escalationMethodsMarkdown();
        const rows = markdown.split("\n").filter((line) => line.startsWith("| `"));
        assert.equal(rows.length, ESCALATION_METHODS.length);
        assert.ok(markdown.startsWith(`${ESCALATION_METHODS.length} privilege-escalation methods.`));
        assert.match(
            rows[0],
            /^\| `CreateNewPolicyVersion` \| self-escalation \| `iam:CreatePolicyVersion` \| .* \| \[cloudsplaining CreateNewPolicyVersion\]\(https:\/\/github\.com\/salesforce\/cloudsplaining\/.*\), \[pathfinding\.cloud iam-001\]\(https:\/\/github\.com\/DataDog\/pathfinding\.cloud\/blob\/[0-9a-f]{40}\/data\/paths\/iam\/iam-001\.yaml\) \|$/,
        );
    });
});

describe("escalation corpus", () => {
    for (const corpusCase of ESCALATION_CORPUS) {
        it(`${corpusCase.rule}: ${corpusCase.name}`, () => {
            const rule = MERIDIAN_RULES.find((candidate) => candidate.name === corpusCase.rule);
            assert.ok(rule, corpusCase.rule);
            const outcome = runScenario(rule, corpusCase);
            const found = outcome.findings.map((finding) => finding.message);
            assert.equal(outcome.status, corpusCase.expect, found.join("\n"));
            for (const pattern of corpusCase.finds ?? [])
                assert.ok(
                    found.some((message) => pattern.test(message)),
                    `${pattern} in\n${found.join("\n")}`,
                );
            for (const pattern of corpusCase.misses ?? []) assert.ok(!found.some((message) => pattern.test(message)), `no ${pattern} in\n${found.join("\n")}`);
        });
    }

    /** Method ids named in the rule's findings for one role's stack. */
    const methodsFound = (resources: Parameters<typeof outcomeOf>[1]) =>
        messages(outcomeOf(noPrivilegeEscalation, resources)).map((message) => /via (\w+) /.exec(message)?.[1] ?? message);

    for (const method of ESCALATION_METHODS) {
        it(`${method.id} is found when split across an inline role policy and an attached managed policy`, () => {
            const [first, ...rest] = method.actions;
            const inline = rolePolicy("first", "victim", { Effect: "Allow", Action: rest.length ? first : "sts:GetCallerIdentity", Resource: "*" });
            const managed = managedPolicy("second", { Effect: "Allow", Action: rest.length ? rest : [first], Resource: "*" });
            const found = messages(
                outcomeOf(noPrivilegeEscalation, [role("victim"), inline, managed, attachment("attach", "victim", `arn:aws:iam::${ACCOUNT}:policy/second`)]),
            );
            const finding = found.find((message) => message.includes(`via ${method.id} `));
            assert.ok(finding, `no finding for ${method.id}: ${found.join("; ")}`);
            assert.match(finding, rest.length ? /by policy second and role policy first$/ : /by policy second$/);
        });
        if (method.actions.length > 1) {
            it(`${method.id} is not found when one of its actions is missing`, () => {
                const partial = rolePolicy("partial", "victim", { Effect: "Allow", Action: method.actions.slice(1), Resource: "*" });
                assert.ok(!methodsFound([role("victim"), partial]).includes(method.id));
            });
        }
    }

    it("sees AdministratorAccess attached by ARN: every method", () => {
        const found = methodsFound([role("victim"), attachment("admin", "victim", "arn:aws:iam::aws:policy/AdministratorAccess")]);
        assert.deepEqual(
            found,
            ESCALATION_METHODS.map((method) => method.id),
        );
    });

    it("is cut off by a permissions boundary defined in the stack", () => {
        const boundary = managedPolicy("test-boundary", { Effect: "Allow", Action: ["s3:*", "dynamodb:*"], Resource: "*" });
        const grants = rolePolicy("all", "victim", { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances", "iam:PutRolePolicy"], Resource: "*" });
        assert.deepEqual(methodsFound([boundary, role("victim"), grants]), []);
    });
});
