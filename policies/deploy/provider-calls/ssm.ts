import { cfnSchema, type ResourceTypeCalls, tfProvider } from "../provider-call-kit";

const PARAMETER = tfProvider("internal/service/ssm/parameter.go");
const PARAMETER_SCHEMA = cfnSchema("aws-ssm-parameter.json");

export const SSM_CALLS: readonly ResourceTypeCalls[] = [
    {
        type: "aws:ssm/parameter:Parameter",
        arnVariables: { ParameterNameWithoutLeadingSlash: "outputs.name|noLeadingSlash" },
        tags: "inputs.tags",
        sources: [PARAMETER, PARAMETER_SCHEMA],
        calls: [
            { action: "ssm:PutParameter", phases: ["create"], creates: true, sendsTags: true, source: PARAMETER },
            { action: "ssm:AddTagsToResource", phases: ["create"], creates: true, sendsTags: true, resourceTypes: ["parameter"], source: PARAMETER_SCHEMA },
            { action: "ssm:PutParameter", phases: ["update"], source: PARAMETER },
            { action: "ssm:AddTagsToResource", phases: ["update"], sendsTags: true, resourceTypes: ["parameter"], source: PARAMETER },
            { action: "ssm:RemoveTagsFromResource", phases: ["update"], resourceTypes: ["parameter"], source: PARAMETER },
            { action: "ssm:GetParameter", phases: ["read"], source: PARAMETER },
            // The parameter's description and tier are read by listing parameters filtered by name.
            { action: "ssm:DescribeParameters", phases: ["read"], source: PARAMETER },
            { action: "ssm:ListTagsForResource", phases: ["read"], resourceTypes: ["parameter"], source: PARAMETER },
            { action: "ssm:DeleteParameter", phases: ["delete"], source: PARAMETER },
        ],
    },
];
