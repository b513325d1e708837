import { type AccountScope, type AllowStatement, type PolicyDocument, arn, policyDocument } from "./policy-document";

export interface HealthRoleScope extends AccountScope {
    region: string;
    tableArn: string;
    busArn: string;
    parameterArn: string;
    functionName: string;
}

/** The health-check Lambda touches exactly its table, its bus, its switch parameter and its log group. */
export function healthRolePolicyDocument(scope: HealthRoleScope): PolicyDocument {
    return policyDocument([
        {
            Sid: "TraceTable",
            Effect: "Allow",
            Action: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"],
            Resource: [scope.tableArn],
        },
        { Sid: "PublishTrace", Effect: "Allow", Action: ["events:PutEvents"], Resource: [scope.busArn] },
        { Sid: "ForceUnhealthySwitch", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: [scope.parameterArn] },
        logStatement(scope, scope.functionName),
    ]);
}

export interface WorkloadRoleScope extends AccountScope {
    region: string;
    /** The owner's `<prefix>-*` functions run under this role. */
    functionNamePattern: string;
    /**
     * The buses its publishers' global endpoint routes to: the region's own and the endpoint's
     * secondary, where PutEvents lands once the endpoint has failed over.
     */
    busArns: string[];
}

/** The baseline a subsystem's functions start from: publish through the region's global endpoint and write their logs. */
export function workloadRolePolicyDocument(scope: WorkloadRoleScope): PolicyDocument {
    return policyDocument([
        { Sid: "PublishToBus", Effect: "Allow", Action: ["events:PutEvents"], Resource: [...scope.busArns] },
        logStatement(scope, scope.functionNamePattern),
    ]);
}

function logStatement(scope: AccountScope & { region: string }, functionName: string): AllowStatement {
    const group = arn(scope, "logs", scope.region, `log-group:/aws/lambda/${functionName}`);
    return {
        Sid: "OwnLogGroups",
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [group, `${group}:log-stream:*`],
    };
}
