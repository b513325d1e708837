/**
 * Privilege-escalation methods: sets of actions that, granted together on resources the grantee
 * does not own exclusively (or on its own identity), let a principal raise its privileges. Each row
 * cites its upstream ids and sources:
 * - salesforce/cloudsplaining, PRIVILEGE_ESCALATION_METHODS in cloudsplaining/shared/constants.py
 *   (commit 5012eab1f7429ef3702e8f8379ed0a207ba77804);
 * - DataDog's pathfinding.cloud catalog, data/paths/<service>/<id>.yaml in DataDog/pathfinding.cloud
 *   (commit 84dd65c97fc21dee54f4587be6dfd5b7b5fe320c), published at https://pathfinding.cloud/paths/<id>;
 * - scenarios DataDog/pathfinding-labs adds to that catalog, modules/scenarios/.../scenario.yaml
 *   (commit 28cbf9aa530cdfa1035fe17e0b06673d99044dfb);
 * - the permissions-boundary methods Meridian's delegation design depends on, from the IAM User Guide.
 * Where upstream lists differ on a method's actions, the row takes the fuller set a working attack needs.
 */

export type EscalationKind =
    /** The principal changes its own permissions (a policy on itself, its groups or its boundary). */
    | "self-escalation"
    /** The principal acts as another principal (keys, passwords, trust, assuming a role). */
    | "principal-access"
    /** The principal hands an existing role to a new compute resource it controls (needs iam:PassRole). */
    | "new-passrole"
    /** The principal takes over a resource that already runs as a role: no iam:PassRole needed. */
    | "existing-passrole";

export type UpstreamCatalog = "cloudsplaining" | "pathfinding.cloud" | "pathfinding-labs" | "aws-docs";

export interface UpstreamMethod {
    catalog: UpstreamCatalog;
    id: string;
    source: string;
}

export interface EscalationMethod {
    id: string;
    /** Every one of these actions must be reachable for the method to work. */
    actions: readonly string[];
    description: string;
    kind: EscalationKind;
    /** The service a PassRole method hands the role to, which an `iam:PassedToService` condition must admit. */
    passedToService?: string;
    upstream: readonly UpstreamMethod[];
}

const CLOUDSPLAINING = "https://github.com/salesforce/cloudsplaining/blob/5012eab1f7429ef3702e8f8379ed0a207ba77804/cloudsplaining/shared/constants.py";
const PATHFINDING = "https://github.com/DataDog/pathfinding.cloud/blob/84dd65c97fc21dee54f4587be6dfd5b7b5fe320c/data/paths";
const LABS =
    "https://github.com/DataDog/pathfinding-labs/blob/28cbf9aa530cdfa1035fe17e0b06673d99044dfb/modules/scenarios/single-account/privesc-one-hop/to-admin";
const BOUNDARIES = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html";

const cs = (id: string): UpstreamMethod => ({ catalog: "cloudsplaining", id, source: CLOUDSPLAINING });
const pf = (id: string, folder = id.replace(/-\d+$/, "")): UpstreamMethod => ({
    catalog: "pathfinding.cloud",
    id,
    source: `${PATHFINDING}/${folder}/${id}.yaml`,
});
const labs = (id: string, scenario: string): UpstreamMethod => ({ catalog: "pathfinding-labs", id, source: `${LABS}/${scenario}/scenario.yaml` });
const aws = (id: string): UpstreamMethod => ({ catalog: "aws-docs", id, source: BOUNDARIES });

