/**
 * Privilege-escalation methods: sets of actions that, granted together on unrestricted resources,
 * let a principal raise its own privileges. The first group is cloudsplaining's published list;
 * the second the newer `iam:PassRole` chains through ECS, CodeBuild, SageMaker and CloudFormation
 * change sets; the third lifts the permissions boundary that every delegated role relies on.
 */
export interface EscalationMethod {
    id: string;
    /** Every one of these actions must be reachable for the method to work. */
    actions: readonly string[];
    description: string;
}

export const ESCALATION_METHODS: readonly EscalationMethod[] = [
    { id: "CreateNewPolicyVersion", actions: ["iam:CreatePolicyVersion"], description: "write a new default version of a policy attached to itself" },
    { id: "SetExistingDefaultPolicyVersion", actions: ["iam:SetDefaultPolicyVersion"], description: "switch a policy to an older, broader version" },
    { id: "AttachUserPolicy", actions: ["iam:AttachUserPolicy"], description: "attach any managed policy to a user" },
    { id: "AttachGroupPolicy", actions: ["iam:AttachGroupPolicy"], description: "attach any managed policy to a group" },
    { id: "AttachRolePolicy", actions: ["iam:AttachRolePolicy"], description: "attach any managed policy to a role" },
    { id: "PutUserPolicy", actions: ["iam:PutUserPolicy"], description: "write an inline policy on a user" },
    { id: "PutGroupPolicy", actions: ["iam:PutGroupPolicy"], description: "write an inline policy on a group" },
    { id: "PutRolePolicy", actions: ["iam:PutRolePolicy"], description: "write an inline policy on a role" },
    { id: "CreateAccessKey", actions: ["iam:CreateAccessKey"], description: "mint access keys for another user" },
    { id: "CreateLoginProfile", actions: ["iam:CreateLoginProfile"], description: "give another user a console password" },
    { id: "UpdateLoginProfile", actions: ["iam:UpdateLoginProfile"], description: "reset another user's console password" },
    { id: "AddUserToGroup", actions: ["iam:AddUserToGroup"], description: "join a more privileged group" },
    { id: "UpdateAssumeRolePolicy", actions: ["iam:UpdateAssumeRolePolicy"], description: "let itself assume a more privileged role" },
    { id: "PassRoleToEc2", actions: ["iam:PassRole", "ec2:RunInstances"], description: "launch an instance with a privileged role" },
    {
        id: "PassRoleToLambdaThenInvoke",
        actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
        description: "create and invoke a function running as a privileged role",
    },
    {
        id: "PassRoleToLambdaThenEventSource",
        actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
        description: "create a function running as a privileged role and trigger it from an event source",
    },
    { id: "PassRoleToGlueDevEndpoint", actions: ["iam:PassRole", "glue:CreateDevEndpoint"], description: "create a Glue dev endpoint with a privileged role" },
    { id: "PassRoleToCloudFormation", actions: ["iam:PassRole", "cloudformation:CreateStack"], description: "create a stack that runs as a privileged role" },
    { id: "PassRoleToDataPipeline", actions: ["iam:PassRole", "datapipeline:CreatePipeline"], description: "create a pipeline that runs as a privileged role" },
    { id: "UpdateGlueDevEndpoint", actions: ["glue:UpdateDevEndpoint"], description: "add its SSH key to an existing Glue dev endpoint" },
    { id: "UpdateLambdaFunctionCode", actions: ["lambda:UpdateFunctionCode"], description: "replace the code of a function that runs as a privileged role" },
    {
        id: "PassRoleToEcsRunTask",
        actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
        description: "run an ECS task with a privileged task role",
    },
    {
        id: "PassRoleToEcsService",
        actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"],
        description: "start an ECS service with a privileged task role",
    },
    {
        id: "PassRoleToCodeBuild",
        actions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"],
        description: "run a build with a privileged service role",
    },
    {
        id: "PassRoleToCodeBuildBatch",
        actions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuildBatch"],
        description: "run a batch build with a privileged service role",
    },
    {
        id: "PassRoleToSageMakerNotebook",
        actions: ["iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"],
        description: "open a notebook running as a privileged role",
    },
    {
        id: "PassRoleToSageMakerTrainingJob",
        actions: ["iam:PassRole", "sagemaker:CreateTrainingJob"],
        description: "run a training job's code as a privileged role",
    },
    {
        id: "PassRoleToSageMakerProcessingJob",
        actions: ["iam:PassRole", "sagemaker:CreateProcessingJob"],
        description: "run a processing job's code as a privileged role",
    },
    {
        id: "PassRoleToCloudFormationChangeSet",
        actions: ["iam:PassRole", "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"],
        description: "execute a change set that runs as a privileged role",
    },
    {
        id: "DeleteRolePermissionsBoundary",
        actions: ["iam:DeleteRolePermissionsBoundary"],
        description: "remove the permissions boundary from a role, its own included",
    },
    {
        id: "PutRolePermissionsBoundary",
        actions: ["iam:PutRolePermissionsBoundary"],
        description: "replace a role's permissions boundary with a broader policy",
    },
];
