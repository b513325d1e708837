import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const FUNCTION = tfProvider("internal/service/lambda/function.go");
const FUNCTION_SCHEMA = cfnSchema("aws-lambda-function.json");
const PERMISSION = tfProvider("internal/service/lambda/permission.go");
const PASS_ROLE = { roleArn: "inputs.role", toService: "lambda.amazonaws.com" };

export const LAMBDA_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:lambda/function:Function",
        arnVariables: { FunctionName: "outputs.name" },
        tags: "inputs.tags",
        sources: [FUNCTION, FUNCTION_SCHEMA],
        calls: [
            { action: "lambda:CreateFunction", phases: ["create"], creates: true, sendsTags: true, source: FUNCTION },
            { action: "lambda:TagResource", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["function"], source: FUNCTION_SCHEMA },
            { action: "iam:PassRole", phases: ["create", "update"], passesRole: PASS_ROLE, source: FUNCTION_SCHEMA },
            // waitFunctionCreated / waitFunctionUpdated poll the function's configuration.
            { action: "lambda:GetFunctionConfiguration", phases: ["create", "update"], source: FUNCTION },
            { action: "lambda:PutFunctionConcurrency", phases: ["create", "update"], when: { input: "reservedConcurrentExecutions" }, source: FUNCTION },
            { action: "lambda:UpdateFunctionConfiguration", phases: ["update"], source: FUNCTION },
            { action: "lambda:UpdateFunctionCode", phases: ["update"], source: FUNCTION },
            { action: "lambda:PublishVersion", phases: ["create", "update"], when: { input: "publish", equals: true }, source: FUNCTION },
            { action: "lambda:TagResource", phases: ["update"], sendsTags: true, resourceTypes: ["function"], source: FUNCTION },
            { action: "lambda:UntagResource", phases: ["update"], resourceTypes: ["function"], source: FUNCTION },
            { action: "lambda:GetFunction", phases: ["read"], source: FUNCTION },
            { action: "lambda:ListVersionsByFunction", phases: ["read"], source: FUNCTION },
            { action: "lambda:GetFunctionCodeSigningConfig", phases: ["read"], source: FUNCTION },
            { action: "lambda:DeleteFunction", phases: ["delete"], source: FUNCTION },
        ],
    },
    {
        type: "aws:lambda/permission:Permission",
        arnVariables: { FunctionName: "inputs.function|last" },
        requestKeys: { "lambda:Principal": "inputs.principal", "lambda:FunctionUrlAuthType": "inputs.functionUrlAuthType" },
        sources: [PERMISSION, cfnSchema("aws-lambda-permission.json")],
        calls: [
            { action: "lambda:AddPermission", phases: ["create"], source: PERMISSION },
            { action: "lambda:GetPolicy", phases: ["read"], source: PERMISSION },
            { action: "lambda:RemovePermission", phases: ["delete"], source: PERMISSION },
        ],
    },
];