export const ESCALATION_METHODS: readonly EscalationMethod[] = [
    // Writing permissions onto itself, its groups or its policies.
    {
        id: "CreateNewPolicyVersion",
        actions: ["iam:CreatePolicyVersion"],
        kind: "self-escalation",
        description: "write a new default version of a policy attached to itself",
        upstream: [cs("CreateNewPolicyVersion"), pf("iam-001")],
    },
    {
        id: "SetExistingDefaultPolicyVersion",
        actions: ["iam:SetDefaultPolicyVersion"],
        kind: "self-escalation",
        description: "switch a policy attached to itself to an older, broader version",
        upstream: [cs("SetExistingDefaultPolicyVersion")],
    },
    {
        id: "AttachUserPolicy",
        actions: ["iam:AttachUserPolicy"],
        kind: "self-escalation",
        description: "attach any managed policy to a user",
        upstream: [cs("AttachUserPolicy"), pf("iam-008")],
    },
    {
        id: "AttachGroupPolicy",
        actions: ["iam:AttachGroupPolicy"],
        kind: "self-escalation",
        description: "attach any managed policy to a group",
        upstream: [cs("AttachGroupPolicy"), pf("iam-010")],
    },
    {
        id: "AttachRolePolicy",
        actions: ["iam:AttachRolePolicy"],
        kind: "self-escalation",
        description: "attach any managed policy to a role",
        upstream: [cs("AttachRolePolicy"), pf("iam-009")],
    },
    {
        id: "PutUserPolicy",
        actions: ["iam:PutUserPolicy"],
        kind: "self-escalation",
        description: "write an inline policy on a user",
        upstream: [cs("PutUserPolicy"), pf("iam-007")],
    },
    {
        id: "PutGroupPolicy",
        actions: ["iam:PutGroupPolicy"],
        kind: "self-escalation",
        description: "write an inline policy on a group",
        upstream: [cs("PutGroupPolicy"), pf("iam-011")],
    },
    {
        id: "PutRolePolicy",
        actions: ["iam:PutRolePolicy"],
        kind: "self-escalation",
        description: "write an inline policy on a role",
        upstream: [cs("PutRolePolicy"), pf("iam-005")],
    },
    {
        id: "AddUserToGroup",
        actions: ["iam:AddUserToGroup"],
        kind: "self-escalation",
        description: "join a more privileged group",
        upstream: [cs("AddUserToGroup"), pf("iam-013")],
    },
    {
        id: "DeleteRolePermissionsBoundary",
        actions: ["iam:DeleteRolePermissionsBoundary"],
        kind: "self-escalation",
        description: "remove the permissions boundary from a role, its own included",
        upstream: [aws("DeleteRolePermissionsBoundary")],
    },
    {
        id: "PutRolePermissionsBoundary",
        actions: ["iam:PutRolePermissionsBoundary"],
        kind: "self-escalation",
        description: "replace a role's permissions boundary with a broader policy",
        upstream: [aws("PutRolePermissionsBoundary")],
    },
    {
        id: "DeleteUserPermissionsBoundary",
        actions: ["iam:DeleteUserPermissionsBoundary"],
        kind: "self-escalation",
        description: "remove the permissions boundary from a user, its own included",
        upstream: [aws("DeleteUserPermissionsBoundary")],
    },
    {
        id: "PutUserPermissionsBoundary",
        actions: ["iam:PutUserPermissionsBoundary"],
        kind: "self-escalation",
        description: "replace a user's permissions boundary with a broader policy",
        upstream: [aws("PutUserPermissionsBoundary")],
    },
    // Acting as another principal.
    {
        id: "CreateAccessKey",
        actions: ["iam:CreateAccessKey"],
        kind: "principal-access",
        description: "mint access keys for another user",
        upstream: [cs("CreateAccessKey"), pf("iam-002")],
    },
    {
        id: "CreateAndRotateAccessKey",
        actions: ["iam:CreateAccessKey", "iam:DeleteAccessKey"],
        kind: "principal-access",
        description: "delete one of another user's two access keys and mint a new one",
        upstream: [cs("CreateAndRotateAccessKey"), pf("iam-003")],
    },
    {
        id: "CreateLoginProfile",
        actions: ["iam:CreateLoginProfile"],
        kind: "principal-access",
        description: "give another user a console password",
        upstream: [cs("CreateLoginProfile"), pf("iam-004")],
    },
    {
        id: "UpdateLoginProfile",
        actions: ["iam:UpdateLoginProfile"],
        kind: "principal-access",
        description: "reset another user's console password",
        upstream: [cs("UpdateLoginProfile"), pf("iam-006")],
    },
    {
        id: "UpdateRolePolicyToAssumeIt",
        actions: ["iam:UpdateAssumeRolePolicy"],
        kind: "principal-access",
        description: "let itself assume a more privileged role by rewriting its trust policy",
        upstream: [cs("UpdateRolePolicyToAssumeIt"), pf("iam-012")],
    },
    {
        id: "AssumeRoleTrustingItsAccount",
        actions: ["sts:AssumeRole"],
        kind: "principal-access",
        description: "assume any role whose trust policy admits it (every role trusting its account's root)",
        upstream: [pf("sts-001")],
    },
    {
        id: "AttachRolePolicyThenAssumeRole",
        actions: ["iam:AttachRolePolicy", "sts:AssumeRole"],
        kind: "principal-access",
        description: "attach an administrative policy to a role it can assume, then assume it",
        upstream: [pf("iam-014")],
    },
    {
        id: "AttachUserPolicyThenCreateAccessKey",
        actions: ["iam:AttachUserPolicy", "iam:CreateAccessKey"],
        kind: "principal-access",
        description: "attach an administrative policy to another user, then mint keys for it",
        upstream: [cs("AttachUserPolicyThenCreateAccessKey"), pf("iam-015")],
    },
    {
        id: "CreatePolicyVersionThenAssumeRole",
        actions: ["iam:CreatePolicyVersion", "sts:AssumeRole"],
        kind: "principal-access",
        description: "rewrite a policy of a role it can assume, then assume it",
        upstream: [cs("CreatePolicyVersionThenAssumeRole"), pf("iam-016")],
    },
    {
        id: "PutRolePolicyThenAssumeRole",
        actions: ["iam:PutRolePolicy", "sts:AssumeRole"],
        kind: "principal-access",
        description: "write an inline policy on a role it can assume, then assume it",
        upstream: [pf("iam-017")],
    },
    {
        id: "PutUserPolicyThenCreateAccessKey",
        actions: ["iam:PutUserPolicy", "iam:CreateAccessKey"],
        kind: "principal-access",
        description: "write an inline policy on another user, then mint keys for it",
        upstream: [cs("PutUserPolicyThenCreateAccessKey"), pf("iam-018")],
    },
    {
        id: "AttachRolePolicyThenUpdateAssumeRolePolicy",
        actions: ["iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"],
        kind: "principal-access",
        description: "attach an administrative policy to a role, then make the role trust itself",
        upstream: [cs("AttachRolePolicyThenUpdateAssumeRolePolicy"), pf("iam-019")],
    },
    {
        id: "CreatePolicyVersionThenUpdateAssumeRolePolicy",
        actions: ["iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy"],
        kind: "principal-access",
        description: "rewrite a role's policy, then make the role trust itself",
        upstream: [cs("CreatePolicyVersionThenUpdateAssumeRolePolicy"), pf("iam-020")],
    },
    {
        id: "PutRolePolicyThenUpdateAssumeRolePolicy",
        actions: ["iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"],
        kind: "principal-access",
        description: "write an inline policy on a role, then make the role trust itself",
        upstream: [cs("PutRolePolicyThenUpdateAssumeRolePolicy"), pf("iam-021")],
    },
    // Passing an existing role to a new resource it controls.
    {
        id: "CreateEC2WithExistingIP",
        actions: ["iam:PassRole", "ec2:RunInstances"],
        kind: "new-passrole",
        passedToService: "ec2.amazonaws.com",
        description: "launch an instance with a privileged instance profile",
        upstream: [cs("CreateEC2WithExistingIP"), pf("ec2-001")],
    },
    {
        id: "PassExistingRoleToNewEC2SpotInstance",
        actions: ["iam:PassRole", "ec2:RequestSpotInstances"],
        kind: "new-passrole",
        passedToService: "ec2.amazonaws.com",
        description: "request a spot instance with a privileged instance profile",
        upstream: [cs("PassExistingRoleToNewEC2SpotInstance"), pf("ec2-003"), labs("ec2-004", "ec2-004-iam-passrole+ec2-requestspotinstances")],
    },
    {
        id: "PassExistingRoleToNewLambdaThenInvoke",
        actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
        kind: "new-passrole",
        passedToService: "lambda.amazonaws.com",
        description: "create and invoke a function running as a privileged role",
        upstream: [cs("PassExistingRoleToNewLambdaThenInvoke"), pf("lambda-001")],
    },
    {
        id: "PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo",
        actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
        kind: "new-passrole",
        passedToService: "lambda.amazonaws.com",
        description: "create a function running as a privileged role and trigger it from an existing stream",
        upstream: [cs("PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo"), pf("lambda-002")],
    },
    {
        id: "PassExistingRoleToNewLambdaThenTriggerWithNewDynamo",
        actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping", "dynamodb:CreateTable", "dynamodb:PutItem"],
        kind: "new-passrole",
        passedToService: "lambda.amazonaws.com",
        description: "create a function running as a privileged role and trigger it from a table it creates",
        upstream: [cs("PassExistingRoleToNewLambdaThenTriggerWithNewDynamo"), pf("lambda-002")],
    },
    {
        id: "PassExistingRoleToNewLambdaThenAddPermission",
        actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"],
        kind: "new-passrole",
        passedToService: "lambda.amazonaws.com",
        description: "create a function running as a privileged role and let itself invoke it",
        upstream: [cs("PassExistingRoleToNewLambdaThenAddPermission"), pf("lambda-006")],
    },
    {
        id: "PassExistingRoleToNewGlueDevEndpoint",
        actions: ["iam:PassRole", "glue:CreateDevEndpoint"],
        kind: "new-passrole",
        passedToService: "glue.amazonaws.com",
        description: "create a Glue development endpoint with a privileged role and log in to it",
        upstream: [cs("PassExistingRoleToNewGlueDevEndpoint"), pf("glue-001")],
    },
    {
        id: "PassExistingRoleToNewGlueJobThenRun",
        actions: ["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"],
        kind: "new-passrole",
        passedToService: "glue.amazonaws.com",
        description: "create a Glue job with a privileged role and run it",
        upstream: [cs("PassExistingRoleToNewGlueJobThenRun"), pf("glue-003")],
    },
    {
        id: "PassExistingRoleToNewGlueJobViaTrigger",
        actions: ["iam:PassRole", "glue:CreateJob", "glue:CreateTrigger"],
        kind: "new-passrole",
        passedToService: "glue.amazonaws.com",
        description: "create a Glue job with a privileged role and a trigger that runs it",
        upstream: [cs("PassExistingRoleToNewGlueJobViaTrigger"), pf("glue-004")],
    },
    {
        id: "PassExistingRoleToUpdatedGlueJobThenRun",
        actions: ["iam:PassRole", "glue:UpdateJob", "glue:StartJobRun"],
        kind: "new-passrole",
        passedToService: "glue.amazonaws.com",
        description: "switch an existing Glue job to a privileged role and run it",
        upstream: [cs("PassExistingRoleToUpdatedGlueJobThenRun"), pf("glue-005")],
    },
    {
        id: "PassExistingRoleToUpdatedGlueJobViaTrigger",
        actions: ["iam:PassRole", "glue:UpdateJob", "glue:CreateTrigger"],
        kind: "new-passrole",
        passedToService: "glue.amazonaws.com",
        description: "switch an existing Glue job to a privileged role and trigger it",
        upstream: [cs("PassExistingRoleToUpdatedGlueJobViaTrigger"), pf("glue-006")],
    },
    {
        id: "PassExistingRoleToNewGlueInteractiveSession",
        actions: ["iam:PassRole", "glue:CreateSession", "glue:RunStatement"],
        kind: "new-passrole",
        passedToService: "glue.amazonaws.com",
        description: "open a Glue interactive session with a privileged role and run code in it",
        upstream: [labs("glue-007", "glue-007-iam-passrole+glue-createsession+glue-runstatement")],
    },
    {
        id: "PassExistingRoleToCloudFormation",
        actions: ["iam:PassRole", "cloudformation:CreateStack"],
        kind: "new-passrole",
        passedToService: "cloudformation.amazonaws.com",
        description: "create a stack whose service role is privileged",
        upstream: [cs("PassExistingRoleToCloudFormation"), pf("cloudformation-001")],
    },
    {
        id: "PassExistingRoleToNewCloudFormationStackSet",
        actions: ["iam:PassRole", "cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"],
        kind: "new-passrole",
        passedToService: "cloudformation.amazonaws.com",
        description: "create a stack set with a privileged administration role and deploy it",
        upstream: [cs("PassExistingRoleToNewCloudFormationStackSet"), pf("cloudformation-003")],
    },
    {
        id: "PassRoleToUpdateCloudFormationStackSet",
        actions: ["iam:PassRole", "cloudformation:UpdateStackSet"],
        kind: "new-passrole",
        passedToService: "cloudformation.amazonaws.com",
        description: "point an existing stack set at a privileged role and a template of its choosing",
        upstream: [cs("PassRoleToUpdateCloudFormationStackSet"), pf("cloudformation-004")],
    },
    {
        id: "PassExistingRoleToNewDataPipeline",
        actions: ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline"],
        kind: "new-passrole",
        passedToService: "datapipeline.amazonaws.com",
        description: "create and activate a pipeline that runs as a privileged role",
        upstream: [cs("PassExistingRoleToNewDataPipeline"), pf("datapipeline-001")],
    },
    {
        id: "PassExistingRoleToNewCodeBuildProjectThenBuild",
        actions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"],
        kind: "new-passrole",
        passedToService: "codebuild.amazonaws.com",
        description: "create a build project with a privileged service role and run a build",
        upstream: [cs("PassExistingRoleToNewCodeBuildProjectThenBuild"), pf("codebuild-001")],
    },
    {
        id: "PassExistingRoleToNewCodeBuildProjectThenBuildBatch",
        actions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuildBatch"],
        kind: "new-passrole",
        passedToService: "codebuild.amazonaws.com",
        description: "create a build project with a privileged service role and run a batch build",
        upstream: [cs("PassExistingRoleToNewCodeBuildProjectThenBuildBatch"), pf("codebuild-004")],
    },
    {
        id: "PassExistingRoleToNewECSClusterServiceTask",
        actions: ["iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:CreateService"],
        kind: "new-passrole",
        passedToService: "ecs-tasks.amazonaws.com",
        description: "create a cluster and a service whose task role is privileged",
        upstream: [cs("PassExistingRoleToNewECSClusterServiceTask"), pf("ecs-001")],
    },
    {
        id: "PassExistingRoleToNewECSClusterRunTask",
        actions: ["iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
        kind: "new-passrole",
        passedToService: "ecs-tasks.amazonaws.com",
        description: "create a cluster and run a task whose task role is privileged",
        upstream: [cs("PassExistingRoleToNewECSClusterRunTask"), pf("ecs-002")],
    },
    {
        id: "PassExistingRoleToNewECSService",
        actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"],
        kind: "new-passrole",
        passedToService: "ecs-tasks.amazonaws.com",
        description: "start a service whose task role is privileged",
        upstream: [cs("PassExistingRoleToNewECSService"), pf("ecs-003")],
    },
    {
        id: "PassExistingRoleToNewECSTaskViaRunTask",
        actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
        kind: "new-passrole",
        passedToService: "ecs-tasks.amazonaws.com",
        description: "run a task whose task role is privileged",
        upstream: [cs("PassExistingRoleToNewECSTaskViaRunTask"), pf("ecs-004")],
    },
    {
        id: "PassExistingRoleToNewECSTaskViaStartTask",
        actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:StartTask"],
        kind: "new-passrole",
        passedToService: "ecs-tasks.amazonaws.com",
        description: "start a task on chosen container instances with a privileged task role",
        upstream: [cs("PassExistingRoleToNewECSTaskViaStartTask"), pf("ecs-005")],
    },
    {
        id: "PassRoleToTaskOnOwnContainerInstance",
        actions: ["iam:PassRole", "ecs:StartTask", "ecs:RegisterContainerInstance"],
        kind: "new-passrole",
        passedToService: "ecs-tasks.amazonaws.com",
        description: "register its own container instance and start a task there with a privileged task role",
        upstream: [labs("ecs-007", "ecs-007-iam-passrole+ecs-starttask+ecs-registercontainerinstance")],
    },
    {
        id: "OverrideTaskRoleViaRunTask",
        actions: ["iam:PassRole", "ecs:RunTask"],
        kind: "new-passrole",
        passedToService: "ecs-tasks.amazonaws.com",
        description: "run an existing task definition with its task role overridden by a privileged one",
        upstream: [labs("ecs-008", "ecs-008-iam-passrole+ecs-runtask")],
    },
    {
        id: "OverrideTaskRoleViaStartTask",
        actions: ["iam:PassRole", "ecs:StartTask"],
        kind: "new-passrole",
        passedToService: "ecs-tasks.amazonaws.com",
        description: "start an existing task definition with its task role overridden by a privileged one",
        upstream: [labs("ecs-009", "ecs-009-iam-passrole+ecs-starttask")],
    },
    {
        id: "PassExistingRoleToNewSageMakerNotebookInstance",
        actions: ["iam:PassRole", "sagemaker:CreateNotebookInstance"],
        kind: "new-passrole",
        passedToService: "sagemaker.amazonaws.com",
        description: "create a notebook instance running as a privileged role",
        upstream: [cs("PassExistingRoleToNewSageMakerNotebookInstance"), pf("sagemaker-001")],
    },
    {
        id: "PassExistingRoleToNewSageMakerTrainingJob",
        actions: ["iam:PassRole", "sagemaker:CreateTrainingJob"],
        kind: "new-passrole",
        passedToService: "sagemaker.amazonaws.com",
        description: "run a training job's code as a privileged role",
        upstream: [cs("PassExistingRoleToNewSageMakerTrainingJob"), pf("sagemaker-002")],
    },
    {
        id: "PassExistingRoleToNewSageMakerProcessingJob",
        actions: ["iam:PassRole", "sagemaker:CreateProcessingJob"],
        kind: "new-passrole",
        passedToService: "sagemaker.amazonaws.com",
        description: "run a processing job's code as a privileged role",
        upstream: [cs("PassExistingRoleToNewSageMakerProcessingJob"), pf("sagemaker-003")],
    },
    {
        id: "PassExistingRoleToNewAppRunnerService",
        actions: ["iam:PassRole", "apprunner:CreateService"],
        kind: "new-passrole",
        passedToService: "tasks.apprunner.amazonaws.com",
        description: "create an App Runner service whose instance role is privileged",
        upstream: [cs("PassExistingRoleToNewAppRunnerService"), pf("apprunner-001")],
    },
    {
        id: "PassExistingRoleToNewBedrockCodeInterpreter",
        actions: [
            "iam:PassRole",
            "bedrock-agentcore:CreateCodeInterpreter",
            "bedrock-agentcore:StartCodeInterpreterSession",
            "bedrock-agentcore:InvokeCodeInterpreter",
        ],
        kind: "new-passrole",
        passedToService: "bedrock-agentcore.amazonaws.com",
        description: "create a Bedrock AgentCore code interpreter with a privileged role and run code in it",
        upstream: [cs("PassExistingRoleToNewBedrockCodeInterpreter"), pf("bedrock-001")],
    },
    {
        id: "ExecuteCloudFormationChangeSet",
        actions: ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"],
        kind: "existing-passrole",
        description: "execute a change set on an existing stack, which runs as the stack's privileged service role",
        upstream: [cs("ExecuteCloudFormationChangeSet"), pf("cloudformation-005")],
    },
    // Taking over resources that already run as a role: service-based, no iam:PassRole.
    {
        id: "UpdateExistingGlueDevEndpoint",
        actions: ["glue:UpdateDevEndpoint"],
        kind: "existing-passrole",
        description: "add its SSH key to an existing Glue development endpoint and use its role",
        upstream: [cs("UpdateExistingGlueDevEndpoint"), pf("glue-002")],
    },
    {
        id: "EditExistingLambdaFunctionWithRole",
        actions: ["lambda:UpdateFunctionCode"],
        kind: "existing-passrole",
        description: "replace the code of a function that runs as a privileged role",
        upstream: [cs("EditExistingLambdaFunctionWithRole"), pf("lambda-003")],
    },
    {
        id: "UpdateAndInvokeLambdaFunction",
        actions: ["lambda:UpdateFunctionCode", "lambda:InvokeFunction"],
        kind: "existing-passrole",
        description: "replace a privileged function's code and invoke it",
        upstream: [cs("UpdateAndInvokeLambdaFunction"), pf("lambda-004")],
    },
    {
        id: "UpdateLambdaFunctionAndAddPermission",
        actions: ["lambda:UpdateFunctionCode", "lambda:AddPermission"],
        kind: "existing-passrole",
        description: "replace a privileged function's code and let itself invoke it",
        upstream: [cs("UpdateLambdaFunctionAndAddPermission"), pf("lambda-005")],
    },
    {
        id: "AccessExistingBedrockCodeInterpreterSession",
        actions: ["bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"],
        kind: "existing-passrole",
        description: "run code in an existing Bedrock AgentCore code interpreter that has a privileged role",
        upstream: [cs("AccessExistingBedrockCodeInterpreterSession"), pf("bedrock-002")],
    },
    {
        id: "ModifyEC2InstanceUserDataThenRestart",
        actions: ["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"],
        kind: "existing-passrole",
        description: "rewrite an instance's user data and restart it, running code as its instance profile",
        upstream: [cs("ModifyEC2InstanceUserDataThenRestart"), pf("ec2-002")],
    },
    {
        id: "ModifyExistingEC2LaunchTemplate",
        actions: ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"],
        kind: "existing-passrole",
        description: "make a launch template's default version run its code with the template's privileged role",
        upstream: [cs("ModifyExistingEC2LaunchTemplate"), pf("ec2-004"), labs("ec2-005", "ec2-005-ec2-createlaunchtemplateversion+ec2-modifylaunchtemplate")],
    },
    {
        id: "EC2InstanceConnectSendSSHPublicKey",
        actions: ["ec2-instance-connect:SendSSHPublicKey", "ec2:DescribeInstances"],
        kind: "existing-passrole",
        description: "push an SSH key to an instance through EC2 Instance Connect and use its instance profile",
        upstream: [
            cs("EC2InstanceConnectSendSSHPublicKey"),
            pf("ec2instanceconnect-003", "ec2-instance-connect"),
            labs("ec2-003", "ec2-003-ec2-instance-connect-sendsshpublickey"),
        ],
    },
    {
        id: "ECSExecuteCommandOnRunningTask",
        actions: ["ecs:ExecuteCommand", "ecs:DescribeTasks"],
        kind: "existing-passrole",
        description: "open a shell in a running task and use its task role",
        upstream: [cs("ECSExecuteCommandOnRunningTask"), labs("ecs-006", "ecs-006-ecs-executecommand+describetasks")],
    },
    {
        id: "CreatePresignedSageMakerNotebookUrl",
        actions: ["sagemaker:CreatePresignedNotebookInstanceUrl"],
        kind: "existing-passrole",
        description: "open an existing notebook instance that runs as a privileged role",
        upstream: [cs("CreatePresignedSageMakerNotebookUrl"), pf("sagemaker-004")],
    },
    {
        id: "UpdateSageMakerNotebookLifecycleConfig",
        actions: [
            "sagemaker:CreateNotebookInstanceLifecycleConfig",
            "sagemaker:StopNotebookInstance",
            "sagemaker:UpdateNotebookInstance",
            "sagemaker:StartNotebookInstance",
        ],
        kind: "existing-passrole",
        description: "give a privileged notebook instance a start-up script of its choosing and restart it",
        upstream: [cs("UpdateSageMakerNotebookLifecycleConfig"), pf("sagemaker-005")],
    },
    {
        id: "UpdateExistingCloudFormationStack",
        actions: ["cloudformation:UpdateStack"],
        kind: "existing-passrole",
        description: "update an existing stack, which runs as the stack's privileged service role",
        upstream: [pf("cloudformation-002")],
    },
    {
        id: "StartBuildOnExistingCodeBuildProject",
        actions: ["codebuild:StartBuild"],
        kind: "existing-passrole",
        description: "start a build of an existing project with its own buildspec, running as the project's service role",
        upstream: [pf("codebuild-002")],
    },
    {
        id: "StartBuildBatchOnExistingCodeBuildProject",
        actions: ["codebuild:StartBuildBatch"],
        kind: "existing-passrole",
        description: "start a batch build of an existing project with its own buildspec, running as the project's service role",
        upstream: [pf("codebuild-003")],
    },
    {
        id: "UpdateExistingAppRunnerService",
        actions: ["apprunner:UpdateService"],
        kind: "existing-passrole",
        description: "point an existing App Runner service at code of its choosing, running as the service's role",
        upstream: [pf("apprunner-002")],
    },
    {
        id: "StartSessionOnInstanceWithRole",
        actions: ["ssm:StartSession"],
        kind: "existing-passrole",
        description: "open a Session Manager shell on an instance and use its instance profile",
        upstream: [pf("ssm-001")],
    },
    {
        id: "SendCommandToInstanceWithRole",
        actions: ["ssm:SendCommand"],
        kind: "existing-passrole",
        description: "run commands on an instance through SSM Run Command and use its instance profile",
        upstream: [pf("ssm-002")],
    },
];
